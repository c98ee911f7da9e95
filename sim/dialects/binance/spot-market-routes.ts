// Public spot endpoints (/api/v3) and the system status (/sapi/v1/system/status), with rest-api.md weights.

import { aggTrade, kline, spotDepth, spotExchangeInfo, spotTicker, spotTrade } from './format-market.js'
import { spot } from './decimals.js'
import { limitParam } from './list-window.js'
import { klineWindow, tradeWindow } from './market-data.js'
import type { BinanceParams } from './params.js'
import { fixedWeight, symbolWeight, type BinanceRoute, type RouteContext } from './route.js'
import { familyMarkets, resolveMarket } from './symbols.js'

const marketOf = (context: RouteContext) =>
  resolveMarket(context.engine, 'spot', context.params.requiredString('symbol'))

function depthWeight(params: BinanceParams): number {
  const limit = limitParam(params, 100, 5000)
  if (limit <= 100) return 5
  if (limit <= 500) return 25
  if (limit <= 1000) return 50
  return 250
}

const lastTrade = (context: RouteContext, symbol: string) => context.engine.trades(symbol, 1).at(-1)

export const spotMarketRoutes: BinanceRoute[] = [
  {
    method: 'GET',
    path: '/api/v3/ping',
    family: 'spot',
    signed: false,
    weight: fixedWeight(1),
    handle: () => ({ body: {} }),
  },
  {
    method: 'GET',
    path: '/api/v3/time',
    family: 'spot',
    signed: false,
    weight: fixedWeight(1),
    handle: (c) => ({ body: { serverTime: c.now } }),
  },
  {
    method: 'GET',
    path: '/sapi/v1/system/status',
    family: 'spot',
    signed: false,
    weight: fixedWeight(1),
    handle: () => ({ body: { status: 0, msg: 'normal' } }),
  },
  {
    method: 'GET',
    path: '/api/v3/exchangeInfo',
    family: 'spot',
    signed: false,
    weight: fixedWeight(20),
    handle: (c) => {
      const symbol = c.params.string('symbol')
      const markets = symbol === undefined ? familyMarkets(c.engine, 'spot') : [marketOf(c)]
      return { body: spotExchangeInfo(markets, c.limits, c.now) }
    },
  },
  {
    method: 'GET',
    path: '/api/v3/depth',
    family: 'spot',
    signed: false,
    weight: depthWeight,
    handle: (c) => {
      const market = marketOf(c)
      return { body: spotDepth(c.engine.book(market.symbol, limitParam(c.params, 100, 5000))) }
    },
  },
  {
    method: 'GET',
    path: '/api/v3/ticker/24hr',
    family: 'spot',
    signed: false,
    weight: symbolWeight(2, 80),
    handle: (c) => {
      if (!c.params.has('symbol')) {
        const markets = familyMarkets(c.engine, 'spot')
        return { body: markets.map((m) => spotTicker(c.engine.ticker(m.symbol), m, lastTrade(c, m.symbol))) }
      }
      const market = marketOf(c)
      return { body: spotTicker(c.engine.ticker(market.symbol), market, lastTrade(c, market.symbol)) }
    },
  },
  {
    method: 'GET',
    path: '/api/v3/trades',
    family: 'spot',
    signed: false,
    weight: fixedWeight(25),
    handle: (c) => {
      const market = marketOf(c)
      const limit = limitParam(c.params, 500, 1000)
      const trades = [...c.engine.trades(market.symbol)].sort((a, b) => a.id - b.id).slice(-limit)
      return { body: trades.map(spotTrade) }
    },
  },
  {
    method: 'GET',
    path: '/api/v3/aggTrades',
    family: 'spot',
    signed: false,
    weight: fixedWeight(4),
    handle: (c) => {
      const market = marketOf(c)
      return { body: tradeWindow(c.engine, market.symbol, c.params, 1000).map((t) => aggTrade(t, 'spot')) }
    },
  },
  {
    method: 'GET',
    path: '/api/v3/klines',
    family: 'spot',
    signed: false,
    weight: fixedWeight(2),
    handle: (c) => {
      const market = marketOf(c)
      const { candles, intervalMs } = klineWindow(c.engine, market.symbol, c.params, 1000)
      return { body: candles.map((candle) => kline(candle, intervalMs, spot, spot)) }
    },
  },
]
