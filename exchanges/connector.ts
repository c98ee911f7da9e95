// The one interface over every venue. Only exchanges/ imports ccxt; everything above speaks these types.
//
// Contract for every implementation:
// - amounts and prices in and out are decimal strings (domain/types.ts);
// - placeOrder rounds amount and price to the market's precision and checks minimum amount and minimum notional
//   *before* sending, throwing InvalidOrderError naming the limit and sending nothing;
// - every order carries a client order id (the caller's, or one generated here) and getOrder({clientOrderId})
//   finds it on every venue;
// - every failure is an ExchangeError subclass (exchanges/errors.ts) carrying the original message;
// - a request that may have reached the book but whose answer was lost throws OrderOutcomeUnknownError;
// - ccxt's own retries stay off for order placement;
// - every order-sending method takes SendOptions: nothing is handed to ccxt at or after `sendBy` or once `signal` is
//   aborted (SendDeadlineError, proof that this attempt sent nothing); see exchanges/send-deadline.ts;
// - client order ids are sent, looked up and reported in their canonical form (domain canonicalClientOrderId).

import type {
  AccountInfo,
  Balances,
  DecimalString,
  ExchangeHealth,
  ExchangeId,
  ExchangeMetrics,
  ExchangeStatus,
  Fill,
  FuturesPosition,
  Kline,
  MarketInfo,
  OrderBook,
  OrderRequest,
  PublicTrade,
  RateLimitDecision,
  Ticker,
  Timeframe,
  TradingFees,
  UnifiedOrder,
} from '../domain/types.js'

/** Look an order up by the venue's id or by our client order id (one of the two). */
export interface OrderLookup {
  symbol: string
  id?: string
  clientOrderId?: string
}

/** One order's fills: the venue's order id on its market. */
export interface FillLookup {
  symbol: string
  id: string
  since?: number
}

export interface FillQuery {
  symbol?: string
  orderId?: string
  since?: number
}

/** Bounds of one order attempt (hole 1 of issue 7). */
export interface SendOptions {
  /** Epoch ms on this process's clock: nothing is handed to ccxt at or after this instant. */
  sendBy?: number
  /** Once aborted (the attempt was cancelled), nothing is handed to ccxt. */
  signal?: AbortSignal
}

/** Operation classes the rate limiter and metrics know about. */
export type ConnectorOperation = 'marketData' | 'account' | 'placeOrder' | 'cancelOrder' | 'queryOrder' | 'status'

export interface ExchangeConnector {
  readonly id: ExchangeId
  /** True when this connector talks to the venue simulator rather than the real exchange. */
  readonly demo: boolean

  // lifecycle
  /** Loads and caches markets (refreshed after a TTL). Idempotent. */
  initialize(): Promise<void>
  close(): Promise<void>

  // markets
  getMarkets(): Promise<MarketInfo[]>
  getMarket(symbol: string): Promise<MarketInfo>
  getTradingFees(symbol: string): Promise<TradingFees>

  // market data
  getTicker(symbol: string): Promise<Ticker>
  getOrderBook(symbol: string, depth?: number): Promise<OrderBook>
  getRecentTrades(symbol: string, limit?: number): Promise<PublicTrade[]>
  getKlines(symbol: string, timeframe: Timeframe, since?: number, limit?: number): Promise<Kline[]>

  // account
  getBalances(): Promise<Balances>
  getAccountInfo(): Promise<AccountInfo>

  // orders
  placeOrder(request: OrderRequest, options?: SendOptions): Promise<UnifiedOrder>
  cancelOrder(lookup: OrderLookup): Promise<UnifiedOrder>
  /** Throws OrderNotFoundError when the venue has no such order. */
  getOrder(lookup: OrderLookup): Promise<UnifiedOrder>
  /** Like getOrder, but undefined instead of OrderNotFoundError. */
  findOrder(lookup: OrderLookup): Promise<UnifiedOrder | undefined>
  getOpenOrders(symbol?: string): Promise<UnifiedOrder[]>

  // fills
  /**
   * The fills (trades) of one order, oldest first. `id` is the venue's order id; `since` (ms) leaves out earlier
   * fills. An order without fills, or one the venue does not know, has none: []. Reads every page the venue pages.
   */
  getOrderFills(lookup: FillLookup): Promise<Fill[]>
  /**
   * The account's fills, oldest first: of one order (orderId), of one symbol, since a time (ms), or any combination.
   * Binance needs a symbol; Coinbase a symbol or an orderId; Kraken nothing. Reads every page the venue pages, and
   * fails with InvalidOrderError rather than answer in part when that is more than MAX_FILL_PAGES pages.
   */
  getFills(query: FillQuery): Promise<Fill[]>

  // operations
  getStatus(): Promise<ExchangeStatus>
  getExchangeHealth(): Promise<ExchangeHealth>
  getMetrics(): ExchangeMetrics
  /** May a call of this class go now; if not, when. Does not consume budget. */
  checkRateLimit(operation: ConnectorOperation): RateLimitDecision
  /** Feature names for GET /api/exchanges, e.g. 'spot', 'futures', 'margin', 'conditionalOrders'. */
  readonly features: readonly string[]
}

// ---- venue extras ----

export interface FuturesOrderRequest extends OrderRequest {
  reduceOnly?: boolean
}

export interface BinanceConnector extends ExchangeConnector {
  readonly id: 'binance'
  /** USD-M perpetual order; symbol like BTC/USDT:USDT. */
  placeFuturesOrder(request: FuturesOrderRequest, options?: SendOptions): Promise<UnifiedOrder>
  setLeverage(symbol: string, leverage: number): Promise<{ symbol: string; leverage: number }>
  /** The highest leverage a USD-M perpetual's brackets allow; InvalidOrderError for a spot symbol. */
  getMaxLeverage(symbol: string): Promise<number>
  getFuturesPositions(): Promise<FuturesPosition[]>
}

export interface AdvancedOrderRequest extends OrderRequest {
  postOnly?: boolean
  timeInForce?: 'GTC' | 'GTT' | 'IOC' | 'FOK'
  /** For GTT: Coinbase's cancel_after. */
  cancelAfter?: 'min' | 'hour' | 'day'
}

export interface FundingRecord {
  id: string
  currency: string
  amount: DecimalString
  type: 'deposit' | 'withdrawal'
  status: string
  timestamp: number
}

export interface CoinbaseConnector extends ExchangeConnector {
  readonly id: 'coinbase'
  placeAdvancedOrder(request: AdvancedOrderRequest, options?: SendOptions): Promise<UnifiedOrder>
  getFundingRecords(query: { currency?: string }): Promise<FundingRecord[]>
}

export interface MarginOrderRequest extends OrderRequest {
  leverage: number
  reduceOnly?: boolean
}

export interface ConditionalOrderRequest {
  symbol: string
  side: 'buy' | 'sell'
  amount: DecimalString
  type: 'stop-loss' | 'stop-loss-limit' | 'take-profit' | 'take-profit-limit'
  triggerPrice: DecimalString
  /** Required for the -limit types. */
  limitPrice?: DecimalString
  clientOrderId?: string
}

export interface MarginPosition {
  id: string
  symbol: string
  side: 'long' | 'short'
  amount: DecimalString
  entryPrice: DecimalString
  leverage: number
  unrealizedPnl?: DecimalString
}

export interface KrakenConnector extends ExchangeConnector {
  readonly id: 'kraken'
  placeMarginOrder(request: MarginOrderRequest, options?: SendOptions): Promise<UnifiedOrder>
  getMarginPositions(): Promise<MarginPosition[]>
  placeConditionalOrder(request: ConditionalOrderRequest, options?: SendOptions): Promise<UnifiedOrder>
  /** getFills({ symbol, since: startTime }), by the name the Kraken connector first had. */
  getTradeHistory(query: { startTime?: number; symbol?: string }): Promise<Fill[]>
}

export type AnyConnector = BinanceConnector | CoinbaseConnector | KrakenConnector
