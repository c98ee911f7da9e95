// Book levels as exact decimals, parsed only as far as a decision reads them. A routing decision for a small order
// on a 1,000-level book reads the few levels it takes and the few within its slippage bound; a split or a full
// walk reads them all, once each. The arithmetic is domain/exact's, so every figure equals money.ts's.
import {
  compare,
  dividedBy,
  exactFromNumber,
  isPositive,
  minus,
  ONE,
  parseExact,
  plus,
  times,
  ZERO,
  type Exact,
} from './exact/index.js'
import type { BookLevel, OrderBook, Side } from './types.js'

export interface ExactLevel {
  readonly price: Exact
  readonly size: Exact
}

/** Levels best first, read on demand; `at` parses up to the level asked for, once. */
export interface LevelStream {
  /** The `index`-th level of the stream, or undefined past its last. */
  at(index: number): ExactLevel | undefined
}

/** The book side a taker order of `side` consumes: a buy lifts the asks, a sell hits the bids. */
export function takerLevels(book: OrderBook, side: Side): BookLevel[] {
  return side === 'buy' ? book.asks : book.bids
}

/** The levels of one book side that have a positive size, in book order. Prices of empty levels are not read. */
export function positiveLevels(levels: readonly BookLevel[]): LevelStream {
  const parsed: ExactLevel[] = []
  let next = 0
  return {
    at(index) {
      while (parsed.length <= index && next < levels.length) {
        const [price, size] = levels[next++] as BookLevel
        const amount = parseExact(size)
        if (isPositive(amount)) parsed.push({ price: parseExact(price), size: amount })
      }
      return parsed[index]
    },
  }
}

/** The levels of `stream` whose price `accepts`, in stream order. */
export function acceptedLevels(stream: LevelStream, accepts: (price: Exact) => boolean): LevelStream {
  const kept: ExactLevel[] = []
  let next = 0
  return {
    at(index) {
      while (kept.length <= index) {
        const level = stream.at(next++)
        if (level === undefined) break
        if (accepts(level.price)) kept.push(level)
      }
      return kept[index]
    },
  }
}

/** Every level of `stream`. */
export function allLevels(stream: LevelStream): ExactLevel[] {
  const levels: ExactLevel[] = []
  for (let level = stream.at(0); level !== undefined; level = stream.at(levels.length)) levels.push(level)
  return levels
}

/** True when `price` is at or better than `limitPrice` for a taker of `side`. */
export function isAtOrBetterPrice(price: Exact, limitPrice: Exact, side: Side): boolean {
  return side === 'buy' ? compare(price, limitPrice) <= 0 : compare(price, limitPrice) >= 0
}

const BASIS_POINTS: Exact = { units: BigInt(10_000), scale: 0 }

/**
 * The worst price a taker of `side` accepts when it tolerates `slippageBps` from `referencePrice`:
 * ref × (1 + bps/10 000) for a buy, ref × (1 − bps/10 000) for a sell.
 */
export function slippageBoundPrice(referencePrice: Exact, slippageBps: number, side: Side): Exact {
  const fraction = dividedBy(exactFromNumber(slippageBps), BASIS_POINTS)
  return times(referencePrice, side === 'buy' ? plus(ONE, fraction) : minus(ONE, fraction))
}

/** What taking an amount from a book side gives: filled, its cost, the levels used and the worst price reached. */
export interface ExactWalk {
  filled: Exact
  cost: Exact
  levelsUsed: number
  exhausted: boolean
  worstPrice?: Exact
}

/** Takes `amount` from `levels` level by level, as a taker order would; reads no level beyond the last it takes. */
export function walkLevels(levels: LevelStream, amount: Exact): ExactWalk {
  let remaining = amount
  let filled = ZERO
  let cost = ZERO
  let levelsUsed = 0
  let worstPrice: Exact | undefined
  while (isPositive(remaining)) {
    const level = levels.at(levelsUsed)
    if (level === undefined) break
    const take = compare(remaining, level.size) < 0 ? remaining : level.size
    filled = plus(filled, take)
    cost = plus(cost, times(take, level.price))
    remaining = minus(remaining, take)
    levelsUsed += 1
    worstPrice = level.price
  }
  const walk: ExactWalk = { filled, cost, levelsUsed, exhausted: isPositive(remaining) }
  if (worstPrice !== undefined) walk.worstPrice = worstPrice
  return walk
}

/**
 * Sum of the sizes of the levels of `levels`, in order, stopping once it reaches `enough` (the sum only grows, so a
 * caller that needs no more than `enough` reads no further).
 */
export function depthOf(levels: LevelStream, enough?: Exact): Exact {
  let depth = ZERO
  for (let index = 0; ; index++) {
    const level = levels.at(index)
    if (level === undefined) return depth
    depth = plus(depth, level.size)
    if (enough !== undefined && compare(depth, enough) >= 0) return depth
  }
}
