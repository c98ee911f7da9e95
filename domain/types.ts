// Pure data types shared by every layer. No I/O, no classes with behaviour: workflows import this file,
// so it must stay deterministic and free of Node built-ins.
//
// Money convention: every amount, price, fee and balance is a decimal *string* ("0.00125", "64250.5").
// Arithmetic on them goes through domain/money.ts. Numbers appear only for scores, counts and timestamps.

/** Decimal number carried as a string so that no float rounding reaches a venue. */
export type DecimalString = string

export const EXCHANGE_IDS = ['binance', 'coinbase', 'kraken'] as const
export type ExchangeId = (typeof EXCHANGE_IDS)[number]

export type Side = 'buy' | 'sell'
export type OrderType = 'market' | 'limit'
/** GTT = good till time (Coinbase `cancel_after`); the others as everywhere. */
export type TimeInForce = 'GTC' | 'IOC' | 'FOK' | 'GTT'

/** ccxt's unified order statuses. `open` covers partially filled. */
export type OrderStatus = 'open' | 'closed' | 'canceled' | 'expired' | 'rejected'

export interface OrderRequest {
  /** Unified symbol: BTC/USDT for spot, BTC/USDT:USDT for a USD-M perpetual. */
  symbol: string
  side: Side
  type: OrderType
  /** Base-currency amount. */
  amount: DecimalString
  /** Required for limit orders; ignored for market orders. */
  price?: DecimalString
  /** Chosen by the caller before sending and reused on every retry; generated when absent. */
  clientOrderId?: string
  timeInForce?: TimeInForce
  postOnly?: boolean
}

/** Orders that wait for a trigger price: a stop-loss or take-profit, at market or (the -limit kinds) at a limit. */
export const CONDITIONAL_ORDER_TYPES = ['stop-loss', 'stop-loss-limit', 'take-profit', 'take-profit-limit'] as const
export type ConditionalOrderType = (typeof CONDITIONAL_ORDER_TYPES)[number]

/**
 * Every order the durable path places: a spot order (OrderRequest), or one of the venues' extras: a USD-M perpetual
 * (symbol like BTC/USDT:USDT) with reduce-only and leverage, a Kraken margin order (leverage), a conditional order,
 * a Coinbase GTT order with cancelAfter. activities/send-order.ts sends each to its connector method.
 */
export interface OrderSpec extends Omit<OrderRequest, 'type'> {
  type: OrderType | ConditionalOrderType
  /** Only reduces a position (futures, margin). */
  reduceOnly?: boolean
  /** Futures: set on the account before the order is sent; margin (Kraken): sent with the order. */
  leverage?: number
  /** Conditional orders: the price that fires them. */
  triggerPrice?: DecimalString
  /** GTT on Coinbase: cancel after a minute, an hour or a day. */
  cancelAfter?: 'min' | 'hour' | 'day'
}

export interface Fee {
  cost: DecimalString
  currency: string
}

/** One order as every connector reports it, whatever the venue. */
export interface UnifiedOrder {
  exchange: ExchangeId
  /** The venue's order id. */
  id: string
  clientOrderId: string
  symbol: string
  side: Side
  type: string
  status: OrderStatus
  amount: DecimalString
  price?: DecimalString
  filled: DecimalString
  remaining: DecimalString
  /** Average fill price; absent when nothing filled. */
  average?: DecimalString
  /** Quote amount filled (filled × average). */
  cost: DecimalString
  fee?: Fee
  timeInForce?: string
  postOnly?: boolean
  reduceOnly?: boolean
  triggerPrice?: DecimalString
  /** Milliseconds since the epoch. */
  timestamp: number
}

/** [price, amount] */
export type BookLevel = [DecimalString, DecimalString]

export interface OrderBook {
  exchange: ExchangeId
  symbol: string
  /** Best (highest) first. */
  bids: BookLevel[]
  /** Best (lowest) first. */
  asks: BookLevel[]
  timestamp: number
}

export interface Ticker {
  exchange: ExchangeId
  symbol: string
  bid?: DecimalString
  ask?: DecimalString
  last?: DecimalString
  high?: DecimalString
  low?: DecimalString
  open?: DecimalString
  baseVolume?: DecimalString
  quoteVolume?: DecimalString
  timestamp: number
}

export interface PublicTrade {
  id: string
  symbol: string
  side: Side
  price: DecimalString
  amount: DecimalString
  timestamp: number
}

/** One fill of one of our orders. */
export interface Fill {
  id: string
  orderId: string
  clientOrderId?: string
  symbol: string
  side: Side
  price: DecimalString
  amount: DecimalString
  fee?: Fee
  /** maker or taker */
  takerOrMaker?: 'maker' | 'taker'
  timestamp: number
}

export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d'] as const
export type Timeframe = (typeof TIMEFRAMES)[number]

export interface Kline {
  /** Open time, ms since the epoch. */
  timestamp: number
  open: DecimalString
  high: DecimalString
  low: DecimalString
  close: DecimalString
  volume: DecimalString
}

export interface AssetBalance {
  free: DecimalString
  locked: DecimalString
  total: DecimalString
}

export type Balances = Record<string, AssetBalance>

export interface AccountInfo {
  exchange: ExchangeId
  canTrade: boolean
  canWithdraw: boolean
  canDeposit: boolean
  /** Venue-specific permission names, e.g. SPOT, MARGIN, FUTURES. */
  permissions: string[]
}

export interface MarketInfo {
  exchange: ExchangeId
  symbol: string
  base: string
  quote: string
  /** spot, or swap for a perpetual. */
  type: 'spot' | 'swap'
  active: boolean
  /** Smallest amount increment, as a decimal string (e.g. "0.00001"). */
  amountStep: DecimalString
  /** Smallest price increment. */
  priceStep: DecimalString
  minAmount?: DecimalString
  minNotional?: DecimalString
  makerFee: DecimalString
  takerFee: DecimalString
}

export interface TradingFees {
  maker: DecimalString
  taker: DecimalString
}

export interface ExchangeStatus {
  exchange: ExchangeId
  status: 'ok' | 'maintenance' | 'down'
  updated: number
}

export interface ExchangeHealth {
  exchange: ExchangeId
  connected: boolean
  /** Latency of the most recent market-data call, ms. */
  marketDataLatencyMs?: number
  accountAccess: boolean
  /** ms since the epoch of the last call that succeeded. */
  lastSuccessAt?: number
  /** 0..1 share of calls in the metrics window that failed. */
  errorRate: number
  status: 'healthy' | 'degraded' | 'down'
}

export interface ExchangeMetrics {
  exchange: ExchangeId
  windowMs: number
  calls: number
  latencyP50Ms?: number
  latencyP99Ms?: number
  successRate: number
  errorRate: number
  /** Error counts by ExchangeError subclass name. */
  errorsByClass: Record<string, number>
  /** Calls per second over the window. */
  throughputPerSec: number
}

export interface RateLimitDecision {
  allowed: boolean
  /** When not allowed: how long until the call may go. */
  retryAfterMs: number
}

export interface FuturesPosition {
  symbol: string
  side: 'long' | 'short'
  contracts: DecimalString
  entryPrice: DecimalString
  leverage: number
  unrealizedPnl: DecimalString
  liquidationPrice?: DecimalString
}
