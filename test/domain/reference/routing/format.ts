// Reference copy of domain/routing/format.ts as it was at 991155f, on decimal.js: the equivalence tests compare the exact
// scaled-integer implementation with it. Test-only; not imported by production code.
// Number formatting for the readable reasons that routing and arbitrage decisions carry. Display only.
import { dec, str } from '../money.js'
import type { DecimalString } from '../../../../domain/types.js'

/** A price for a sentence: exact up to 8 decimal places, no trailing zeros. */
export function formatPrice(value: DecimalString): string {
  return str(dec(value).toDecimalPlaces(8))
}

/** A fee fraction as a percentage with at least two decimals: "0.001" -> "0.10%", "0.00075" -> "0.075%". */
export function formatFeePct(fraction: DecimalString): string {
  const pct = dec(fraction).times(100)
  return `${pct.toFixed(Math.max(2, pct.decimalPlaces()))}%`
}

/** A float percentage with two decimals: 0.1834 -> "0.18%". */
export function formatPct(value: number): string {
  return `${value.toFixed(2)}%`
}

/** Base currency of a unified symbol: "BTC/USDT" -> "BTC", "BTC/USDT:USDT" -> "BTC". */
export function baseOf(symbol: string): string {
  return symbol.split('/')[0] ?? symbol
}
