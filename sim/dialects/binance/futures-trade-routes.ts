// SIGNED USD-M endpoints (/fapi/v1, v2, v3): orders, leverage, account, balance, positions, trades.

import { cmp } from '../../../domain/money.js'
import type { SimPosition } from '../../engine/types.js'
import { engineCall } from './engine-call.js'
import { BinanceApiError, reduceOnlyRejected } from './errors.js'
import {
  MAX_NOTIONAL,
  futuresAccount,
  futuresBalanceRows,
  leverageBracket,
  positionRiskV2,
  positionRiskV3,
} from './format-account.js'
import { futuresOrder, futuresUserTrade } from './format-order.js'
import { accountTrades, allOrders } from './order-queries.js'
import { readFuturesOrder } from './order-request.js'
import { cancelNamedOrder, openOrdersByAge, placeCountedOrder, queriedOrder } from './order-steps.js'
import { requestMarket, requestMarkets } from './request-market.js'
import { fixedWeight, signedRoute, symbolWeight, type BinanceRoute, type RouteContext } from './route.js'
import { familyMarkets, marketId } from './symbols.js'

const marketOf = (context: RouteContext) => requestMarket(context, 'futures')

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
  const position = context.engine.positions(context.owner).find((p) => p.symbol === symbol && cmp(p.amount, 0) > 0)
  const reduces = position !== undefined && (side === 'buy' ? position.side === 'short' : position.side === 'long')
  if (!reduces || cmp(amount, position.amount) > 0) throw reduceOnlyRejected()
}

const accountBody = (c: RouteContext) =>
  futuresAccount(c.engine.balances(c.owner), familyMarkets(c.engine, 'futures'), perpPositions(c), c.now)

const balanceBody = (c: RouteContext) =>
  futuresBalanceRows(c.engine.balances(c.owner), familyMarkets(c.engine, 'futures'), perpPositions(c), c.now)

const signed = signedRoute('futures')

export const futuresTradeRoutes: BinanceRoute[] = [
  // 0 on the IP weight; counted on the order limits instead
  signed('POST', '/fapi/v1/order', fixedWeight(0), (c) => {
    const market = marketOf(c)
    const request = readFuturesOrder(c.params, market, c.engine.mid(market.symbol))
    if (request.params.reduceOnly) {
      checkReduceOnly(c, market.symbol, request.params.side, request.params.amount ?? '0')
    }
    const { order, headers } = placeCountedOrder(c, 'futures', request.params)
    return { body: futuresOrder(order, market, request.respType), headers }
  }),
  signed('GET', '/fapi/v1/order', fixedWeight(1), (c) => {
    const market = marketOf(c)
    return { body: futuresOrder(queriedOrder(c, market), market, 'QUERY') }
  }),
  signed('DELETE', '/fapi/v1/order', fixedWeight(1), (c) => {
    const market = marketOf(c)
    return { body: futuresOrder(cancelNamedOrder(c, 'futures', market), market, 'RESULT') }
  }),
  signed('GET', '/fapi/v1/openOrders', symbolWeight(1, 40), (c) => ({
    body: openOrdersByAge(c, 'futures').map(({ order, market }) => futuresOrder(order, market, 'QUERY')),
  })),
  signed('GET', '/fapi/v1/allOrders', fixedWeight(5), (c) => {
    const market = marketOf(c)
    const orders = allOrders(c.engine, c.owner, market, c.params, 1000)
    return { body: orders.map((o) => futuresOrder(o, market, 'QUERY')) }
  }),
  signed('GET', '/fapi/v1/userTrades', fixedWeight(5), (c) => {
    const market = marketOf(c)
    const fills = accountTrades(c.engine, c.owner, market, c.params, 1000)
    return { body: fills.map((f) => futuresUserTrade(f, market)) }
  }),
  signed('POST', '/fapi/v1/leverage', fixedWeight(1), (c) => {
    const market = marketOf(c)
    const leverage = c.params.requiredInteger('leverage')
    if (leverage < 1 || leverage > 125 || leverage > market.maxLeverage) {
      throw new BinanceApiError(400, -4028, `Leverage ${leverage} is not valid`)
    }
    engineCall('futures', 'leverage', () => c.engine.setLeverage(c.owner, market.symbol, leverage))
    return { body: { leverage, maxNotionalValue: MAX_NOTIONAL, symbol: marketId(market) } }
  }),
  signed('GET', '/fapi/v1/leverageBracket', fixedWeight(1), (c) => ({
    body: requestMarkets(c, 'futures').map(leverageBracket),
  })),
  signed('GET', '/fapi/v3/account', fixedWeight(5), (c) => ({ body: accountBody(c) })),
  signed('GET', '/fapi/v2/account', fixedWeight(5), (c) => ({ body: accountBody(c) })),
  signed('GET', '/fapi/v3/balance', fixedWeight(5), (c) => ({ body: balanceBody(c) })),
  signed('GET', '/fapi/v2/balance', fixedWeight(5), (c) => ({ body: balanceBody(c) })),
  signed('GET', '/fapi/v3/positionRisk', fixedWeight(5), (c) => {
    const perps = familyMarkets(c.engine, 'futures')
    const quoteOf = (symbol: string) => perps.find((m) => m.symbol === symbol)?.quote ?? 'USDT'
    return { body: perpPositions(c).map((p) => positionRiskV3(p, perps, quoteOf(p.symbol), c.now)) }
  }),
  signed('GET', '/fapi/v2/positionRisk', fixedWeight(5), (c) => {
    const perps = familyMarkets(c.engine, 'futures')
    return { body: perpPositions(c).map((p) => positionRiskV2(p, perps, c.now)) }
  }),
]
