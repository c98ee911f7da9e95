// SIGNED USD-M endpoints (/fapi/v1, v2, v3): orders, leverage, account, balance, positions, trades.

import { cmp } from '../../../domain/money.js'
import type { SimPosition } from '../../engine/types.js'
import { engineCall } from './engine-call.js'
import { BinanceApiError, orderDoesNotExist, reduceOnlyRejected, unknownOrderSent } from './errors.js'
import {
  MAX_NOTIONAL,
  futuresAccount,
  futuresBalanceRows,
  leverageBracket,
  positionRiskV2,
  positionRiskV3,
} from './format-account.js'
import { futuresOrder, futuresUserTrade } from './format-order.js'
import { accountTrades, allOrders, findOrder } from './order-queries.js'
import { readFuturesOrder } from './order-request.js'
import { fixedWeight, symbolWeight, type BinanceRoute, type RouteContext } from './route.js'
import { familyMarkets, marketId, resolveMarket } from './symbols.js'

const marketOf = (context: RouteContext) =>
  resolveMarket(context.engine, 'futures', context.params.requiredString('symbol'))

/** The owner's perpetual positions, optionally for the one symbol the request names. */
function perpPositions(context: RouteContext): SimPosition[] {
  const perps = familyMarkets(context.engine, 'futures')
  const only = context.params.has('symbol') ? marketOf(context).symbol : undefined
  return context.engine
    .positions(context.owner)
    .filter((p) => perps.some((m) => m.symbol === p.symbol) && (only === undefined || p.symbol === only))
    .filter((p) => cmp(p.amount, 0) > 0)
}

/** A reduce-only order must shrink an open position, by no more than its size. */
function checkReduceOnly(context: RouteContext, symbol: string, side: 'buy' | 'sell', amount: string): void {
  const position = context.engine
    .positions(context.owner)
    .find((p) => p.symbol === symbol && cmp(p.amount, 0) > 0)
  const reduces = position !== undefined && (side === 'buy' ? position.side === 'short' : position.side === 'long')
  if (!reduces || cmp(amount, position.amount) > 0) throw reduceOnlyRejected()
}

const accountBody = (c: RouteContext) =>
  futuresAccount(c.engine.balances(c.owner), familyMarkets(c.engine, 'futures'), perpPositions(c), c.now)

const balanceBody = (c: RouteContext) =>
  futuresBalanceRows(c.engine.balances(c.owner), familyMarkets(c.engine, 'futures'), perpPositions(c), c.now)

export const futuresTradeRoutes: BinanceRoute[] = [
  {
    method: 'POST',
    path: '/fapi/v1/order',
    family: 'futures',
    signed: true,
    // 0 on the IP weight; counted on the order limits instead
    weight: fixedWeight(0),
    handle: (c) => {
      const market = marketOf(c)
      const request = readFuturesOrder(c.params, market, c.engine.mid(market.symbol))
      if (request.params.reduceOnly) {
        checkReduceOnly(c, market.symbol, request.params.side, request.params.amount ?? '0')
      }
      c.limiter.admitOrder('futures', c.owner)
      const order = engineCall('futures', 'place', () => c.engine.placeOrder(c.owner, request.params))
      const headers = c.limiter.countOrder('futures', c.owner)
      return { body: futuresOrder(order, market, request.respType), headers }
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/order',
    family: 'futures',
    signed: true,
    weight: fixedWeight(1),
    handle: (c) => {
      const market = marketOf(c)
      const order = findOrder(c.engine, c.owner, market, c.params)
      if (order === undefined) throw orderDoesNotExist()
      return { body: futuresOrder(order, market, 'QUERY') }
    },
  },
  {
    method: 'DELETE',
    path: '/fapi/v1/order',
    family: 'futures',
    signed: true,
    weight: fixedWeight(1),
    handle: (c) => {
      const market = marketOf(c)
      const found = findOrder(c.engine, c.owner, market, c.params)
      if (found === undefined) throw unknownOrderSent()
      const order = engineCall('futures', 'cancel', () => c.engine.cancelOrder(c.owner, { id: found.id }))
      return { body: futuresOrder(order, market, 'RESULT') }
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/openOrders',
    family: 'futures',
    signed: true,
    weight: symbolWeight(1, 40),
    handle: (c) => {
      const markets = c.params.has('symbol') ? [marketOf(c)] : familyMarkets(c.engine, 'futures')
      const rows = markets.flatMap((market) =>
        c.engine.openOrders(c.owner, market.symbol).map((order) => ({ order, market }))
      )
      rows.sort((a, b) => a.order.id - b.order.id)
      return { body: rows.map(({ order, market }) => futuresOrder(order, market, 'QUERY')) }
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/allOrders',
    family: 'futures',
    signed: true,
    weight: fixedWeight(5),
    handle: (c) => {
      const market = marketOf(c)
      const orders = allOrders(c.engine, c.owner, market, c.params, 1000)
      return { body: orders.map((o) => futuresOrder(o, market, 'QUERY')) }
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/userTrades',
    family: 'futures',
    signed: true,
    weight: fixedWeight(5),
    handle: (c) => {
      const market = marketOf(c)
      const fills = accountTrades(c.engine, c.owner, market, c.params, 1000)
      return { body: fills.map((f) => futuresUserTrade(f, market)) }
    },
  },
  {
    method: 'POST',
    path: '/fapi/v1/leverage',
    family: 'futures',
    signed: true,
    weight: fixedWeight(1),
    handle: (c) => {
      const market = marketOf(c)
      const leverage = c.params.requiredInteger('leverage')
      if (leverage < 1 || leverage > 125 || leverage > market.maxLeverage) {
        throw new BinanceApiError(400, -4028, `Leverage ${leverage} is not valid`)
      }
      engineCall('futures', 'leverage', () => c.engine.setLeverage(c.owner, market.symbol, leverage))
      return { body: { leverage, maxNotionalValue: MAX_NOTIONAL, symbol: marketId(market) } }
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/leverageBracket',
    family: 'futures',
    signed: true,
    weight: fixedWeight(1),
    handle: (c) => {
      const markets = c.params.has('symbol') ? [marketOf(c)] : familyMarkets(c.engine, 'futures')
      return { body: markets.map(leverageBracket) }
    },
  },
  {
    method: 'GET',
    path: '/fapi/v3/account',
    family: 'futures',
    signed: true,
    weight: fixedWeight(5),
    handle: (c) => ({ body: accountBody(c) }),
  },
  {
    method: 'GET',
    path: '/fapi/v2/account',
    family: 'futures',
    signed: true,
    weight: fixedWeight(5),
    handle: (c) => ({ body: accountBody(c) }),
  },
  {
    method: 'GET',
    path: '/fapi/v3/balance',
    family: 'futures',
    signed: true,
    weight: fixedWeight(5),
    handle: (c) => ({ body: balanceBody(c) }),
  },
  {
    method: 'GET',
    path: '/fapi/v2/balance',
    family: 'futures',
    signed: true,
    weight: fixedWeight(5),
    handle: (c) => ({ body: balanceBody(c) }),
  },
  {
    method: 'GET',
    path: '/fapi/v3/positionRisk',
    family: 'futures',
    signed: true,
    weight: fixedWeight(5),
    handle: (c) => {
      const perps = familyMarkets(c.engine, 'futures')
      const quoteOf = (symbol: string) => perps.find((m) => m.symbol === symbol)?.quote ?? 'USDT'
      return { body: perpPositions(c).map((p) => positionRiskV3(p, perps, quoteOf(p.symbol), c.now)) }
    },
  },
  {
    method: 'GET',
    path: '/fapi/v2/positionRisk',
    family: 'futures',
    signed: true,
    weight: fixedWeight(5),
    handle: (c) => {
      const perps = familyMarkets(c.engine, 'futures')
      return { body: perpPositions(c).map((p) => positionRiskV2(p, perps, c.now)) }
    },
  },
]
