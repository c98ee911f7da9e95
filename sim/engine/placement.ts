// Accepting an order: validate, refuse duplicates and impossible instructions, reserve funds, then execute.
// Rejections throw SimError and leave no trace: a rejected order is not "received" and its client id stays free.
import { dec } from '../../domain/money.js'
import type { ExchangeId } from '../../domain/types.js'
import { bookOf, historyOf, leverageOf, marketOf, midOf, type EngineState } from './engine-state.js'
import { execute, expireDue, fireTriggers, isOpen } from './execution.js'
import { reservationFor } from './funds.js'
import { crosses, matchedAmount, matchedQuote, planMatches } from './matching.js'
import { snapshot, type OrderRecord } from './order-store.js'
import { SimError, type SimMarket, type SimOrder, type SimOrderParams } from './types.js'
import { isTriggerType, validateOrder, type ValidOrder } from './validation.js'

/**
 * How each venue enforces client order id uniqueness, as it documents it: Binance ("A unique id among open orders")
 * and Kraken ("uniqueness across open orders for each client") refuse an id only while an order with it is open;
 * Coinbase Exchange does not check client_oid at all (its staff, forums.coinbasecloud.dev/t/870: "We don't enforce
 * or check for unique client_oid"). So a venue may hold several orders under one id, and only the caller's own
 * lookup-before-send keeps an id to one order.
 */
const CLIENT_ORDER_ID_UNIQUENESS: Record<ExchangeId, 'open' | 'none'> = {
  binance: 'open',
  kraken: 'open',
  coinbase: 'none',
}

function clientOrderIdInUse(state: EngineState, owner: string, clientOrderId: string): boolean {
  if (CLIENT_ORDER_ID_UNIQUENESS[state.venue] === 'none') return false
  const existing = state.orders.byClientOrderId(owner, clientOrderId)
  return existing !== undefined && isOpen(existing)
}

function checkReduceOnly(state: EngineState, owner: string, order: ValidOrder): void {
  if (!order.reduceOnly) return
  const net = state.positions.netAmount(owner, order.symbol)
  const reduces = order.side === 'buy' ? net.lessThan(0) : net.greaterThan(0)
  if (!reduces || dec(order.amount ?? 0).greaterThan(net.abs())) {
    throw new SimError('INVALID_ORDER', 'reduceOnly order would increase or flip the position')
  }
}

/**
 * Refuses post-only orders that would take and FOK orders that cannot fill now; returns what a market order
 * would cost now (its reservation).
 */
function checkAgainstBook(state: EngineState, market: SimMarket, order: ValidOrder) {
  const book = bookOf(state, order.symbol)
  const opposite = order.side === 'buy' ? book.asks : book.bids
  if (isTriggerType(order.type)) return undefined
  const limitPrice = order.price === undefined ? undefined : dec(order.price)
  if (order.postOnly && opposite.levels[0] && crosses(order.side, opposite.levels[0].price, limitPrice)) {
    throw new SimError('POST_ONLY_WOULD_CROSS', 'Post-only order would immediately match and take')
  }
  if (order.type === 'market' && opposite.levels.length === 0) {
    throw new SimError('NO_LIQUIDITY', `No ${order.side === 'buy' ? 'asks' : 'bids'} for ${order.symbol}`)
  }
  if (order.timeInForce === 'FOK') {
    const amount = dec(order.amount!)
    const plan = planMatches(opposite, { side: order.side, amount, limitPrice, stepSize: market.stepSize })
    if (matchedAmount(plan).lessThan(order.amount!)) {
      throw new SimError('FOK_NOT_FILLABLE', 'Fill-or-kill order cannot be filled completely')
    }
  }
  if (order.type !== 'market' || order.amount === undefined) return undefined
  const amount = dec(order.amount)
  return matchedQuote(planMatches(opposite, { side: order.side, amount, stepSize: market.stepSize }))
}

export function placeOrder(state: EngineState, owner: string, params: SimOrderParams): SimOrder {
  expireDue(state)
  const market = marketOf(state, params.symbol)
  const now = state.now()
  const order = validateOrder(market, params, {
    now,
    mid: midOf(state, market.symbol),
    accountLeverage: leverageOf(state, owner, market.symbol),
  })
  if (order.clientOrderId !== undefined && clientOrderIdInUse(state, owner, order.clientOrderId)) {
    throw new SimError('DUPLICATE_CLIENT_ORDER_ID', `Client order id ${order.clientOrderId} is in use by an open order`)
  }
  checkReduceOnly(state, owner, order)
  const estimatedCost = checkAgainstBook(state, market, order)
  const reservation = reservationFor(order, market, estimatedCost, dec(midOf(state, market.symbol)))
  state.accounts.lock(owner, reservation.asset, reservation.amount)

  const record: OrderRecord = {
    order: {
      id: ++state.ids.order,
      clientOrderId: order.clientOrderId,
      owner,
      symbol: order.symbol,
      side: order.side,
      type: order.type,
      timeInForce: order.timeInForce,
      postOnly: order.postOnly,
      amount: order.amount ?? '0',
      quoteAmount: order.quoteAmount,
      price: order.price,
      triggerPrice: order.triggerPrice,
      status: isTriggerType(order.type) ? 'pending_trigger' : 'new',
      filled: '0',
      filledQuote: '0',
      fee: '0',
      feeAsset: market.quote,
      leverage: order.leverage,
      reduceOnly: order.reduceOnly,
      expireAt: order.expireAt,
      createdAt: now,
      updatedAt: now,
      fills: [],
    },
    lockAsset: reservation.asset,
    locked: reservation.amount,
    leverage: order.leverage,
    tradeMark: historyOf(state, order.symbol).last()?.id ?? 0,
  }
  state.orders.add(record)
  if (record.order.status === 'new') execute(state, record)
  fireTriggers(state, order.symbol)
  return snapshot(record.order)
}
