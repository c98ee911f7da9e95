// The ExchangeConnector over one ccxt instance. Every venue call goes through `call()` (venue-call.ts), which
// paces it with the (exchange, API key) rate limiter, times it into the metrics and maps whatever it threw to the
// ExchangeError family. Venue connectors (binance.ts, coinbase.ts, kraken.ts) subclass this and override the
// protected hooks where their venue differs: client order id format, lookup and cancel by client order id, order
// params. The file is long because it implements the whole interface once, for all venues.
import { randomUUID } from 'node:crypto'

import type { Exchange, MarketInterface, Order as CcxtOrder, Trade as CcxtTrade } from 'ccxt'

import { canonicalClientOrderId } from '../domain/client-order-id.js'
import type {
  AccountInfo,
  Balances,
  DecimalString,
  ExchangeHealth,
  ExchangeId,
  ExchangeMetrics,
  ExchangeStatus,
  Fill,
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
import {
  toBalances,
  toKline,
  toMarketInfo,
  toOrderBook,
  toPublicTrade,
  toTicker,
  toUnifiedOrder,
} from './ccxt-convert.js'
import type { ConnectorConfig } from './config.js'
import type {
  ConnectorOperation,
  ExchangeConnector,
  FillLookup,
  FillQuery,
  OrderLookup,
  SendOptions,
} from './connector.js'
import {
  ExchangeError,
  ExchangeUnavailableError,
  InvalidOrderError,
  OrderNotFoundError,
  UnknownSymbolError,
} from './errors.js'
import { type ExactFigures, orderedFills, toFill } from './fill-reads.js'
import { createMetrics } from './metrics.js'
import type { ConnectorMetrics } from './metrics.js'
import { exactNumber, prepareOrder } from './order-checks.js'
import { createRateLimiter } from './rate-limit/limiter.js'
import type { RateLimiter } from './rate-limit/limiter.js'
import type { RateLimitModel } from './rate-limit/types.js'
import { assertMaySend, withinSendDeadline } from './send-deadline.js'
import { callSpec, runVenueCall } from './venue-call.js'
import type { CallSpec, VenueCallContext } from './venue-call.js'

export type { CallSpec } from './venue-call.js'

/** Optional collaborators; tests inject small limits, a fake clock or a shared limiter. */
export interface ConnectorDeps {
  /** ms since the epoch (metrics windows, rate-limit windows, market TTL). */
  clock?: () => number
  sleep?: (ms: number) => Promise<void>
  /** Replaces the venue's published limits (e.g. a small budget in tests). */
  rateLimitModel?: RateLimitModel
  /** A limiter shared by every connector of the same (exchange, API key); built from the model when absent. */
  rateLimiter?: RateLimiter
  /** Longest a call waits for rate-limit budget before failing with RateLimitError (default requestTimeoutMs). */
  maxRateLimitWaitMs?: number
  metrics?: ConnectorMetrics
}

export interface CcxtConnectorOptions {
  id: ExchangeId
  exchange: Exchange
  config: ConnectorConfig
  /** The venue's published limits, used unless deps.rateLimitModel or deps.rateLimiter replace them. */
  rateLimitModel: RateLimitModel
  features: readonly string[]
  deps?: ConnectorDeps
}

/** getExchangeHealth probes the venue when nothing succeeded for this long. */
const HEALTH_PROBE_AFTER_MS = 30_000
/** Placement times kept for rate-limit costs of cancels (Kraken charges by order age). */
const PLACEMENT_MEMORY = 1_000

type Info = Record<string, unknown>

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export abstract class CcxtConnector implements ExchangeConnector {
  readonly id: ExchangeId
  readonly demo: boolean
  readonly features: readonly string[]
  protected readonly exchange: Exchange
  protected readonly config: ConnectorConfig
  protected readonly clock: () => number
  protected readonly sleep: (ms: number) => Promise<void>
  protected readonly limiter: RateLimiter
  protected readonly metrics: ConnectorMetrics
  private marketsLoadedAt: number | undefined
  private marketsLoading: Promise<void> | undefined
  private readonly placedAt = new Map<string, number>()
  private readonly callContext: VenueCallContext

  constructor(options: CcxtConnectorOptions) {
    const deps = options.deps ?? {}
    this.id = options.id
    this.exchange = options.exchange
    this.config = options.config
    this.demo = options.config.demo
    this.features = options.features
    this.clock = deps.clock ?? Date.now
    this.sleep = deps.sleep ?? defaultSleep
    this.limiter =
      deps.rateLimiter ??
      createRateLimiter({
        model: deps.rateLimitModel ?? options.rateLimitModel,
        buffer: options.config.rateLimitBuffer,
        share: options.config.rateLimitShare,
        clock: this.clock,
        sleep: this.sleep,
        maxWaitMs: deps.maxRateLimitWaitMs ?? options.config.requestTimeoutMs,
      })
    this.metrics = deps.metrics ?? createMetrics({ exchange: options.id, clock: this.clock })
    const { apiKey, secret, passphrase } = options.config
    this.callContext = {
      exchange: options.id,
      limiter: this.limiter,
      metrics: this.metrics,
      clock: this.clock,
      sleep: this.sleep,
      maxRetries: options.config.maxRetries,
      secrets: [apiKey, secret, passphrase],
      responseHeaders: () => this.exchange.last_response_headers as Record<string, string | undefined> | undefined,
      observeResponse: (headers, spec) => this.observeResponse(headers, spec),
    }
  }

  // ---- lifecycle ----

  async initialize(): Promise<void> {
    await this.ensureMarkets()
  }

  async close(): Promise<void> {
    await this.exchange.close()
    // ccxt keeps a keep-alive undici Agent per instance; release its sockets so the process can exit.
    const transport = this.exchange as unknown as { fetchDispatcher?: { close(): Promise<void> } }
    await transport.fetchDispatcher?.close()
  }

  // ---- markets ----

  async getMarkets(): Promise<MarketInfo[]> {
    await this.ensureMarkets()
    return Object.values(this.exchange.markets ?? {})
      .filter((m): m is MarketInterface => m !== undefined && (m.spot === true || m.swap === true))
      .map((m) => toMarketInfo(this.id, m))
  }

  async getMarket(symbol: string): Promise<MarketInfo> {
    return toMarketInfo(this.id, await this.ccxtMarket(symbol, 'getMarket'))
  }

  async getTradingFees(symbol: string): Promise<TradingFees> {
    const market = await this.getMarket(symbol)
    return { maker: market.makerFee, taker: market.takerFee }
  }

  // ---- market data ----

  async getTicker(symbol: string): Promise<Ticker> {
    await this.ccxtMarket(symbol, 'getTicker')
    const spec = this.spec('marketData', 'fetchTicker', 'getTicker', symbol)
    const ticker = await this.call(spec, () => this.exchange.fetchTicker(symbol))
    return toTicker(this.id, symbol, ticker, this.clock())
  }

  async getOrderBook(symbol: string, depth?: number): Promise<OrderBook> {
    await this.ccxtMarket(symbol, 'getOrderBook')
    const limit = depth === undefined ? undefined : this.orderBookLimit(depth)
    const spec = { ...this.spec('marketData', 'fetchOrderBook', 'getOrderBook', symbol), limit }
    const book = await this.call(spec, () => this.exchange.fetchOrderBook(symbol, limit))
    return toOrderBook(this.id, symbol, book, depth, this.clock())
  }

  async getRecentTrades(symbol: string, limit?: number): Promise<PublicTrade[]> {
    await this.ccxtMarket(symbol, 'getRecentTrades')
    const spec = { ...this.spec('marketData', 'fetchTrades', 'getRecentTrades', symbol), limit }
    const trades = await this.call(spec, () => this.exchange.fetchTrades(symbol, undefined, limit))
    const now = this.clock()
    const parsed = trades.map((t) => toPublicTrade(symbol, t, now))
    return limit === undefined ? parsed : parsed.slice(-limit)
  }

  async getKlines(symbol: string, timeframe: Timeframe, since?: number, limit?: number): Promise<Kline[]> {
    await this.ccxtMarket(symbol, 'getKlines')
    if (this.exchange.timeframes[timeframe] === undefined) {
      throw new InvalidOrderError(`timeframe ${timeframe} is not offered by ${this.id}`, {
        exchange: this.id,
        operation: 'getKlines',
      })
    }
    const spec = { ...this.spec('marketData', 'fetchOHLCV', 'getKlines', symbol), limit }
    const rows = await this.call(spec, () => this.exchange.fetchOHLCV(symbol, timeframe, since, limit))
    return rows.map(toKline)
  }

  // ---- account ----

  async getBalances(): Promise<Balances> {
    const spec = this.spec('account', 'fetchBalance', 'getBalances')
    return toBalances(await this.call(spec, () => this.exchange.fetchBalance()))
  }

  async getAccountInfo(): Promise<AccountInfo> {
    const spec = this.spec('account', 'fetchBalance', 'getAccountInfo')
    const balance = await this.call(spec, () => this.exchange.fetchBalance())
    return this.accountInfoFrom(balance.info)
  }

  // ---- orders ----

  async placeOrder(request: OrderRequest, options?: SendOptions): Promise<UnifiedOrder> {
    return this.submitOrder(request, {}, options)
  }

  async getOrder(original: OrderLookup): Promise<UnifiedOrder> {
    const lookup = this.canonicalLookup(original)
    await this.ccxtMarket(lookup.symbol, 'getOrder')
    const spec = {
      ...this.spec('queryOrder', 'fetchOrder', 'getOrder', lookup.symbol),
      clientOrderId: lookup.clientOrderId,
    }
    const order = await this.call(spec, () => {
      if (lookup.id !== undefined) return this.exchange.fetchOrder(lookup.id, lookup.symbol)
      return this.fetchOrderByClientOrderId(lookup.symbol, this.requireClientOrderId(lookup, 'getOrder'))
    })
    return this.unified(order, lookup)
  }

  async findOrder(lookup: OrderLookup): Promise<UnifiedOrder | undefined> {
    try {
      return await this.getOrder(lookup)
    } catch (err) {
      if (err instanceof OrderNotFoundError) return undefined
      throw err
    }
  }

  async cancelOrder(original: OrderLookup): Promise<UnifiedOrder> {
    const lookup = this.canonicalLookup(original)
    await this.ccxtMarket(lookup.symbol, 'cancelOrder')
    const clientOrderId = lookup.id === undefined ? this.requireClientOrderId(lookup, 'cancelOrder') : undefined
    const placed = this.placedAt.get(lookup.id ?? '') ?? this.placedAt.get(lookup.clientOrderId ?? '')
    const spec = {
      ...this.spec('cancelOrder', 'cancelOrder', 'cancelOrder', lookup.symbol),
      clientOrderId: lookup.clientOrderId,
      orderAgeMs: placed === undefined ? undefined : this.clock() - placed,
    }
    const canceled = await this.call(spec, () => {
      if (lookup.id !== undefined) return this.exchange.cancelOrder(lookup.id, lookup.symbol)
      return this.cancelByClientOrderId(lookup.symbol, clientOrderId as string)
    })
    // Coinbase and Kraken answer a cancel with little more than the id: read the order back.
    if (!this.isCompleteOrder(canceled)) return this.getOrder(lookup)
    return this.unified(canceled, lookup)
  }

  async getOpenOrders(symbol?: string): Promise<UnifiedOrder[]> {
    if (symbol !== undefined) await this.ccxtMarket(symbol, 'getOpenOrders')
    else await this.ensureMarkets()
    const spec = this.spec('queryOrder', 'fetchOpenOrders', 'getOpenOrders', symbol)
    const orders = await this.call(spec, () => this.exchange.fetchOpenOrders(symbol))
    return orders.map((o) => this.unified(o, { symbol: symbol ?? o.symbol ?? '' }))
  }

  // ---- fills ----

  async getOrderFills(lookup: FillLookup): Promise<Fill[]> {
    await this.ccxtMarket(lookup.symbol, 'getOrderFills')
    const query = { symbol: lookup.symbol, orderId: lookup.id, since: lookup.since }
    return this.readFills(query, 'getOrderFills')
  }

  async getFills(query: FillQuery): Promise<Fill[]> {
    if (query.symbol !== undefined) await this.ccxtMarket(query.symbol, 'getFills')
    else await this.ensureMarkets()
    return this.readFills(query, 'getFills')
  }

  // ---- operations ----

  async getStatus(): Promise<ExchangeStatus> {
    const spec = this.spec('status', 'fetchStatus', 'getStatus')
    try {
      const status = await this.call(spec, () => this.exchange.fetchStatus())
      const known = status.status === 'ok' || status.status === 'maintenance' ? status.status : 'down'
      return { exchange: this.id, status: known, updated: status.updated ?? this.clock() }
    } catch (err) {
      if (!(err instanceof ExchangeUnavailableError)) throw err
      const maintenance = err.cause instanceof Error && err.cause.name === 'OnMaintenance'
      return { exchange: this.id, status: maintenance ? 'maintenance' : 'down', updated: this.clock() }
    }
  }

  async getExchangeHealth(): Promise<ExchangeHealth> {
    const lastSuccess = this.metrics.lastSuccessAt()
    let statusOk: boolean | undefined
    // Probe when nothing succeeded lately, or when the last call failed to connect: the venue may be back.
    const stale = lastSuccess === undefined || this.clock() - lastSuccess > HEALTH_PROBE_AFTER_MS
    if (stale || !this.metrics.health().connected) {
      statusOk = await this.getStatus().then(
        (s) => s.status === 'ok',
        () => false
      )
    }
    if (this.metrics.health().accountAccess === false && this.config.apiKey !== undefined) {
      await this.getBalances().catch(() => undefined)
    }
    return this.metrics.health(statusOk)
  }

  getMetrics(): ExchangeMetrics {
    return this.metrics.snapshot()
  }

  checkRateLimit(operation: ConnectorOperation): RateLimitDecision {
    return this.limiter.check({ operation })
  }

  // ---- hooks for venue connectors ----

  /** A fresh client order id in the venue's format (default: a UUID, accepted by all three venues). */
  protected newClientOrderId(): string {
    return randomUUID()
  }

  /** Why `clientOrderId` is unacceptable to the venue, or undefined when it is fine. */
  protected clientOrderIdProblem(_clientOrderId: string): string | undefined {
    return undefined
  }

  /** ccxt params for a new order (client order id, time in force, post-only). */
  protected orderParams(request: OrderRequest, clientOrderId: string): Record<string, unknown> {
    const params: Record<string, unknown> = { clientOrderId }
    if (request.type === 'limit' && request.timeInForce !== undefined) params.timeInForce = request.timeInForce
    if (request.type === 'limit' && request.postOnly === true) params.postOnly = true
    return params
  }

  protected fetchOrderByClientOrderId(symbol: string, clientOrderId: string): Promise<CcxtOrder> {
    return this.exchange.fetchOrder(undefined as unknown as string, symbol, { clientOrderId })
  }

  protected cancelByClientOrderId(symbol: string, clientOrderId: string): Promise<CcxtOrder> {
    return this.exchange.cancelOrder(undefined as unknown as string, symbol, { clientOrderId })
  }

  /** The client order id the venue reports for `order` (Binance reports the cancel's own id on cancels). */
  protected clientOrderIdOf(order: CcxtOrder): string | undefined {
    return order.clientOrderId ?? undefined
  }

  /** Book depth to request for `depth` levels (venues accept only some values). */
  protected orderBookLimit(depth: number): number {
    return depth
  }

  /** Which of the venue's budgets a symbol's calls use. */
  protected marketKind(symbol?: string): 'spot' | 'futures' {
    return symbol !== undefined && symbol.includes(':') ? 'futures' : 'spot'
  }

  protected accountInfoFrom(_balanceInfo: unknown): AccountInfo {
    return { exchange: this.id, canTrade: true, canWithdraw: false, canDeposit: false, permissions: ['SPOT'] }
  }

  /** Every trade of one order (all pages); by default ccxt's fetchOrderTrades, for a venue that answers in one page. */
  protected orderTrades(query: FillQuery & { orderId: string }, operation: string): Promise<CcxtTrade[]> {
    const spec = this.spec('queryOrder', 'fetchOrderTrades', operation, query.symbol)
    return this.call(spec, () => this.exchange.fetchOrderTrades(query.orderId, query.symbol, query.since))
  }

  /** The account's trades of a symbol since a time (all pages); by default one fetchMyTrades. */
  protected accountTrades(query: FillQuery, operation: string): Promise<CcxtTrade[]> {
    const symbol = this.fillSymbol(query, operation)
    const spec = this.spec('account', 'fetchMyTrades', operation, symbol)
    return this.call(spec, () => this.exchange.fetchMyTrades(symbol, query.since))
  }

  /** The venue's literal figures in a trade's raw answer; ccxt's numbers are used where none is named. */
  protected exactFigures(_info: Info | undefined): ExactFigures {
    return {}
  }

  /** Orders the fills of one millisecond: the venue's trade number (an integer id on most venues). */
  protected tradeSequence(trade: CcxtTrade): number {
    return /^\d+$/.test(String(trade.id)) ? Number(trade.id) : 0
  }

  /** The symbol a venue needs for reading fills, or InvalidOrderError naming it. */
  protected fillSymbol(query: FillQuery, operation: string): string {
    if (query.symbol !== undefined) return query.symbol
    const needs = query.orderId === undefined ? 'a symbol or an orderId' : 'a symbol'
    throw new InvalidOrderError(`${this.id} ${operation} needs ${needs}`, { exchange: this.id, operation })
  }

  /** Called after every answer (and failure) with ccxt's last response headers, e.g. to sync used weight. */
  protected observeResponse(_headers: Record<string, string | undefined>, _spec: CallSpec): void {}

  // ---- shared machinery ----

  /**
   * Rounds, checks and places an order; `params` are extra ccxt params (e.g. reduceOnly). Nothing is sent when a
   * check fails. The order carries the caller's client order id (canonical form), or a fresh one. Every order-sending
   * method ends here: the pre-send work waits at most until `options.sendBy`, and the one check right before
   * exchange.createOrder (after the rate limiter and any queue) refuses to send late (SendDeadlineError).
   */
  protected async submitOrder(
    request: OrderRequest,
    params: Record<string, unknown>,
    options?: SendOptions
  ): Promise<UnifiedOrder> {
    const clientOrderId = canonicalClientOrderId(this.id, request.clientOrderId ?? this.newClientOrderId())
    const bounded = <T>(work: Promise<T>) => this.beforeSend(work, options, clientOrderId)
    const market = await bounded(this.getMarket(request.symbol))
    const reference =
      request.type === 'market' && market.minNotional !== undefined
        ? await bounded(this.referencePrice(request))
        : undefined
    const prepared = prepareOrder(request, market, reference)
    const problem = this.clientOrderIdProblem(clientOrderId)
    if (problem !== undefined) {
      throw new InvalidOrderError(`client order id ${clientOrderId} ${problem}`, {
        exchange: this.id,
        operation: 'placeOrder',
      })
    }
    const orderParams = { ...this.orderParams(request, clientOrderId), ...params }
    const spec: CallSpec = {
      ...this.spec('placeOrder', 'createOrder', 'placeOrder', request.symbol),
      clientOrderId,
      ...(options !== undefined && { send: options }),
    }
    // ccxt takes numbers: converted here, once, from values already on the venue's steps, and only when exact.
    const context = { exchange: this.id, operation: 'placeOrder' }
    const amount = exactNumber(prepared.amount, 'amount', context)
    const price = prepared.price === undefined ? undefined : exactNumber(prepared.price, 'price', context)
    const sendContext = { exchange: this.id, operation: 'placeOrder', clientOrderId, clock: this.clock }
    const placed = await this.call(spec, () => {
      // The last moment we control: after the rate limiter and any queue, before ccxt builds and sends the request.
      assertMaySend(options, sendContext)
      return this.exchange.createOrder(request.symbol, request.type, request.side, amount, price, orderParams)
    })
    this.rememberPlacement(placed.id ?? '', clientOrderId)
    if (this.isCompleteOrder(placed)) return this.unified(placed, { symbol: request.symbol, clientOrderId })
    return this.readBackPlaced(placed, request, prepared, clientOrderId)
  }

  /** Waits for pre-send `work` at most until the attempt's sendBy (or its abort); SendDeadlineError after that. */
  protected beforeSend<T>(
    work: Promise<T>,
    options: SendOptions | undefined,
    clientOrderId: string | undefined
  ): Promise<T> {
    return withinSendDeadline(work, options, {
      exchange: this.id,
      operation: 'placeOrder',
      clientOrderId,
      clock: this.clock,
    })
  }

  /** The lookup with its client order id in the venue's canonical form (what placeOrder sent). */
  protected canonicalLookup(lookup: OrderLookup): OrderLookup {
    const { clientOrderId } = lookup
    if (clientOrderId === undefined || clientOrderId === '') return lookup
    return { ...lookup, clientOrderId: canonicalClientOrderId(this.id, clientOrderId) }
  }

  /** Runs one venue call: pace, time, map errors; idempotent reads retry on network errors. */
  protected call<T>(spec: CallSpec, fn: () => Promise<T>): Promise<T> {
    return runVenueCall(this.callContext, { market: this.marketKind(spec.symbol), ...spec }, fn)
  }

  protected spec(operation: ConnectorOperation, method: string, name: string, symbol?: string): CallSpec {
    return callSpec(operation, method, name, symbol)
  }

  /** The ccxt market for `symbol`, or UnknownSymbolError naming it. */
  protected async ccxtMarket(symbol: string, operation: string): Promise<MarketInterface> {
    await this.ensureMarkets()
    const market = this.exchange.markets?.[symbol] as MarketInterface | undefined
    if (market === undefined) {
      throw new UnknownSymbolError(`${this.id} has no market ${symbol}`, { exchange: this.id, operation })
    }
    return market
  }

  protected async ensureMarkets(): Promise<void> {
    const loadedAt = this.marketsLoadedAt
    if (loadedAt !== undefined && this.clock() - loadedAt < this.config.marketsTtlMs) return
    this.marketsLoading ??= this.call(this.spec('marketData', 'loadMarkets', 'loadMarkets'), () =>
      this.exchange.loadMarkets(true)
    )
      .then(() => {
        this.marketsLoadedAt = this.clock()
      })
      .finally(() => {
        this.marketsLoading = undefined
      })
    await this.marketsLoading
  }

  protected unified(order: CcxtOrder, known: { symbol: string; clientOrderId?: string }): UnifiedOrder {
    const clientOrderId = known.clientOrderId ?? this.clientOrderIdOf(order)
    const unified = toUnifiedOrder(this.id, order, { symbol: known.symbol, clientOrderId, now: this.clock() })
    return clientOrderId === undefined ? unified : { ...unified, clientOrderId }
  }

  /** True when ccxt parsed a full order (status and amount), not just an acknowledgement. */
  protected isCompleteOrder(order: CcxtOrder): boolean {
    return typeof order.id === 'string' && order.id !== '' && order.status != null && order.amount != null
  }

  /** Price a market order's notional is checked at: the best opposite quote. */
  private async referencePrice(request: OrderRequest): Promise<DecimalString | undefined> {
    const book = await this.getOrderBook(request.symbol, 5)
    const best = request.side === 'buy' ? book.asks[0] : book.bids[0]
    return best?.[0]
  }

  /** A placement acknowledged without details: read the order back; if that fails, report what we sent. */
  private async readBackPlaced(
    placed: CcxtOrder,
    request: OrderRequest,
    prepared: { amount: DecimalString; price?: DecimalString },
    clientOrderId: string
  ): Promise<UnifiedOrder> {
    const lookup = placed.id
      ? { symbol: request.symbol, id: placed.id, clientOrderId }
      : { symbol: request.symbol, clientOrderId }
    try {
      return { ...(await this.getOrder(lookup)), clientOrderId }
    } catch (err) {
      if (!(err instanceof ExchangeError)) throw err
      const order: UnifiedOrder = {
        exchange: this.id,
        id: placed.id ?? '',
        clientOrderId,
        symbol: request.symbol,
        side: request.side,
        type: request.type,
        status: 'open',
        amount: prepared.amount,
        filled: '0',
        remaining: prepared.amount,
        cost: '0',
        timestamp: placed.timestamp ?? this.clock(),
      }
      return prepared.price === undefined ? order : { ...order, price: prepared.price }
    }
  }

  /** An order's fills or the account's, converted exactly, deduplicated, filtered and oldest first. */
  private async readFills(query: FillQuery, operation: string): Promise<Fill[]> {
    const { orderId } = query
    let trades: CcxtTrade[]
    try {
      trades =
        orderId === undefined
          ? await this.accountTrades(query, operation)
          : await this.orderTrades({ ...query, orderId }, operation)
    } catch (err) {
      // An order the venue does not know has no fills (Binance and Coinbase answer [] for it, Kraken an error).
      if (orderId !== undefined && err instanceof OrderNotFoundError) return []
      throw err
    }
    const now = this.clock()
    const sequence = new Map(trades.map((trade) => [String(trade.id ?? ''), this.tradeSequence(trade)]))
    const fills = trades.map((trade) => toFill(trade, this.exactFigures(trade.info as Info | undefined), now))
    return orderedFills(fills, query, (fill) => sequence.get(fill.id) ?? 0)
  }

  private requireClientOrderId(lookup: OrderLookup, operation: string): string {
    if (lookup.clientOrderId === undefined || lookup.clientOrderId === '') {
      throw new InvalidOrderError(`${operation} needs an order id or a client order id`, {
        exchange: this.id,
        operation,
      })
    }
    return lookup.clientOrderId
  }

  private rememberPlacement(id: string, clientOrderId: string): void {
    const now = this.clock()
    if (id !== '') this.placedAt.set(id, now)
    this.placedAt.set(clientOrderId, now)
    while (this.placedAt.size > PLACEMENT_MEMORY) {
      const oldest = this.placedAt.keys().next().value
      if (oldest === undefined) break
      this.placedAt.delete(oldest)
    }
  }
}
