// How Coinbase Exchange writes numbers, times and product ids on the wire.
import { dec } from '../../../domain/money.js'
import type { DecimalString } from '../../../domain/types.js'

/** Sizes are sent with 8 decimals ("0.01000000"). */
export const SIZE_DECIMALS = 8
/** Fees and executed values are sent with 16 decimals ("0.0000000000000000"). */
export const VALUE_DECIMALS = 16

export function fixed(value: DecimalString, decimals: number): string {
  return dec(value).toFixed(decimals)
}

/** Number of decimals of an increment such as "0.01" (→ 2) or "1" (→ 0). */
export function decimalsOf(increment: DecimalString): number {
  return Math.max(0, dec(increment).decimalPlaces())
}

/** Order and fill times: ISO 8601 with microseconds ("2023-11-14T22:13:20.000000Z"). */
export function isoMicros(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
}

/** Transfer times use Postgres' text form ("2024-05-05 15:38:56.123456+00"). */
export function postgresTime(ms: number): string {
  return isoMicros(ms).replace('T', ' ').replace('Z', '+00')
}

/** BTC/USD → BTC-USD. */
export function productId(symbol: string): string {
  return symbol.replace('/', '-')
}

/** BTC-USD → BTC/USD (undefined for anything that is not BASE-QUOTE). */
export function symbolOf(product: string): string | undefined {
  const parts = product.split('-')
  return parts.length === 2 && parts[0] && parts[1] ? `${parts[0]}/${parts[1]}` : undefined
}

/** Milliseconds from an ISO date query parameter; undefined when absent or unparsable. */
export function parseDateParam(value: string | null): number | undefined {
  if (value === null || value === '') return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}
