// SIGNED spot endpoints (/api/v3): orders, open and past orders, trades, account and commission.

import { spotAccount, spotCommission } from './format-account.js'
import { spotAccountTrade, spotCanceledOrder, spotNewOrder, spotQueriedOrder } from './format-order.js'
import { accountTrades, allOrders } from './order-queries.js'
import { readSpotOrder } from './order-request.js'
import { cancelNamedOrder, openOrdersByAge, placeCountedOrder, queriedOrder } from './order-steps.js'
import { requestMarket } from './request-market.js'
import { fixedWeight, signedRoute, symbolWeight, type BinanceRoute, type RouteContext } from './route.js'
import { familyMarkets } from './symbols.js'

const marketOf = (context: RouteContext) => requestMarket(context, 'spot')

/** Account-wide rates: the first spot market's (the simulator's markets share one fee schedule). */
function accountFees(context: RouteContext): { maker: string; taker: string } {
  const market = familyMarkets(context.engine, 'spot')[0]
  return { maker: market?.makerFee ?? '0', taker: market?.takerFee ?? '0' }
}

const signed = signedRoute('spot')

export const spotTradeRoutes: BinanceRoute[] = [
  signed('POST', '/api/v3/order', fixedWeight(1), (c) => {
    const market = marketOf(c)
    const request = readSpotOrder(c.params, market, c.engine.mid(market.symbol))
    const { order, headers } = placeCountedOrder(c, 'spot', request.params)
    return { body: spotNewOrder(order, market, request.respType), headers }
  }),
  signed('GET', '/api/v3/order', fixedWeight(4), (c) => {
    const market = marketOf(c)
    return { body: spotQueriedOrder(queriedOrder(c, market), market) }
  }),
  signed('DELETE', '/api/v3/order', fixedWeight(1), (c) => {
    const market = marketOf(c)
    const order = cancelNamedOrder(c, 'spot', market)
    // Binance names the cancel request itself with a fresh id unless the client gives one.
    const cancelClientId = c.params.string('newClientOrderId') ?? `cancel${order.id}`
    return { body: spotCanceledOrder(order, market, cancelClientId, c.now) }
  }),
  signed('GET', '/api/v3/openOrders', symbolWeight(6, 80), (c) => ({
    body: openOrdersByAge(c, 'spot').map(({ order, market }) => spotQueriedOrder(order, market)),
  })),
  signed('GET', '/api/v3/allOrders', fixedWeight(20), (c) => {
    const market = marketOf(c)
    const orders = allOrders(c.engine, c.owner, market, c.params, 1000)
    return { body: orders.map((o) => spotQueriedOrder(o, market)) }
  }),
  signed(
    'GET',
    '/api/v3/myTrades',
    (params) => (params.has('orderId') ? 5 : 20),
    (c) => {
      const market = marketOf(c)
      const fills = accountTrades(c.engine, c.owner, market, c.params, 1000)
      return { body: fills.map((f) => spotAccountTrade(f, market)) }
    }
  ),
  signed('GET', '/api/v3/account', fixedWeight(20), (c) => ({
    body: spotAccount(c.engine.balances(c.owner), accountFees(c), c.uid, c.now),
  })),
  signed('GET', '/api/v3/account/commission', fixedWeight(20), (c) => {
    const market = marketOf(c)
    const fees = { maker: market.makerFee, taker: market.takerFee }
    return { body: spotCommission(c.params.requiredString('symbol'), fees) }
  }),
]
