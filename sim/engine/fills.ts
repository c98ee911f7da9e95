// What one fill does to an order and to its owner's balances or position. Both sides of every match pass here.
import type { Decimal } from 'decimal.js'

import { dec, str } from '../../domain/money.js'
import type { EngineState } from './engine-state.js'
import { LIQUIDITY_OWNER, type OrderRecord } from './order-store.js'
import type { SimFill, SimMarket, SimOrderStatus } from './types.js'

/** Pays `amount` of `asset` out of the order's reservation; anything beyond it comes from the free balance. */
function payFromReservation(state: EngineState, record: OrderRecord, asset: string, amount: Decimal): void {
  const owner = record.order.owner
  const fromLock = record.lockAsset === asset ? least(record.locked, amount) : dec(0)
  if (fromLock.greaterThan(0)) {
    state.accounts.spendLocked(owner, asset, fromLock)
    record.locked = record.locked.minus(fromLock)
  }
  const rest = amount.minus(fromLock)
  if (rest.greaterThan(0)) state.accounts.credit(owner, asset, rest.negated())
}

function settlePosition(state: EngineState, record: OrderRecord, market: SimMarket, fill: SimFill): void {
  const { order } = record
  const change = state.positions.apply(
    order.owner,
    order.symbol,
    order.side,
    dec(fill.amount),
    dec(fill.price),
    record.leverage ?? 1
  )
  // Opening margin moves from the order's reservation to the position: it stays locked in the account.
  const fromLock = least(record.locked, change.openedMargin)
  record.locked = record.locked.minus(fromLock)
  const shortfall = change.openedMargin.minus(fromLock)
  if (shortfall.greaterThan(0)) state.accounts.lock(order.owner, market.quote, shortfall, { force: true })
  payFromReservation(state, record, market.quote, dec(fill.fee))
  if (change.releasedMargin.greaterThan(0)) {
    state.accounts.unlock(order.owner, market.quote, change.releasedMargin)
  }
  if (!change.realizedPnl.isZero()) state.accounts.credit(order.owner, market.quote, change.realizedPnl)
}

export function settleFill(
  state: EngineState,
  record: OrderRecord,
  price: Decimal,
  amount: Decimal,
  liquidity: 'maker' | 'taker'
): SimFill {
  const { order } = record
  const market = state.markets.get(order.symbol)!
  const notional = price.times(amount)
  const fee = notional.times(liquidity === 'maker' ? market.makerFee : market.takerFee)
  const time = state.now()
  const fill: SimFill = {
    id: ++state.ids.fill,
    orderId: order.id,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    price: str(price),
    amount: str(amount),
    fee: str(fee),
    feeAsset: market.quote,
    liquidity,
    time,
  }
  order.filled = str(dec(order.filled).plus(amount))
  order.filledQuote = str(dec(order.filledQuote).plus(notional))
  order.fee = str(dec(order.fee).plus(fee))
  order.updatedAt = time
  if (order.owner === LIQUIDITY_OWNER) return fill
  order.fills.push(fill)
  const owned = state.fillsByOwner.get(order.owner)
  if (owned) owned.push(fill)
  else state.fillsByOwner.set(order.owner, [fill])

  if (record.leverage !== undefined) settlePosition(state, record, market, fill)
  else if (order.side === 'buy') {
    payFromReservation(state, record, market.quote, notional.plus(fee))
    state.accounts.credit(order.owner, market.base, amount)
  } else {
    payFromReservation(state, record, market.base, amount)
    state.accounts.credit(order.owner, market.quote, notional.minus(fee))
  }
  return fill
}

/** Ends an order: whatever it still reserves goes back to the free balance. */
export function finish(state: EngineState, record: OrderRecord, status: SimOrderStatus): void {
  record.order.status = status
  record.order.updatedAt = state.now()
  if (record.locked.greaterThan(0) && record.order.owner !== LIQUIDITY_OWNER) {
    state.accounts.unlock(record.order.owner, record.lockAsset, record.locked)
  }
  record.locked = dec(0)
  state.orders.forget(record)
}

const least = (a: Decimal, b: Decimal): Decimal => (a.lessThan(b) ? a : b)
