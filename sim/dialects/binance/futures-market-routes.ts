// Public USD-M endpoints (/fapi/v1), with the weights of Binance's derivatives docs.

import { aggTrade, futuresDepth, futuresExchangeInfo, futuresTicker, kline } from './format-market.js'
import { fixed, placesOf } from './decimals.js'
import { limitParam } from './list-window.js'
import { klineWindow, tradeWindow } from './market-data.js'
import type { BinanceParams } from './params.js'
import { fixedWeight, symbolWeight, type BinanceRoute, type RouteContext } from './route.js'
import { familyMarkets, resolveMarket } from './symbols.js'

const marketOf = (context: RouteContext) =>
  resolveMarket(context.engine, 'futures', context.params.requiredString('symbol'))

function depthWeight(params: BinanceParams): number {
  const limit = limitParam(params, 500, 1000)
  if (limit <= 50) return 2
  if (limit <= 100) return 5
  if (limit <= 500) return 10
  return 20
}

function klineWeight(params: BinanceParams): number {
  const limit = limitParam(params, 500, 1500)
  if (limit < 100) return 1
  if (limit < 500) return 2
  if (limit <= 1000) return 5
  return 10
}

const lastTrade = (context: RouteContext, symbol: string) => context.engine.trades(symbol, 1).at(-1)

export const futuresMarketRoutes: BinanceRoute[] = [
  {
    method: 'GET',
    path: '/fapi/v1/ping',
    family: 'futures',
    signed: false,
    weight: fixedWeight(1),
    handle: () => ({ body: {} }),
  },
  {
    method: 'GET',
    path: '/fapi/v1/time',
    family: 'futures',
    signed: false,
    weight: fixedWeight(1),
    handle: (c) => ({ body: { serverTime: c.now } }),
  },
  {
    method: 'GET',
    path: '/fapi/v1/exchangeInfo',
    family: 'futures',
    signed: false,
    weight: fixedWeight(1),
    handle: (c) => ({ body: futuresExchangeInfo(familyMarkets(c.engine, 'futures'), c.limits, c.now) }),
  },
  {
    method: 'GET',
    path: '/fapi/v1/depth',
    family: 'futures',
    signed: false,
    weight: depthWeight,
    handle: (c) => {
      const market = marketOf(c)
      return { body: futuresDepth(c.engine.book(market.symbol, limitParam(c.params, 500, 1000)), market, c.now) }
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/ticker/24hr',
    family: 'futures',
    signed: false,
    weight: symbolWeight(1, 40),
    handle: (c) => {
      if (!c.params.has('symbol')) {
        const markets = familyMarkets(c.engine, 'futures')
        return { body: markets.map((m) => futuresTicker(c.engine.ticker(m.symbol), m, lastTrade(c, m.symbol))) }
      }
      const market = marketOf(c)
      return { body: futuresTicker(c.engine.ticker(market.symbol), market, lastTrade(c, market.symbol)) }
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/aggTrades',
    family: 'futures',
    signed: false,
    weight: fixedWeight(20),
    handle: (c) => {
      const market = marketOf(c)
      return { body: tradeWindow(c.engine, market.symbol, c.params, 1000).map((t) => aggTrade(t, 'futures')) }
    },
  },
  {
    method: 'GET',
    path: '/fapi/v1/klines',
    family: 'futures',
    signed: false,
    weight: klineWeight,
    handle: (c) => {
      const market = marketOf(c)
      const { candles, intervalMs } = klineWindow(c.engine, market.symbol, c.params, 1500)
      const price = (v: string) => fixed(v, placesOf(market.tickSize))
      const qty = (v: string) => fixed(v, placesOf(market.stepSize))
      return { body: candles.map((candle) => kline(candle, intervalMs, price, qty)) }
    },
  },
]
