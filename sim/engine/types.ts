// The venue simulator's engine contract. The engine (sim/engine/) knows nothing about HTTP or any exchange's
// dialect; each dialect (sim/dialects/<exchange>/) translates its venue's REST API onto this interface.
//
// Units: amounts and prices are decimal strings (domain/money.ts for arithmetic); times are ms since the epoch
// from the engine's injected clock.

import type { DecimalString, ExchangeId, Side } from '../../domain/types.js'

export type SimOrderType =
  | 'market'
  | 'limit'
  | 'stop_loss' // market order when the trigger is crossed
  | 'stop_loss_limit'
  | 'take_profit'
  | 'take_profit_limit'

export type SimTimeInForce = 'GTC' | 'IOC' | 'FOK' | 'GTT'

/** new = resting, partially_filled = resting with fills, pending_trigger = conditional not yet triggered. */
export type SimOrderStatus =
  'new' | 'partially_filled' | 'filled' | 'canceled' | 'expired' | 'rejected' | 'pending_trigger'

export interface SimMarket {
  /** Unified symbol: BTC/USDT, or BTC/USDT:USDT for a USD-M perpetual. */
  symbol: string
  base: string
  quote: string
  kind: 'spot' | 'perp'
  tickSize: DecimalString
  stepSize: DecimalString
  minQty: DecimalString
  maxQty: DecimalString
  /** Minimum price × amount. */
  minNotional: DecimalString
  /** e.g. "0.001" = 0.1 %. */
  makerFee: DecimalString
  takerFee: DecimalString
  /** Whether margin orders with leverage are accepted (Kraken spot margin). */
  marginEnabled: boolean
  maxLeverage: number
}

export interface SimOrderParams {
  symbol: string
  side: Side
  type: SimOrderType
  /** Base amount. For a market buy either amount or quoteAmount. */
  amount?: DecimalString
  /** Market buy by quote amount (Binance quoteOrderQty, Coinbase funds). */
  quoteAmount?: DecimalString
  price?: DecimalString
  triggerPrice?: DecimalString
  timeInForce?: SimTimeInForce
  postOnly?: boolean
  /** For GTT: when the order expires. */
  expireAt?: number
  clientOrderId?: string
  /** Kraken margin (>1) or Binance futures: leverage applied to the margin. */
  leverage?: number
  reduceOnly?: boolean
}

export interface SimFill {
  id: number
  orderId: number
  clientOrderId?: string
  symbol: string
  side: Side
  price: DecimalString
  amount: DecimalString
  /** Fee charged, in `feeAsset`. */
  fee: DecimalString
  feeAsset: string
  liquidity: 'maker' | 'taker'
  time: number
}

export interface SimOrder {
  /** Increasing integer per venue, kept below 2^53 (ccxt re-parses bodies with larger integers). */
  id: number
  clientOrderId?: string
  /** API key of the owner, or 'liquidity' for synthetic depth. */
  owner: string
  symbol: string
  side: Side
  type: SimOrderType
  timeInForce: SimTimeInForce
  postOnly: boolean
  amount: DecimalString
  quoteAmount?: DecimalString
  price?: DecimalString
  triggerPrice?: DecimalString
  status: SimOrderStatus
  filled: DecimalString
  /** Quote value of the fills. */
  filledQuote: DecimalString
  fee: DecimalString
  feeAsset: string
  leverage?: number
  reduceOnly: boolean
  expireAt?: number
  rejectReason?: string
  createdAt: number
  updatedAt: number
  fills: SimFill[]
}

export interface SimBalance {
  free: DecimalString
  locked: DecimalString
}

export interface SimPosition {
  symbol: string
  side: 'long' | 'short'
  amount: DecimalString
  entryPrice: DecimalString
  leverage: number
  /** Margin (quote) posted for the position. */
  margin: DecimalString
  unrealizedPnl: DecimalString
  markPrice: DecimalString
  liquidationPrice: DecimalString
}

export interface SimPublicTrade {
  id: number
  symbol: string
  price: DecimalString
  amount: DecimalString
  /** Taker side. */
  side: Side
  time: number
}

/** [openTime, open, high, low, close, volume] */
export type SimCandle = [number, DecimalString, DecimalString, DecimalString, DecimalString, DecimalString]

export type SimErrorCode =
  | 'UNKNOWN_SYMBOL'
  | 'INVALID_ORDER' // bad params: missing price, amount not a multiple of step, below min qty or min notional
  | 'INSUFFICIENT_FUNDS'
  | 'POST_ONLY_WOULD_CROSS'
  | 'FOK_NOT_FILLABLE'
  | 'DUPLICATE_CLIENT_ORDER_ID'
  | 'UNKNOWN_ORDER'
  | 'ORDER_NOT_CANCELABLE' // already filled/canceled
  | 'MARGIN_NOT_ALLOWED'
  | 'INVALID_LEVERAGE'
  | 'NO_LIQUIDITY' // market order against an empty side

/** Thrown by the engine; each dialect maps it to its venue's error body and HTTP status. */
export class SimError extends Error {
  constructor(
    readonly code: SimErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'SimError'
  }
}

export interface OrderQuery {
  id?: number
  clientOrderId?: string
}

/**
 * One venue's matching engine, books and accounts. Synchronous and single-threaded: each call is atomic.
 * `owner` everywhere is the API key of the account.
 */
export interface VenueEngine {
  readonly venue: ExchangeId
  now(): number

  // markets and public data
  markets(): SimMarket[]
  market(symbol: string): SimMarket | undefined
  /** Aggregated levels, best first. */
  book(
    symbol: string,
    depth?: number
  ): { bids: [DecimalString, DecimalString][]; asks: [DecimalString, DecimalString][]; time: number }
  ticker(symbol: string): {
    symbol: string
    bid: DecimalString
    bidQty: DecimalString
    ask: DecimalString
    askQty: DecimalString
    last: DecimalString
    open: DecimalString
    high: DecimalString
    low: DecimalString
    volume: DecimalString
    quoteVolume: DecimalString
    openTime: number
    closeTime: number
    count: number
  }
  trades(symbol: string, limit?: number): SimPublicTrade[]
  candles(symbol: string, intervalMs: number, since?: number, limit?: number): SimCandle[]
  /** Mid price used for marks and synthetic liquidity. */
  mid(symbol: string): DecimalString

  // accounts
  hasAccount(owner: string): boolean
  balances(owner: string): Record<string, SimBalance>
  credit(owner: string, asset: string, amount: DecimalString): void

  // orders (throw SimError)
  placeOrder(owner: string, params: SimOrderParams): SimOrder
  cancelOrder(owner: string, query: OrderQuery): SimOrder
  getOrder(owner: string, query: OrderQuery): SimOrder | undefined
  openOrders(owner: string, symbol?: string): SimOrder[]
  /** Filled, canceled, expired orders, newest first. */
  closedOrders(owner: string, symbol?: string, since?: number): SimOrder[]
  fills(owner: string, filter?: { orderId?: number; symbol?: string; since?: number }): SimFill[]

  // futures / margin
  setLeverage(owner: string, symbol: string, leverage: number): void
  leverage(owner: string, symbol: string): number
  positions(owner: string): SimPosition[]

  // control (tests and the control API)
  /** Replaces the synthetic book of a symbol with exactly these levels and pins it until resetBook. */
  setBook(
    symbol: string,
    book: { bids: [DecimalString, DecimalString][]; asks: [DecimalString, DecimalString][] }
  ): void
  /** Ends a setBook pin: the symbol's synthetic liquidity, drift and tape resume from its previous mid. */
  resetBook(symbol: string): void
  /** True while a setBook pin holds the symbol (no drift, no replenishment, no synthetic trades). */
  isPinned(symbol: string): boolean
  /** Every order accounts sent to this venue (not the synthetic liquidity), oldest first. */
  receivedOrders(): SimOrder[]
  /** Advances time-driven behaviour: price drift, GTT expiry, stop/take-profit triggers, book refresh. */
  tick(): void
}

/** Credentials the dialects accept, per venue. The secret formats follow each exchange. */
export interface SimCredentials {
  apiKey: string
  /** Binance: any string. Coinbase and Kraken: base64. */
  secret: string
  /** Coinbase only. */
  passphrase?: string
}
