// Taker fees applied to prices and costs. Fees are modelled as a fraction of the quote amount, the way all three
// venues charge spot takers (Binance can take its fee in the bought asset; in quote terms that is the same cost).
import { minus, ONE, plus, times, type Exact } from '../exact/index.js'
import type { Side } from '../types.js'

/** What a price is multiplied by after the taker fee: 1 + fee for a buy, 1 − fee for a sell. */
export function feeFactor(takerFee: Exact, side: Side): Exact {
  return side === 'buy' ? plus(ONE, takerFee) : minus(ONE, takerFee)
}

/** Price per unit after the taker fee: buy price × (1 + fee), sell price × (1 − fee); `factor` is feeFactor's. */
export function priceAfterFee(price: Exact, factor: Exact): Exact {
  return times(price, factor)
}

/** Fee in quote on a quote amount. */
export function feeOn(cost: Exact, takerFee: Exact): Exact {
  return times(cost, takerFee)
}
