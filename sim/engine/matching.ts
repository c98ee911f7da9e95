// Pure matching decisions: which resting orders a taker would hit, at which prices, for how much.
// The engine applies the plan; planning alone answers FOK and market-cost questions without side effects.
import type { Decimal } from 'decimal.js'

import { dec, str } from '../../domain/money.js'
import type { DecimalString, Side } from '../../domain/types.js'
import { remainingOf, type OrderBookSide } from './book.js'
import type { SimOrder } from './types.js'

export interface Match {
  maker: SimOrder
  price: DecimalString
  amount: DecimalString
}

export interface TakerIntent {
  side: Side
  /** Base amount wanted; unlimited when absent (then quoteBudget bounds it). */
  amount?: Decimal
  /** Worst acceptable price; market orders have none. */
  limitPrice?: Decimal
  /** Most quote (before fees) a buy may spend. */
  quoteBudget?: Decimal
  /** Amounts taken against a budget are floored to this step. */
  stepSize: DecimalString
}

/** True when a resting level at `levelPrice` is acceptable to a taker of `side` limited at `limitPrice`. */
export function crosses(side: Side, levelPrice: Decimal, limitPrice: Decimal | undefined): boolean {
  if (limitPrice === undefined) return true
  return side === 'buy' ? levelPrice.lessThanOrEqualTo(limitPrice) : levelPrice.greaterThanOrEqualTo(limitPrice)
}

/** `opposite` is the side the taker trades against (asks for a buy). */
export function planMatches(opposite: OrderBookSide, intent: TakerIntent): Match[] {
  const matches: Match[] = []
  let wanted = intent.amount
  let budget = intent.quoteBudget
  const step = dec(intent.stepSize)
  for (const level of opposite.levels) {
    if (!crosses(intent.side, level.price, intent.limitPrice)) break
    for (const maker of level.orders) {
      let take = dec(remainingOf(maker))
      if (wanted !== undefined) take = least(take, wanted)
      if (budget !== undefined) take = least(take, budget.div(level.price).div(step).floor().times(step))
      if (take.lessThanOrEqualTo(0)) return matches
      matches.push({ maker, price: str(level.price), amount: str(take) })
      if (wanted !== undefined) wanted = wanted.minus(take)
      if (budget !== undefined) budget = budget.minus(take.times(level.price))
    }
  }
  return matches
}

export const matchedAmount = (matches: Match[]): Decimal =>
  matches.reduce((total, match) => total.plus(match.amount), dec(0))

export const matchedQuote = (matches: Match[]): Decimal =>
  matches.reduce((total, match) => total.plus(dec(match.price).times(match.amount)), dec(0))

const least = (a: Decimal, b: Decimal): Decimal => (a.lessThan(b) ? a : b)
