// Public market data in Binance's JSON shapes (rest-api.md; USD-M "Market Data" pages), from the engine.

import { div, isZero, mul, sub } from '../../../domain/money.js'
import type { SimCandle, SimMarket, SimPublicTrade, VenueEngine } from '../../engine/types.js'
import { fixed, placesOf, spot } from './decimals.js'
import type { BinanceLimits } from './rate-limit.js'
import { marketId } from './symbols.js'

// Binance publishes a price band per symbol; the simulator's markets have none, so a wide one.
const MAX_PRICE = '1000000'
const MAX_NOTIONAL = '9000000'

export function spotExchangeInfo(markets: SimMarket[], limits: BinanceLimits, serverTime: number): unknown {
  return {
    timezone: 'UTC',
    serverTime,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: limits.spotWeightPerMinute },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: limits.spotOrdersPer10s },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: limits.spotOrdersPerDay },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
    ],
    exchangeFilters: [],
    symbols: markets.map((m) => ({
      symbol: marketId(m),
      status: 'TRADING',
      baseAsset: m.base,
      baseAssetPrecision: 8,
      quoteAsset: m.quote,
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      orderTypes: [
        'LIMIT',
        'LIMIT_MAKER',
        'MARKET',
        'STOP_LOSS',
        'STOP_LOSS_LIMIT',
        'TAKE_PROFIT',
        'TAKE_PROFIT_LIMIT',
      ],
      icebergAllowed: false,
      ocoAllowed: false,
      otoAllowed: false,
      quoteOrderQtyMarketAllowed: true,
      allowTrailingStop: false,
      cancelReplaceAllowed: false,
      amendAllowed: false,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: m.marginEnabled,
      filters: [
        {
          filterType: 'PRICE_FILTER',
          minPrice: spot(m.tickSize),
          maxPrice: spot(MAX_PRICE),
          tickSize: spot(m.tickSize),
        },
        { filterType: 'LOT_SIZE', minQty: spot(m.minQty), maxQty: spot(m.maxQty), stepSize: spot(m.stepSize) },
        {
          filterType: 'NOTIONAL',
          minNotional: spot(m.minNotional),
          applyMinToMarket: true,
          maxNotional: spot(MAX_NOTIONAL),
          applyMaxToMarket: false,
          avgPriceMins: 5,
        },
        { filterType: 'MARKET_LOT_SIZE', minQty: spot(0), maxQty: spot(m.maxQty), stepSize: spot(0) },
        { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      ],
      permissions: [],
      permissionSets: [['SPOT']],
      defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
      allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
    })),
  }
}

export function futuresExchangeInfo(markets: SimMarket[], limits: BinanceLimits, serverTime: number): unknown {
  const marginAssets = [...new Set(markets.map((m) => m.quote))]
  return {
    timezone: 'UTC',
    serverTime,
    futuresType: 'U_MARGINED',
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: limits.futuresWeightPerMinute },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: limits.futuresOrdersPerMinute },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: limits.futuresOrdersPer10s },
    ],
    exchangeFilters: [],
    assets: marginAssets.map((asset) => ({ asset, marginAvailable: true, autoAssetExchange: '-10000' })),
    symbols: markets.map((m) => ({
      symbol: marketId(m),
      pair: marketId(m),
      contractType: 'PERPETUAL',
      deliveryDate: 4133404800000,
      onboardDate: 1569398400000,
      status: 'TRADING',
      maintMarginPercent: '2.5000',
      requiredMarginPercent: '5.0000',
      baseAsset: m.base,
      quoteAsset: m.quote,
      marginAsset: m.quote,
      pricePrecision: placesOf(m.tickSize),
      quantityPrecision: placesOf(m.stepSize),
      baseAssetPrecision: 8,
      quotePrecision: 8,
      underlyingType: 'COIN',
      underlyingSubType: [],
      triggerProtect: '0.0500',
      liquidationFee: '0.012500',
      marketTakeBound: '0.05',
      maxMoveOrderLimit: 10000,
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: m.tickSize, maxPrice: MAX_PRICE, tickSize: m.tickSize },
        { filterType: 'LOT_SIZE', stepSize: m.stepSize, maxQty: m.maxQty, minQty: m.minQty },
        { filterType: 'MARKET_LOT_SIZE', stepSize: m.stepSize, maxQty: m.maxQty, minQty: m.minQty },
        { filterType: 'MAX_NUM_ORDERS', limit: 200 },
        { filterType: 'MIN_NOTIONAL', notional: m.minNotional },
      ],
      // Only what /fapi/v1/order serves: ccxt sends conditional types to /fapi/v1/algoOrder, which the
      // simulator does not offer, and refuses locally any type missing here.
      orderTypes: ['LIMIT', 'MARKET'],
      timeInForce: ['GTC', 'IOC', 'FOK', 'GTX'],
    })),
  }
}

type Book = ReturnType<VenueEngine['book']>

const levels = (rows: [string, string][], places: (v: string) => string, qty: (v: string) => string) =>
  rows.map(([price, amount]) => [places(price), qty(amount)])

export function spotDepth(book: Book): unknown {
  return { lastUpdateId: book.time, bids: levels(book.bids, spot, spot), asks: levels(book.asks, spot, spot) }
}

export function futuresDepth(book: Book, market: SimMarket, now: number): unknown {
  const price = (v: string) => fixed(v, placesOf(market.tickSize))
  const qty = (v: string) => fixed(v, placesOf(market.stepSize))
  return {
    lastUpdateId: book.time,
    E: now,
    T: book.time,
    bids: levels(book.bids, price, qty),
    asks: levels(book.asks, price, qty),
  }
}

type Ticker = ReturnType<VenueEngine['ticker']>

function change(t: Ticker) {
  const priceChange = sub(t.last, t.open)
  const percent = isZero(t.open) ? '0' : mul(div(priceChange, t.open), 100)
  const weightedAvg = isZero(t.volume) ? '0' : div(t.quoteVolume, t.volume)
  return { priceChange, percent: fixed(percent, 3), weightedAvg }
}

/** Binance counts trades by id range; -1 when the window saw none. */
function tradeIds(t: Ticker, lastTrade: SimPublicTrade | undefined): { firstId: number; lastId: number } {
  if (t.count === 0 || lastTrade === undefined) return { firstId: -1, lastId: -1 }
  return { firstId: Math.max(0, lastTrade.id - t.count + 1), lastId: lastTrade.id }
}

export function spotTicker(t: Ticker, market: SimMarket, lastTrade: SimPublicTrade | undefined): unknown {
  const c = change(t)
  return {
    symbol: marketId(market),
    priceChange: spot(c.priceChange),
    priceChangePercent: c.percent,
    weightedAvgPrice: spot(c.weightedAvg),
    prevClosePrice: spot(t.open),
    lastPrice: spot(t.last),
    lastQty: spot(lastTrade?.amount ?? '0'),
    bidPrice: spot(t.bid),
    bidQty: spot(t.bidQty),
    askPrice: spot(t.ask),
    askQty: spot(t.askQty),
    openPrice: spot(t.open),
    highPrice: spot(t.high),
    lowPrice: spot(t.low),
    volume: spot(t.volume),
    quoteVolume: spot(t.quoteVolume),
    openTime: t.openTime,
    closeTime: t.closeTime,
    ...tradeIds(t, lastTrade),
    count: t.count,
  }
}

export function futuresTicker(t: Ticker, market: SimMarket, lastTrade: SimPublicTrade | undefined): unknown {
  const c = change(t)
  const price = (v: string) => fixed(v, placesOf(market.tickSize))
  const qty = (v: string) => fixed(v, placesOf(market.stepSize))
  return {
    symbol: marketId(market),
    priceChange: price(c.priceChange),
    priceChangePercent: c.percent,
    weightedAvgPrice: fixed(c.weightedAvg, placesOf(market.tickSize) + 3),
    lastPrice: price(t.last),
    lastQty: qty(lastTrade?.amount ?? '0'),
    openPrice: price(t.open),
    highPrice: price(t.high),
    lowPrice: price(t.low),
    volume: qty(t.volume),
    quoteVolume: fixed(t.quoteVolume, 2),
    openTime: t.openTime,
    closeTime: t.closeTime,
    ...tradeIds(t, lastTrade),
    count: t.count,
  }
}

/** Each simulated trade is its own aggregate: one fill of one taker order. */
export function aggTrade(trade: SimPublicTrade, family: 'spot' | 'futures'): unknown {
  const row = {
    a: trade.id,
    p: family === 'spot' ? spot(trade.price) : trade.price,
    q: family === 'spot' ? spot(trade.amount) : trade.amount,
    f: trade.id,
    l: trade.id,
    T: trade.time,
    // "was the buyer the maker": a sell taker means a resting buyer
    m: trade.side === 'sell',
  }
  return family === 'spot' ? { ...row, M: true } : row
}

export function spotTrade(trade: SimPublicTrade): unknown {
  return {
    id: trade.id,
    price: spot(trade.price),
    qty: spot(trade.amount),
    quoteQty: spot(mul(trade.price, trade.amount)),
    time: trade.time,
    isBuyerMaker: trade.side === 'sell',
    isBestMatch: true,
  }
}

/**
 * A kline row. The engine's candles carry no quote volume, trade count or taker split, so those fields are
 * zero; ccxt reads only the first six.
 */
export function kline(
  candle: SimCandle,
  intervalMs: number,
  price: (v: string) => string,
  qty: (v: string) => string
): unknown[] {
  const [openTime, open, high, low, close, volume] = candle
  const zero = qty('0')
  return [
    openTime,
    price(open),
    price(high),
    price(low),
    price(close),
    qty(volume),
    openTime + intervalMs - 1,
    zero,
    0,
    zero,
    zero,
    '0',
  ]
}

/** Binance's kline intervals in ms (month omitted: not a fixed length). */
export const KLINE_INTERVALS: Record<string, number> = {
  '1s': 1000,
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '8h': 28_800_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
  '3d': 259_200_000,
  '1w': 604_800_000,
}
