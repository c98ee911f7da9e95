// Figures measured against the best price across venues: the market price the caller would see.
import {
  acceptedLevels,
  depthOf,
  isAtOrBetterPrice,
  slippageBoundPrice,
  takerLevels,
  type LevelStream,
} from '../book-levels.js'
import { basisPoints, compare, minOf, minus, parseExact, ratio, type Exact } from '../exact/index.js'
import type { DecimalString, Side } from '../types.js'
import type { VenueSnapshot } from './types.js'

/** Best top of book across `venues` for a taker of `side`: lowest ask for a buy, highest bid for a sell. */
export function bestPriceAcross(venues: readonly VenueSnapshot[], side: Side): DecimalString | undefined {
  let best: DecimalString | undefined
  let bestValue: Exact | undefined
  for (const { book } of venues) {
    const price = takerLevels(book, side)[0]?.[0]
    if (price === undefined) continue
    const value = parseExact(price)
    if (bestValue === undefined || (side === 'buy' ? compare(value, bestValue) < 0 : compare(value, bestValue) > 0)) {
      best = price
      bestValue = value
    }
  }
  return best
}

/**
 * Share (0..1) of `amount` that `levels` hold within `slippageBps` of `marketBest`. Reads levels only until they
 * cover the amount: beyond that the share is 1 whatever else the book holds.
 */
export function liquidityWithin(
  levels: LevelStream,
  amount: Exact,
  marketBest: Exact,
  slippageBps: number,
  side: Side
): number {
  const bound = slippageBoundPrice(marketBest, slippageBps, side)
  const depth = depthOf(
    acceptedLevels(levels, (price) => isAtOrBetterPrice(price, bound, side)),
    amount
  )
  return ratio(minOf(depth, amount), amount)
}

/** How far `averagePrice` is from `marketBest` against the taker, in bps (positive is worse). */
export function slippageFrom(averagePrice: Exact, marketBest: Exact, side: Side): number {
  return basisPoints(side === 'buy' ? minus(averagePrice, marketBest) : minus(marketBest, averagePrice), marketBest)
}
