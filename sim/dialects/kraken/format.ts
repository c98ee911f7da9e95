// Kraken's number and time formats on the wire: decimals padded to a fixed scale, times in (fractional) seconds.
import { dec } from '../../../domain/money.js'
import type { DecimalString } from '../../../domain/types.js'

/** "30000" with 5 decimals -> "30000.00000", the way Kraken pads prices, volumes and costs. */
export function fixed(value: DecimalString, decimals: number): string {
  return dec(value).toFixed(decimals)
}

/** Number of decimals in a step such as "0.001" (3) or "1" (0). */
export function decimalsOf(step: DecimalString): number {
  return dec(step).decimalPlaces()
}

/** ms since the epoch -> seconds with the milliseconds as decimals (Kraken's opentm, trade time). */
export function seconds(ms: number): number {
  return ms / 1000
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad2 = (n: number): string => String(n).padStart(2, '0')

/** Kraken's Time.rfc1123 format: "Tue, 14 Nov 23 22:13:20 +0000" (two-digit year). */
export function rfc1123(ms: number): string {
  const d = new Date(ms)
  const day = `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())}`
  const date = `${day} ${MONTHS[d.getUTCMonth()]} ${pad2(d.getUTCFullYear() % 100)}`
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
  return `${date} ${time} +0000`
}

/** SystemStatus timestamp: ISO 8601 without milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}
