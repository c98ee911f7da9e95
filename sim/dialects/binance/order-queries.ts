// Order and trade lookups shared by spot and USD-M: one order by orderId or origClientOrderId, and the order
// and account-trade lists in Binance's list windows (orderId/fromId/startTime select the first `limit`).

import type { SimFill, SimMarket, SimOrder, VenueEngine } from '../../engine/types.js'
import { BinanceApiError } from './errors.js'
import { idTimeRange, limitParam, listWindow, namesStart } from './list-window.js'
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

export function allOrders(
  engine: VenueEngine,
  owner: string,
  market: SimMarket,
  params: BinanceParams,
  maxLimit: number
): SimOrder[] {
  const limit = limitParam(params, 500, maxLimit)
  const range = idTimeRange(params, 'orderId')
  const orders = [...engine.openOrders(owner, market.symbol), ...engine.closedOrders(owner, market.symbol)]
  return listWindow(orders, (o) => o.createdAt, range, limit)
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
  const range = idTimeRange(params, 'fromId')
  const fills = engine.fills(owner, { symbol: market.symbol, ...(orderId !== undefined ? { orderId } : {}) })
  // An orderId pins the window to that order's first fills.
  return listWindow(fills, (f) => f.time, range, limit, orderId !== undefined || namesStart(range))
}
