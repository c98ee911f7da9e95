// Reference copy of domain/routing/market-reference.ts as it was at 991155f, on decimal.js: the equivalence tests compare the exact
// scaled-integer implementation with it. Test-only; not imported by production code.
// Figures measured against the best price across venues: the market price the caller would see.
import { bestAsk, bestBid, coverage, depthWithin } from '../book.js'
import { bps, cmp, dec } from '../money.js'
import type { BookLevel, DecimalString, Side } from '../../../../domain/types.js'
import type { RoutingRequest, VenueSnapshot } from '../../../../domain/routing/types.js'

/** Best top of book across `venues` for a taker of `side`: lowest ask for a buy, highest bid for a sell. */
export function bestPriceAcross(venues: readonly VenueSnapshot[], side: Side): DecimalString | undefined {
  let best: DecimalString | undefined
  for (const { book } of venues) {
    const price = side === 'buy' ? bestAsk(book) : bestBid(book)
    if (price === undefined) continue
    if (best === undefined || (side === 'buy' ? cmp(price, best) < 0 : cmp(price, best) > 0)) best = price
  }
  return best
}

/** Share (0..1) of the requested amount that `levels` hold within `slippageBps` of `marketBest`. */
export function liquidityWithin(
  levels: readonly BookLevel[],
  request: RoutingRequest,
  marketBest: DecimalString,
  slippageBps: number
): number {
  return coverage(depthWithin(levels, marketBest, slippageBps, request.side), request.amount)
}

/** How far `averagePrice` is from `marketBest` against the taker, in bps (positive is worse). */
export function slippageFrom(averagePrice: DecimalString, marketBest: DecimalString, side: Side): number {
  const delta = side === 'buy' ? dec(averagePrice).minus(marketBest) : dec(marketBest).minus(averagePrice)
  return bps(delta, marketBest)
}
