// Running an accepted order against the book: match as taker, settle both sides, then rest, fill or expire.
// Also the time- and price-driven transitions: GTT expiry and stop/take-profit triggers.
import type { Decimal } from 'decimal.js'

import { dec } from '../../domain/money.js'
import { bookOf, historyOf, midOf, type EngineState } from './engine-state.js'
import { finish, settleFill } from './fills.js'
import { remainingOf } from './book.js'
import { planMatches, type Match } from './matching.js'
import type { OrderRecord } from './order-store.js'
import { isTriggered } from './triggers.js'
import { isLimitType } from './validation.js'

function applyMatch(state: EngineState, taker: OrderRecord, match: Match): void {
  const maker = state.orders.get(match.maker.id)
  if (!maker) throw new Error(`resting order ${match.maker.id} has no record`)
  const price = dec(match.price)
  const amount = dec(match.amount)
  settleFill(state, maker, price, amount, 'maker')
  settleFill(state, taker, price, amount, 'taker')
  if (dec(remainingOf(maker.order)).isZero()) {
    bookOf(state, maker.order.symbol).remove(maker.order)
    finish(state, maker, 'filled')
  } else {
    maker.order.status = 'partially_filled'
  }
  historyOf(state, taker.order.symbol).record(match.price, match.amount, taker.order.side, state.now())
}

/** Most quote a spot market buy may spend before fees: what its reservation covers. */
function quoteBudgetOf(state: EngineState, record: OrderRecord): Decimal | undefined {
  const { order } = record
  if (order.side !== 'buy' || isLimitType(order.type) || record.leverage !== undefined) return undefined
  const market = state.markets.get(order.symbol)!
  return record.locked.div(dec(1).plus(market.takerFee))
}

/** Matches the order as a taker, then rests the remainder (GTC/GTT limits) or ends it. */
export function execute(state: EngineState, record: OrderRecord): void {
  const { order } = record
  const market = state.markets.get(order.symbol)!
  const book = bookOf(state, order.symbol)
  const byQuote = order.quoteAmount !== undefined && order.type === 'market'
  const matches = planMatches(order.side === 'buy' ? book.asks : book.bids, {
    side: order.side,
    amount: byQuote ? undefined : dec(remainingOf(order)),
    limitPrice: isLimitType(order.type) ? dec(order.price!) : undefined,
    quoteBudget: quoteBudgetOf(state, record),
    stepSize: market.stepSize,
  })
  for (const match of matches) applyMatch(state, record, match)
  if (byQuote) order.amount = order.filled

  if (dec(remainingOf(order)).isZero() && dec(order.filled).greaterThan(0)) finish(state, record, 'filled')
  else if (isLimitType(order.type) && (order.timeInForce === 'GTC' || order.timeInForce === 'GTT')) {
    order.status = dec(order.filled).isZero() ? 'new' : 'partially_filled'
    book.add(order)
  } else finish(state, record, 'expired')
}

/** Fires pending stop/take-profit orders of `symbol` whose trigger the mid or a later trade has crossed. */
export function fireTriggers(state: EngineState, symbol: string): void {
  for (let fired = true; fired;) {
    fired = false
    const last = historyOf(state, symbol).last()
    const mid = dec(midOf(state, symbol))
    for (const record of state.orders.watched()) {
      const { order } = record
      if (order.status !== 'pending_trigger' || order.symbol !== symbol) continue
      const byTrade = last !== undefined && last.id > record.tradeMark && isTriggered(order, dec(last.price))
      if (!byTrade && !isTriggered(order, mid)) continue
      order.status = 'new'
      order.updatedAt = state.now()
      execute(state, record)
      fired = true
      break
    }
  }
}

/** Ends resting GTT orders whose time has come. */
export function expireDue(state: EngineState): void {
  const now = state.now()
  for (const record of state.orders.watched()) {
    const { order } = record
    if (order.expireAt === undefined || order.expireAt > now) continue
    if (order.status !== 'new' && order.status !== 'partially_filled') continue
    bookOf(state, order.symbol).remove(order)
    finish(state, record, 'expired')
  }
}

export const isOpen = (record: OrderRecord): boolean =>
  ['new', 'partially_filled', 'pending_trigger'].includes(record.order.status)
