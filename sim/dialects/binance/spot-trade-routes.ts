// SIGNED spot endpoints (/api/v3): orders, open and past orders, trades, account and commission.

import { spotAccount, spotCommission } from './format-account.js'
import {
  spotAccountTrade,
  spotCanceledOrder,
  spotNewOrder,
  spotQueriedOrder,
} from './format-order.js'
import { engineCall } from './engine-call.js'
import { orderDoesNotExist, unknownOrderSent } from './errors.js'
import { accountTrades, allOrders, findOrder } from './order-queries.js'
import { readSpotOrder } from './order-request.js'
import { fixedWeight, symbolWeight, type BinanceRoute, type RouteContext } from './route.js'
import { familyMarkets, resolveMarket } from './symbols.js'

const marketOf = (context: RouteContext) =>
  resolveMarket(context.engine, 'spot', context.params.requiredString('symbol'))

/** Account-wide rates: the first spot market's (the simulator's markets share one fee schedule). */
function accountFees(context: RouteContext): { maker: string; taker: string } {
  const market = familyMarkets(context.engine, 'spot')[0]
  return { maker: market?.makerFee ?? '0', taker: market?.takerFee ?? '0' }
}

export const spotTradeRoutes: BinanceRoute[] = [
  {
    method: 'POST',
    path: '/api/v3/order',
    family: 'spot',
    signed: true,
    weight: fixedWeight(1),
    handle: (c) => {
      const market = marketOf(c)
      const request = readSpotOrder(c.params, market, c.engine.mid(market.symbol))
      c.limiter.admitOrder('spot', c.owner)
      const order = engineCall('spot', 'place', () => c.engine.placeOrder(c.owner, request.params))
      const headers = c.limiter.countOrder('spot', c.owner)
      return { body: spotNewOrder(order, market, request.respType), headers }
    },
  },
  {
    method: 'GET',
    path: '/api/v3/order',
    family: 'spot',
    signed: true,
    weight: fixedWeight(4),
    handle: (c) => {
      const market = marketOf(c)
      const order = findOrder(c.engine, c.owner, market, c.params)
      if (order === undefined) throw orderDoesNotExist()
      return { body: spotQueriedOrder(order, market) }
    },
  },
  {
    method: 'DELETE',
    path: '/api/v3/order',
    family: 'spot',
    signed: true,
    weight: fixedWeight(1),
    handle: (c) => {
      const market = marketOf(c)
      const found = findOrder(c.engine, c.owner, market, c.params)
      if (found === undefined) throw unknownOrderSent()
      const order = engineCall('spot', 'cancel', () => c.engine.cancelOrder(c.owner, { id: found.id }))
      // Binance names the cancel request itself with a fresh id unless the client gives one.
      const cancelClientId = c.params.string('newClientOrderId') ?? `cancel${order.id}`
      return { body: spotCanceledOrder(order, market, cancelClientId, c.now) }
    },
  },
  {
    method: 'GET',
    path: '/api/v3/openOrders',
    family: 'spot',
    signed: true,
    weight: symbolWeight(6, 80),
    handle: (c) => {
      const markets = c.params.has('symbol') ? [marketOf(c)] : familyMarkets(c.engine, 'spot')
      const rows = markets.flatMap((market) =>
        c.engine.openOrders(c.owner, market.symbol).map((order) => ({ order, market }))
      )
      rows.sort((a, b) => a.order.id - b.order.id)
      return { body: rows.map(({ order, market }) => spotQueriedOrder(order, market)) }
    },
  },
  {
    method: 'GET',
    path: '/api/v3/allOrders',
    family: 'spot',
    signed: true,
    weight: fixedWeight(20),
    handle: (c) => {
      const market = marketOf(c)
      const orders = allOrders(c.engine, c.owner, market, c.params, 1000)
      return { body: orders.map((o) => spotQueriedOrder(o, market)) }
    },
  },
  {
    method: 'GET',
    path: '/api/v3/myTrades',
    family: 'spot',
    signed: true,
    weight: (params) => (params.has('orderId') ? 5 : 20),
    handle: (c) => {
      const market = marketOf(c)
      const fills = accountTrades(c.engine, c.owner, market, c.params, 1000)
      return { body: fills.map((f) => spotAccountTrade(f, market)) }
    },
  },
  {
    method: 'GET',
    path: '/api/v3/account',
    family: 'spot',
    signed: true,
    weight: fixedWeight(20),
    handle: (c) => ({ body: spotAccount(c.engine.balances(c.owner), accountFees(c), c.uid, c.now) }),
  },
  {
    method: 'GET',
    path: '/api/v3/account/commission',
    family: 'spot',
    signed: true,
    weight: fixedWeight(20),
    handle: (c) => {
      const market = marketOf(c)
      const fees = { maker: market.makerFee, taker: market.takerFee }
      return { body: spotCommission(c.params.requiredString('symbol'), fees) }
    },
  },
]
