// Orders and fills in Binance's JSON shapes: spot per rest-api.md (New order ACK/RESULT/FULL, Query order,
// Cancel order, Account trade list), USD-M per the "New Order", "Query Order" and "Account Trade List" pages.

import { div, isZero, mul } from '../../../domain/money.js'
import type { SimFill, SimMarket, SimOrder, SimOrderStatus } from '../../engine/types.js'
import { fixed, placesOf, spot } from './decimals.js'
import type { NewOrderRespType } from './order-request.js'
import { marketId } from './symbols.js'

const STATUS: Record<SimOrderStatus, string> = {
  new: 'NEW',
  partially_filled: 'PARTIALLY_FILLED',
  filled: 'FILLED',
  canceled: 'CANCELED',
  expired: 'EXPIRED',
  rejected: 'REJECTED',
  pending_trigger: 'NEW',
}

function spotType(order: SimOrder): string {
  if (order.type === 'limit') return order.postOnly ? 'LIMIT_MAKER' : 'LIMIT'
  return order.type.toUpperCase()
}

/** Binance reports market and stop-market orders as GTC too. */
const spotTimeInForce = (order: SimOrder): string =>
  order.type === 'market' || order.type === 'stop_loss' || order.type === 'take_profit' ? 'GTC' : order.timeInForce

/**
 * Binance generates an id when the client sends none; ccxt always sends one, so this only names orders that
 * reached the engine some other way.
 */
export const clientIdOf = (order: SimOrder): string => order.clientOrderId ?? `sim${order.id}`

const isTrigger = (order: SimOrder): boolean => order.triggerPrice !== undefined

function spotCore(order: SimOrder, market: SimMarket) {
  return {
    symbol: marketId(market),
    orderId: order.id,
    orderListId: -1,
    clientOrderId: clientIdOf(order),
  }
}

function spotAmounts(order: SimOrder) {
  return {
    price: spot(order.price ?? '0'),
    origQty: spot(order.amount),
    executedQty: spot(order.filled),
    origQuoteOrderQty: spot(order.quoteAmount ?? '0'),
    cummulativeQuoteQty: spot(order.filledQuote),
    status: STATUS[order.status],
    timeInForce: spotTimeInForce(order),
    type: spotType(order),
    side: order.side.toUpperCase(),
    ...(isTrigger(order) ? { stopPrice: spot(order.triggerPrice ?? '0') } : {}),
  }
}

const workingTime = (order: SimOrder): number => (order.status === 'pending_trigger' ? -1 : order.createdAt)

export function spotFill(fill: SimFill) {
  return {
    price: spot(fill.price),
    qty: spot(fill.amount),
    commission: spot(fill.fee),
    commissionAsset: fill.feeAsset,
    tradeId: fill.id,
  }
}

export function spotNewOrder(order: SimOrder, market: SimMarket, respType: NewOrderRespType): unknown {
  const ack = { ...spotCore(order, market), transactTime: order.createdAt }
  if (respType === 'ACK') return ack
  const result = {
    ...ack,
    ...spotAmounts(order),
    workingTime: workingTime(order),
    selfTradePreventionMode: 'EXPIRE_MAKER',
  }
  if (respType === 'RESULT') return result
  return { ...result, fills: order.fills.map(spotFill) }
}

export function spotQueriedOrder(order: SimOrder, market: SimMarket): unknown {
  return {
    ...spotCore(order, market),
    ...spotAmounts(order),
    stopPrice: spot(order.triggerPrice ?? '0'),
    icebergQty: spot('0'),
    time: order.createdAt,
    updateTime: order.updatedAt,
    isWorking: order.status !== 'pending_trigger',
    workingTime: workingTime(order),
    origQuoteOrderQty: spot(order.quoteAmount ?? '0'),
    selfTradePreventionMode: 'EXPIRE_MAKER',
  }
}

/** The cancel response names the order by its own client id and the cancel request by `clientOrderId`. */
export function spotCanceledOrder(order: SimOrder, market: SimMarket, cancelClientId: string, now: number): unknown {
  return {
    symbol: marketId(market),
    origClientOrderId: clientIdOf(order),
    orderId: order.id,
    orderListId: -1,
    clientOrderId: cancelClientId,
    transactTime: now,
    ...spotAmounts(order),
    selfTradePreventionMode: 'EXPIRE_MAKER',
  }
}

export function spotAccountTrade(fill: SimFill, market: SimMarket): unknown {
  return {
    symbol: marketId(market),
    id: fill.id,
    orderId: fill.orderId,
    orderListId: -1,
    price: spot(fill.price),
    qty: spot(fill.amount),
    quoteQty: spot(mul(fill.price, fill.amount)),
    commission: spot(fill.fee),
    commissionAsset: fill.feeAsset,
    time: fill.time,
    isBuyer: fill.side === 'buy',
    isMaker: fill.liquidity === 'maker',
    isBestMatch: true,
  }
}

const FUTURES_TYPE: Record<SimOrder['type'], string> = {
  limit: 'LIMIT',
  market: 'MARKET',
  stop_loss: 'STOP_MARKET',
  stop_loss_limit: 'STOP',
  take_profit: 'TAKE_PROFIT_MARKET',
  take_profit_limit: 'TAKE_PROFIT',
}

const QUOTE_PLACES = 5

export function futuresOrder(order: SimOrder, market: SimMarket, respType: NewOrderRespType | 'QUERY'): unknown {
  const pricePlaces = placesOf(market.tickSize)
  const qtyPlaces = placesOf(market.stepSize)
  const price = (v: string) => fixed(v, pricePlaces)
  const qty = (v: string) => fixed(v, qtyPlaces)
  const avgPrice = isZero(order.filled) ? '0' : div(order.filledQuote, order.filled)
  const core = {
    orderId: order.id,
    symbol: marketId(market),
    status: STATUS[order.status],
    clientOrderId: clientIdOf(order),
    price: price(order.price ?? '0'),
    avgPrice: fixed(avgPrice, Math.max(pricePlaces, QUOTE_PLACES)),
    origQty: qty(order.amount),
    executedQty: qty(order.filled),
    cumQty: qty(order.filled),
    cumQuote: fixed(order.filledQuote, QUOTE_PLACES),
    timeInForce: order.postOnly ? 'GTX' : order.type === 'market' ? 'GTC' : order.timeInForce,
    type: FUTURES_TYPE[order.type],
    reduceOnly: order.reduceOnly,
    closePosition: false,
    side: order.side.toUpperCase(),
    positionSide: 'BOTH',
    stopPrice: price(order.triggerPrice ?? '0'),
    workingType: 'CONTRACT_PRICE',
    priceProtect: false,
    origType: FUTURES_TYPE[order.type],
    priceMatch: 'NONE',
    selfTradePreventionMode: 'EXPIRE_MAKER',
    goodTillDate: 0,
    updateTime: order.updatedAt,
  }
  if (respType === 'QUERY') return { ...core, time: order.createdAt }
  if (respType === 'ACK') {
    // ACK reports the order as accepted, before matching.
    const zero = { executedQty: qty('0'), cumQty: qty('0'), cumQuote: fixed('0', QUOTE_PLACES) }
    return { ...core, ...zero, status: 'NEW', avgPrice: fixed('0', Math.max(pricePlaces, QUOTE_PLACES)) }
  }
  return core
}

/** The engine books no per-fill realised PnL, so it reads 0. */
export function futuresUserTrade(fill: SimFill, market: SimMarket): unknown {
  return {
    buyer: fill.side === 'buy',
    commission: fixed(fill.fee, 8),
    commissionAsset: fill.feeAsset,
    id: fill.id,
    maker: fill.liquidity === 'maker',
    orderId: fill.orderId,
    price: fixed(fill.price, placesOf(market.tickSize)),
    qty: fixed(fill.amount, placesOf(market.stepSize)),
    quoteQty: fixed(mul(fill.price, fill.amount), QUOTE_PLACES),
    realizedPnl: '0',
    side: fill.side.toUpperCase(),
    positionSide: 'BOTH',
    symbol: marketId(market),
    time: fill.time,
  }
}
