// ccxt's parsed structures (numbers) -> our types (decimal strings). ccxt parses the venues' decimal strings into
// JS numbers; the shortest round-trip representation of such a number is the venue's literal (for up to 15
// significant digits), and decimal.js reads numbers through exactly that representation. No arithmetic on floats
// happens here.
import type {
  Balances as CcxtBalances,
  MarketInterface,
  OHLCV,
  Order as CcxtOrder,
  OrderBook as CcxtOrderBook,
  Ticker as CcxtTicker,
  Trade as CcxtTrade,
} from 'ccxt'

import { add, str } from '../domain/money.js'
import { unfilledAmount } from '../domain/orders.js'
import type {
  Balances,
  BookLevel,
  DecimalString,
  ExchangeId,
  Kline,
  MarketInfo,
  OrderBook,
  OrderStatus,
  PublicTrade,
  Side,
  Ticker,
  UnifiedOrder,
} from '../domain/types.js'

type Num = number | string | undefined | null

/** A ccxt number (or numeric string) as a canonical decimal string; undefined for missing or non-finite. */
export function decimal(value: Num): DecimalString | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined
  return str(value)
}

const decimalOr = (value: Num, fallback: DecimalString): DecimalString => decimal(value) ?? fallback

const ORDER_STATUSES: readonly OrderStatus[] = ['open', 'closed', 'canceled', 'expired', 'rejected']

export function toOrderStatus(status: string | undefined | null): OrderStatus {
  if (status === 'cancelled') return 'canceled'
  return ORDER_STATUSES.find((s) => s === status) ?? 'open'
}

export function toSide(side: string | undefined | null): Side {
  return side === 'sell' ? 'sell' : 'buy'
}

export function toMarketInfo(exchange: ExchangeId, market: MarketInterface): MarketInfo {
  return {
    exchange,
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    type: market.swap === true ? 'swap' : 'spot',
    active: market.active !== false,
    amountStep: decimalOr(market.precision.amount, '0'),
    priceStep: decimalOr(market.precision.price, '0'),
    minAmount: decimal(market.limits.amount?.min),
    minNotional: decimal(market.limits.cost?.min),
    makerFee: decimalOr(market.maker, '0'),
    takerFee: decimalOr(market.taker, '0'),
  }
}

/** `fallback` supplies what the venue's answer may lack (Kraken and Coinbase echo little on placement). */
export function toUnifiedOrder(
  exchange: ExchangeId,
  order: CcxtOrder,
  fallback: { clientOrderId?: string; symbol?: string; now: number }
): UnifiedOrder {
  const amount = decimalOr(order.amount, '0')
  const filled = decimalOr(order.filled, '0')
  const average = decimal(order.average)
  const result: UnifiedOrder = {
    exchange,
    id: String(order.id ?? ''),
    clientOrderId: order.clientOrderId ?? fallback.clientOrderId ?? '',
    symbol: order.symbol ?? fallback.symbol ?? '',
    side: toSide(order.side),
    type: order.type ?? 'limit',
    status: toOrderStatus(order.status),
    amount,
    filled,
    remaining: decimal(order.remaining) ?? unfilledAmount({ amount, filled }),
    cost: decimalOr(order.cost, '0'),
    timestamp: order.timestamp ?? fallback.now,
  }
  const price = decimal(order.price)
  if (price !== undefined && price !== '0') result.price = price
  if (average !== undefined && average !== '0') result.average = average
  const feeCost = decimal(order.fee?.cost)
  if (feeCost !== undefined && order.fee?.currency) result.fee = { cost: feeCost, currency: order.fee.currency }
  if (order.timeInForce) result.timeInForce = order.timeInForce
  if (typeof order.postOnly === 'boolean') result.postOnly = order.postOnly
  if (typeof order.reduceOnly === 'boolean') result.reduceOnly = order.reduceOnly
  const trigger = decimal(order.triggerPrice)
  if (trigger !== undefined && trigger !== '0') result.triggerPrice = trigger
  return result
}

export function toTicker(exchange: ExchangeId, symbol: string, t: CcxtTicker, now: number): Ticker {
  const ticker: Ticker = { exchange, symbol, timestamp: t.timestamp ?? now }
  const fields = ['bid', 'ask', 'last', 'high', 'low', 'open', 'baseVolume', 'quoteVolume'] as const
  for (const field of fields) {
    const value = decimal(t[field])
    if (value !== undefined) ticker[field] = value
  }
  return ticker
}

function toLevels(levels: [Num, Num][]): BookLevel[] {
  const out: BookLevel[] = []
  for (const [price, amount] of levels) {
    const p = decimal(price)
    const a = decimal(amount)
    if (p !== undefined && a !== undefined) out.push([p, a])
  }
  return out
}

export function toOrderBook(
  exchange: ExchangeId,
  symbol: string,
  book: CcxtOrderBook,
  depth: number | undefined,
  now: number
): OrderBook {
  const bids = toLevels(book.bids)
  const asks = toLevels(book.asks)
  return {
    exchange,
    symbol,
    bids: depth === undefined ? bids : bids.slice(0, depth),
    asks: depth === undefined ? asks : asks.slice(0, depth),
    timestamp: book.timestamp ?? now,
  }
}

export function toPublicTrade(symbol: string, trade: CcxtTrade, now: number): PublicTrade {
  return {
    id: String(trade.id ?? ''),
    symbol: trade.symbol ?? symbol,
    side: toSide(trade.side),
    price: decimalOr(trade.price, '0'),
    amount: decimalOr(trade.amount, '0'),
    timestamp: trade.timestamp ?? now,
  }
}

export function toKline(row: OHLCV): Kline {
  const [timestamp, open, high, low, close, volume] = row
  return {
    timestamp: Number(timestamp ?? 0),
    open: decimalOr(open, '0'),
    high: decimalOr(high, '0'),
    low: decimalOr(low, '0'),
    close: decimalOr(close, '0'),
    volume: decimalOr(volume, '0'),
  }
}

const BALANCE_META_KEYS = new Set(['info', 'timestamp', 'datetime', 'free', 'used', 'total', 'debt'])

/** Free / locked / total per asset; assets with nothing at all are left out. */
export function toBalances(balance: CcxtBalances): Balances {
  const out: Balances = {}
  for (const [asset, entry] of Object.entries(balance)) {
    if (BALANCE_META_KEYS.has(asset) || entry === null || typeof entry !== 'object') continue
    const free = decimalOr(entry.free, '0')
    const locked = decimalOr(entry.used, '0')
    const total = decimal(entry.total) ?? add(free, locked)
    if (free === '0' && locked === '0' && total === '0') continue
    out[asset] = { free, locked, total }
  }
  return out
}
