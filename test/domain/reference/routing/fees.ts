// Reference copy of domain/routing/fees.ts as it was at 991155f, on decimal.js: the equivalence tests compare the exact
// scaled-integer implementation with it. Test-only; not imported by production code.
// Taker fees applied to prices and costs. Fees are modelled as a fraction of the quote amount, the way all three
// venues charge spot takers (Binance can take its fee in the bought asset; in quote terms that is the same cost).
import { dec, mul, str } from '../money.js'
import type { DecimalString, Side } from '../../../../domain/types.js'

/** Price per unit after the taker fee: buy price × (1 + fee), sell price × (1 − fee). */
export function priceAfterFee(price: DecimalString, takerFee: DecimalString, side: Side): DecimalString {
  const factor = side === 'buy' ? dec(1).plus(takerFee) : dec(1).minus(takerFee)
  return str(dec(price).times(factor))
}

/** Fee in quote on a quote amount. */
export function feeOn(cost: DecimalString, takerFee: DecimalString): DecimalString {
  return mul(cost, takerFee)
}
