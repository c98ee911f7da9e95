// Number formatting for the readable reasons that routing and arbitrage decisions carry. Display only.
import { decimalPlaces, times, toDecimalPlaces, toDecimalString, toFixedPlaces, type Exact } from '../exact/index.js'

const HUNDRED: Exact = { units: BigInt(100), scale: 0 }

/** A price for a sentence: exact up to 8 decimal places, no trailing zeros. */
export function formatPrice(value: Exact): string {
  return toDecimalString(toDecimalPlaces(value, 8))
}

/** A fee fraction as a percentage with at least two decimals: "0.001" -> "0.10%", "0.00075" -> "0.075%". */
export function formatFeePct(fraction: Exact): string {
  const pct = times(fraction, HUNDRED)
  return `${toFixedPlaces(pct, Math.max(2, decimalPlaces(pct)))}%`
}

/** A float percentage with two decimals: 0.1834 -> "0.18%". */
export function formatPct(value: number): string {
  return `${value.toFixed(2)}%`
}

/** Base currency of a unified symbol: "BTC/USDT" -> "BTC", "BTC/USDT:USDT" -> "BTC". */
export function baseOf(symbol: string): string {
  return symbol.split('/')[0] ?? symbol
}

/** Quote currency of a unified symbol: "BTC/USDT" -> "USDT", "BTC/USDT:USDT" -> "USDT". */
export function quoteOf(symbol: string): string {
  return (symbol.split('/')[1] ?? '').split(':')[0] ?? ''
}
