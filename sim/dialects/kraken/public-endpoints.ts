// /0/public/*: server time and status, assets, pairs and market data, shaped field for field like Kraken's.
import { dec, div, isPositive, sum } from '../../../domain/money.js'
import type { VenueEngine } from '../../engine/types.js'
import type { KrakenAsset } from './assets.js'
import { KrakenError } from './errors.js'
import { feeTiers } from './fees.js'
import { fixed, isoSeconds, rfc1123, seconds } from './format.js'
import type { KrakenPair, PairIndex } from './pairs.js'
import { type Params, optionalInteger, optionalSeconds } from './params.js'

export interface PublicContext {
  engine: VenueEngine
  pairs: PairIndex
  now: () => number
}

export type PublicEndpoint = (params: Params, ctx: PublicContext) => unknown

const OHLC_INTERVALS = new Set([1, 5, 15, 30, 60, 240, 1440, 10080, 21600])
const MAX_OHLC_ROWS = 720

function resolvePair(params: Params, ctx: PublicContext): KrakenPair {
  const pair = params['pair'] === undefined ? undefined : ctx.pairs.resolve(params['pair'])
  if (!pair) throw new KrakenError('EQuery:Unknown asset pair')
  return pair
}

/** Pairs named in ?pair=a,b (all when absent), keyed by their id. */
function requestedPairs(params: Params, ctx: PublicContext): KrakenPair[] {
  if (params['pair'] === undefined) return ctx.pairs.all()
  return params['pair'].split(',').map((name) => {
    const pair = ctx.pairs.resolve(name)
    if (!pair) throw new KrakenError('EQuery:Unknown asset pair')
    return pair
  })
}

function assetInfo(asset: KrakenAsset): Record<string, unknown> {
  return {
    aclass: 'currency',
    altname: asset.altname,
    decimals: asset.decimals,
    display_decimals: asset.displayDecimals,
    collateral_value: 1,
    status: 'enabled',
  }
}

export function pairInfo(pair: KrakenPair): Record<string, unknown> {
  const { market } = pair
  const leverage = market.marginEnabled ? Array.from({ length: market.maxLeverage - 1 }, (_, i) => i + 2) : []
  return {
    altname: pair.altname,
    wsname: pair.wsname,
    aclass_base: 'currency',
    base: pair.base.id,
    aclass_quote: 'currency',
    quote: pair.quote.id,
    lot: 'unit',
    cost_decimals: pair.costDecimals,
    pair_decimals: pair.pairDecimals,
    lot_decimals: pair.lotDecimals,
    lot_multiplier: 1,
    leverage_buy: leverage,
    leverage_sell: leverage,
    fees: feeTiers(market, 'taker'),
    fees_maker: feeTiers(market, 'maker'),
    fee_volume_currency: 'ZUSD',
    margin_call: 80,
    margin_stop: 40,
    ordermin: market.minQty,
    costmin: market.minNotional,
    tick_size: market.tickSize,
    status: 'online',
    ...(market.marginEnabled && { long_position_limit: 250, short_position_limit: 200 }),
  }
}

function tickerInfo(pair: KrakenPair, ctx: PublicContext): Record<string, unknown> {
  const t = ctx.engine.ticker(pair.market.symbol)
  const [p, v] = [pair.pairDecimals, pair.lotDecimals]
  const last = ctx.engine.trades(pair.market.symbol, 1)[0]
  const vwap = isPositive(t.volume) ? div(t.quoteVolume, t.volume) : t.last
  const wholeLots = (qty: string): string => dec(qty).floor().toFixed()
  return {
    a: [fixed(t.ask, p), wholeLots(t.askQty), fixed(t.askQty, 3)],
    b: [fixed(t.bid, p), wholeLots(t.bidQty), fixed(t.bidQty, 3)],
    c: [fixed(t.last, p), fixed(last?.amount ?? '0', v)],
    v: [fixed(t.volume, v), fixed(t.volume, v)],
    p: [fixed(vwap, p), fixed(vwap, p)],
    t: [t.count, t.count],
    l: [fixed(t.low, p), fixed(t.low, p)],
    h: [fixed(t.high, p), fixed(t.high, p)],
    o: fixed(t.open, p),
  }
}

/** Kraken's Trades cursor: nanoseconds since the epoch, as a string. */
const nanos = (ms: number): string => (BigInt(Math.round(ms)) * 1_000_000n).toString()

/** Trades/since is seconds, or a nanosecond cursor taken from an earlier `last`. */
function sinceMs(raw: number | undefined): number | undefined {
  if (raw === undefined) return undefined
  return raw > 1e14 ? raw / 1e6 : raw * 1000
}

export const PUBLIC_ENDPOINTS: Record<string, PublicEndpoint> = {
  Time: (_params, ctx) => ({ unixtime: Math.floor(ctx.now() / 1000), rfc1123: rfc1123(ctx.now()) }),

  SystemStatus: (_params, ctx) => ({ status: 'online', timestamp: isoSeconds(ctx.now()) }),

  Assets: (params, ctx) => {
    const assets = new Map<string, KrakenAsset>()
    for (const pair of ctx.pairs.all()) for (const a of [pair.base, pair.quote]) assets.set(a.id, a)
    const wanted = params['asset']?.split(',')
    const result: Record<string, unknown> = {}
    for (const asset of assets.values()) {
      if (wanted && !wanted.some((w) => w === asset.id || w === asset.altname || w === asset.code)) continue
      result[asset.id] = assetInfo(asset)
    }
    if (wanted && Object.keys(result).length === 0) throw new KrakenError('EQuery:Unknown asset')
    return result
  },

  AssetPairs: (params, ctx) => Object.fromEntries(requestedPairs(params, ctx).map((pair) => [pair.id, pairInfo(pair)])),

  Ticker: (params, ctx) =>
    Object.fromEntries(requestedPairs(params, ctx).map((pair) => [pair.id, tickerInfo(pair, ctx)])),

  Depth: (params, ctx) => {
    const pair = resolvePair(params, ctx)
    const count = Math.min(Math.max(optionalInteger(params, 'count') ?? 100, 1), 500)
    const book = ctx.engine.book(pair.market.symbol, count)
    const time = Math.floor(seconds(book.time))
    const level = ([price, qty]: [string, string]): [string, string, number] => [
      fixed(price, pair.pairDecimals),
      fixed(qty, pair.lotDecimals),
      time,
    ]
    return { [pair.id]: { asks: book.asks.slice(0, count).map(level), bids: book.bids.slice(0, count).map(level) } }
  },

  Trades: (params, ctx) => {
    const pair = resolvePair(params, ctx)
    const count = Math.min(Math.max(optionalInteger(params, 'count') ?? 1000, 1), 1000)
    const since = sinceMs(optionalSeconds(params, 'since'))
    const after = ctx.engine
      .trades(pair.market.symbol)
      .filter((t) => since === undefined || t.time > since)
      .sort((a, b) => a.time - b.time || a.id - b.id)
    // oldest first; from a cursor the next `count` trades, without one the latest `count`
    const trades = since === undefined ? after.slice(-count) : after.slice(0, count)
    const rows = trades.map((t) => [
      fixed(t.price, pair.pairDecimals),
      fixed(t.amount, pair.lotDecimals),
      seconds(t.time),
      t.side === 'buy' ? 'b' : 's',
      'l',
      '',
      t.id,
    ])
    const lastTime = trades.at(-1)?.time ?? since ?? ctx.now()
    return { [pair.id]: rows, last: nanos(lastTime) }
  },

  OHLC: (params, ctx) => {
    const pair = resolvePair(params, ctx)
    const interval = optionalInteger(params, 'interval') ?? 1
    if (!OHLC_INTERVALS.has(interval)) throw new KrakenError('EGeneral:Invalid arguments')
    const since = optionalSeconds(params, 'since')
    // Kraken returns the candles after `since`; ccxt compensates by asking from one interval earlier (quirk 7)
    const candles = ctx.engine
      .candles(pair.market.symbol, interval * 60_000, since === undefined ? undefined : since * 1000)
      .filter(([openTime]) => since === undefined || openTime / 1000 > since)
      .slice(-MAX_OHLC_ROWS)
    const p = pair.pairDecimals
    const rows = candles.map(([openTime, open, high, low, close, volume]) => [
      Math.floor(openTime / 1000),
      fixed(open, p),
      fixed(high, p),
      fixed(low, p),
      fixed(close, p),
      // typical price: the engine keeps no per-candle VWAP
      fixed(div(sum([high, low, close]), 3), p),
      fixed(volume, pair.lotDecimals),
      0,
    ])
    const lastOpen = candles.at(-1)?.[0]
    return { [pair.id]: rows, last: Math.floor((lastOpen ?? ctx.now()) / 1000) }
  },
}
