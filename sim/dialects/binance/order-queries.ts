// Order and trade lookups shared by spot and USD-M: by orderId or origClientOrderId, and Binance's
// list windows (orderId/fromId/startTime select the first `limit` of a range, otherwise the latest `limit`).

import type { SimFill, SimMarket, SimOrder, VenueEngine } from '../../engine/types.js'
import { BinanceApiError } from './errors.js'
import { limitParam } from './market-data.js'
import type { BinanceParams } from './params.js'

/** The order the request names, if it exists on this market. */
export function findOrder(
  engine: VenueEngine,
  owner: string,
  market: SimMarket,
  params: BinanceParams
): SimOrder | undefined {
  const id = params.integer('orderId')
  const clientOrderId = params.string('origClientOrderId')
  if (id === undefined && clientOrderId === undefined) {
    const msg = "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!"
    throw new BinanceApiError(400, -1102, msg)
  }
  const order = engine.getOrder(owner, id !== undefined ? { id } : { clientOrderId })
  if (order === undefined || order.symbol !== market.symbol) return undefined
  if (id !== undefined && clientOrderId !== undefined && order.clientOrderId !== clientOrderId) return undefined
  return order
}

function window<T>(rows: T[], limit: number, fromStart: boolean): T[] {
  return fromStart ? rows.slice(0, limit) : rows.slice(-limit)
}

export function allOrders(
  engine: VenueEngine,
  owner: string,
  market: SimMarket,
  params: BinanceParams,
  maxLimit: number
): SimOrder[] {
  const limit = limitParam(params, 500, maxLimit)
  const fromId = params.integer('orderId')
  const startTime = params.integer('startTime')
  const endTime = params.integer('endTime')
  const orders = [...engine.openOrders(owner, market.symbol), ...engine.closedOrders(owner, market.symbol)]
    .sort((a, b) => a.id - b.id)
    .filter((o) => (fromId === undefined || o.id >= fromId) &&
      (startTime === undefined || o.createdAt >= startTime) &&
      (endTime === undefined || o.createdAt <= endTime))
  return window(orders, limit, fromId !== undefined || startTime !== undefined)
}

export function accountTrades(
  engine: VenueEngine,
  owner: string,
  market: SimMarket,
  params: BinanceParams,
  maxLimit: number
): SimFill[] {
  const limit = limitParam(params, 500, maxLimit)
  const orderId = params.integer('orderId')
  const fromId = params.integer('fromId')
  const startTime = params.integer('startTime')
  const endTime = params.integer('endTime')
  const fills = [...engine.fills(owner, { symbol: market.symbol, ...(orderId !== undefined ? { orderId } : {}) })]
    .sort((a, b) => a.id - b.id)
    .filter((f) => (fromId === undefined || f.id >= fromId) &&
      (startTime === undefined || f.time >= startTime) &&
      (endTime === undefined || f.time <= endTime))
  return window(fills, limit, fromId !== undefined || startTime !== undefined || orderId !== undefined)
}
