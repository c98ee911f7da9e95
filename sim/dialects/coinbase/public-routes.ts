// Public market data: time, currencies, products, book, ticker, stats, trades, candles.
import { str } from '../../../domain/money.js'
import type { SimResponse } from '../../dialect.js'
import type { SimMarket } from '../../engine/types.js'
import { badRequest, notFound } from './errors.js'
import { decimalsOf, fixed, isoMicros, parseDateParam, SIZE_DECIMALS } from './format.js'
import { currencyCodes, currencyView, marketOfProduct, productView, spotMarkets } from './products.js'
import { ok, type Route, type RouteContext } from './routes.js'

const GRANULARITIES = new Set([60, 300, 900, 3600, 21600, 86400])
const CANDLES_MAX = 300
const TRADES_DEFAULT = 100
const TRADES_MAX = 1000

function withMarket(handle: (context: RouteContext, market: SimMarket) => SimResponse) {
  return (context: RouteContext): SimResponse => {
    const market = marketOfProduct(context.state.engine, context.params[0] ?? '')
    return market ? handle(context, market) : notFound()
  }
}

const bookRows = (market: SimMarket, levels: [string, string][]): [string, string, number][] =>
  levels.map(([price, size]) => [fixed(price, decimalsOf(market.tickSize)), fixed(size, SIZE_DECIMALS), 1])

function book({ state, query }: RouteContext, market: SimMarket): SimResponse {
  const level = query.get('level') ?? '1'
  if (level !== '1' && level !== '2') return badRequest('Invalid level: this venue serves levels 1 and 2')
  const snapshot = state.engine.book(market.symbol, level === '1' ? 1 : undefined)
  return ok({
    bids: bookRows(market, snapshot.bids),
    asks: bookRows(market, snapshot.asks),
    sequence: state.nextSequence(),
    auction_mode: false,
    auction: null,
    time: isoMicros(snapshot.time),
  })
}

function ticker({ state }: RouteContext, market: SimMarket): SimResponse {
  const stats = state.engine.ticker(market.symbol)
  const last = state.engine.trades(market.symbol, 1)[0]
  return ok({
    ask: stats.ask,
    bid: stats.bid,
    volume: stats.volume,
    trade_id: last?.id ?? 0,
    price: stats.last,
    size: fixed(last?.amount ?? '0', SIZE_DECIMALS),
    time: isoMicros(last?.time ?? state.now()),
    rfq_volume: '0.000000',
  })
}

function stats({ state }: RouteContext, market: SimMarket): SimResponse {
  const day = state.engine.ticker(market.symbol)
  return ok({
    open: day.open,
    high: day.high,
    low: day.low,
    last: day.last,
    volume: day.volume,
    volume_30day: day.volume,
  })
}

function trades({ state, query }: RouteContext, market: SimMarket): SimResponse {
  const limit = Math.min(TRADES_MAX, Number(query.get('limit') ?? TRADES_DEFAULT) || TRADES_DEFAULT)
  // Newest first; `side` is the maker's side on Coinbase, the opposite of the taker's.
  const rows = state.engine
    .trades(market.symbol, limit)
    .slice()
    .sort((a, b) => b.id - a.id)
  return ok(
    rows.map((trade) => ({
      trade_id: trade.id,
      side: trade.side === 'buy' ? 'sell' : 'buy',
      size: fixed(trade.amount, SIZE_DECIMALS),
      price: fixed(trade.price, decimalsOf(market.tickSize)),
      time: isoMicros(trade.time),
    }))
  )
}

function candles({ state, query }: RouteContext, market: SimMarket): SimResponse {
  const granularity = Number(query.get('granularity') ?? 60)
  if (!GRANULARITIES.has(granularity)) return badRequest('Unsupported granularity')
  const intervalMs = granularity * 1000
  const start = parseDateParam(query.get('start'))
  const end = parseDateParam(query.get('end')) ?? state.now()
  let count = CANDLES_MAX
  if (start !== undefined) {
    count = Math.floor((end - start) / intervalMs) + 1
    if (count > CANDLES_MAX) {
      return badRequest(
        'granularity too small for the requested time range. Count of aggregations requested exceeds 300'
      )
    }
  }
  const rows = state.engine
    .candles(market.symbol, intervalMs, start, count)
    .filter(([openTime]) => openTime <= end)
    .sort((a, b) => b[0] - a[0])
  // Coinbase sends candles as JSON numbers; written out by hand so no decimal goes through a float.
  const body = rows.map(
    ([t, open, high, low, close, volume]) =>
      `[${t / 1000},${str(low)},${str(high)},${str(open)},${str(close)},${str(volume)}]`
  )
  return { status: 200, body: `[${body.join(',')}]` }
}

function time({ state }: RouteContext): SimResponse {
  const now = state.now()
  return { status: 200, body: `{"iso":"${new Date(now).toISOString()}","epoch":${now / 1000}}` }
}

export const publicRoutes: readonly Route[] = [
  { method: 'GET', pattern: /^\/time$/, access: 'public', handle: time },
  {
    method: 'GET',
    pattern: /^\/currencies$/,
    access: 'public',
    handle: ({ state }) => ok(currencyCodes(state.engine).map(currencyView)),
  },
  {
    method: 'GET',
    pattern: /^\/products$/,
    access: 'public',
    handle: ({ state }) => ok(spotMarkets(state.engine).map(productView)),
  },
  {
    method: 'GET',
    pattern: /^\/products\/([^/]+)$/,
    access: 'public',
    handle: withMarket((_, market) => ok(productView(market))),
  },
  { method: 'GET', pattern: /^\/products\/([^/]+)\/book$/, access: 'public', handle: withMarket(book) },
  { method: 'GET', pattern: /^\/products\/([^/]+)\/ticker$/, access: 'public', handle: withMarket(ticker) },
  { method: 'GET', pattern: /^\/products\/([^/]+)\/stats$/, access: 'public', handle: withMarket(stats) },
  { method: 'GET', pattern: /^\/products\/([^/]+)\/trades$/, access: 'public', handle: withMarket(trades) },
  { method: 'GET', pattern: /^\/products\/([^/]+)\/candles$/, access: 'public', handle: withMarket(candles) },
]
