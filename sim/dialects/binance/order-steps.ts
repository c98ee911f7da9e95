// The order steps spot and USD-M endpoints share; each family formats the result its own way.

import type { SimMarket, SimOrder, SimOrderParams } from '../../engine/types.js'
import { engineCall } from './engine-call.js'
import { orderDoesNotExist, unknownOrderSent } from './errors.js'
import { findOrder } from './order-queries.js'
import { requestMarkets } from './request-market.js'
import type { RouteContext } from './route.js'
import type { ApiFamily } from './symbols.js'

/**
 * Places an order within the account's order-rate limits (checked before the engine sees it, counted after
 * it is placed); the headers carry the new order counts.
 */
export function placeCountedOrder(
  context: RouteContext,
  family: ApiFamily,
  params: SimOrderParams
): { order: SimOrder; headers: Record<string, string> } {
  context.limiter.admitOrder(family, context.owner)
  const order = engineCall(family, 'place', () => context.engine.placeOrder(context.owner, params))
  const headers = context.limiter.countOrder(family, context.owner)
  return { order, headers }
}

/** The order a query names on this market, or -2013 Order does not exist. */
export function queriedOrder(context: RouteContext, market: SimMarket): SimOrder {
  const order = findOrder(context.engine, context.owner, market, context.params)
  if (order === undefined) throw orderDoesNotExist()
  return order
}

/** Cancels the order the request names on this market (-2011 Unknown order sent when there is none). */
export function cancelNamedOrder(context: RouteContext, family: ApiFamily, market: SimMarket): SimOrder {
  const found = findOrder(context.engine, context.owner, market, context.params)
  if (found === undefined) throw unknownOrderSent()
  return engineCall(family, 'cancel', () => context.engine.cancelOrder(context.owner, { id: found.id }))
}

/** Open orders on the named market, or on all of the family's markets, oldest first. */
export function openOrdersByAge(context: RouteContext, family: ApiFamily): { order: SimOrder; market: SimMarket }[] {
  const rows = requestMarkets(context, family).flatMap((market) =>
    context.engine.openOrders(context.owner, market.symbol).map((order) => ({ order, market }))
  )
  return rows.sort((a, b) => a.order.id - b.order.id)
}
