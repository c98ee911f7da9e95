// Reference copy of domain/book.ts as it was at 991155f, on decimal.js: the equivalence tests compare the exact
// scaled-integer implementation with it. Test-only; not imported by production code.
// Order book arithmetic: walking one side for an amount, top of book, and depth within a price bound.
// Everything is exact (decimal strings); only spreads and bps figures are floats, because they are scores.
import { add, cmp, dec, isPositive, min, mul, str } from './money.js'
import type { BookLevel, DecimalString, OrderBook, Side } from '../../../domain/types.js'

/** The result of taking liquidity from one side of a book. */
export interface BookWalk {
  /** Base amount that the levels could fill (≤ the requested amount). */
  filled: DecimalString
  /** Quote amount paid (asks) or received (bids) for `filled`. */
  cost: DecimalString
  /** cost ÷ filled; absent when nothing filled. */
  average?: DecimalString
  /** Price of the last level touched: the limit price an IOC order needs to fill `filled`. */
  worstPrice?: DecimalString
  /** How many levels were touched, the last one possibly in part. */
  levelsUsed: number
  /** True when the levels ran out before the requested amount was filled. */
  exhausted: boolean
}

/**
 * Takes `amount` from `levels` (best first), level by level, as a taker order would.
 *
 * @example
 * walkBook([['100', '1'], ['101', '2']], '2')
 * // { filled: '2', cost: '201', average: '100.5', worstPrice: '101', levelsUsed: 2, exhausted: false }
 */
export function walkBook(levels: readonly BookLevel[], amount: DecimalString): BookWalk {
  let remaining = dec(amount)
  let filled = dec(0)
  let cost = dec(0)
  let levelsUsed = 0
  let worstPrice: DecimalString | undefined
  for (const [price, size] of levels) {
    if (!remaining.greaterThan(0)) break
    if (!isPositive(size)) continue
    const take = remaining.lessThan(size) ? remaining : dec(size)
    filled = filled.plus(take)
    cost = cost.plus(take.times(price))
    remaining = remaining.minus(take)
    levelsUsed += 1
    worstPrice = str(price)
  }
  const exhausted = remaining.greaterThan(0)
  const walk: BookWalk = { filled: str(filled), cost: str(cost), levelsUsed, exhausted }
  if (filled.greaterThan(0)) {
    walk.average = str(cost.div(filled))
    if (worstPrice !== undefined) walk.worstPrice = worstPrice
  }
  return walk
}

/** The book side a taker order of `side` consumes: a buy lifts the asks, a sell hits the bids. */
export function takerLevels(book: OrderBook, side: Side): BookLevel[] {
  return side === 'buy' ? book.asks : book.bids
}

/** True when `price` is at or better than `limitPrice` for a taker of `side`. */
export function isAtOrBetter(price: DecimalString, limitPrice: DecimalString, side: Side): boolean {
  return side === 'buy' ? cmp(price, limitPrice) <= 0 : cmp(price, limitPrice) >= 0
}

/** The levels a limit order of `side` at `limitPrice` may take (the others it would rest against). */
export function levelsAtOrBetter(levels: readonly BookLevel[], side: Side, limitPrice: DecimalString): BookLevel[] {
  return levels.filter(([price]) => isAtOrBetter(price, limitPrice, side))
}

/** Highest bid, if any. */
export function bestBid(book: OrderBook): DecimalString | undefined {
  return book.bids[0]?.[0]
}

/** Lowest ask, if any. */
export function bestAsk(book: OrderBook): DecimalString | undefined {
  return book.asks[0]?.[0]
}

/**
 * The worst price a taker of `side` accepts when it tolerates `slippageBps` from `referencePrice`:
 * ref × (1 + bps/10 000) for a buy, ref × (1 − bps/10 000) for a sell. Exact.
 */
export function slippageBound(referencePrice: DecimalString, slippageBps: number, side: Side): DecimalString {
  const fraction = dec(slippageBps).div(10_000)
  return mul(referencePrice, side === 'buy' ? dec(1).plus(fraction) : dec(1).minus(fraction))
}

/**
 * Base amount available on `levels` at prices within `slippageBps` of `referencePrice`, for a taker of `side`
 * (asks for a buy, bids for a sell).
 */
export function depthWithin(
  levels: readonly BookLevel[],
  referencePrice: DecimalString,
  slippageBps: number,
  side: Side
): DecimalString {
  const bound = slippageBound(referencePrice, slippageBps, side)
  let depth = '0'
  for (const [, size] of levelsAtOrBetter(levels, side, bound)) {
    if (isPositive(size)) depth = add(depth, size)
  }
  return depth
}

/** min(depth, amount) ÷ amount as a float in 0..1: how much of an order some depth covers. */
export function coverage(depth: DecimalString, amount: DecimalString): number {
  if (!isPositive(amount)) return 0
  return dec(min(depth, amount)).div(amount).toNumber()
}
