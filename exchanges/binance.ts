// Binance spot (/api/v3) and USD-M perpetuals (/fapi) over ccxt.binance: the CcxtConnector plus Binance's client
// order id rules, its order book depths, its account permissions, its used-weight headers and the futures extras.
import ccxt from 'ccxt'
import type { Order as CcxtOrder, Position as CcxtPosition, Trade as CcxtTrade } from 'ccxt'

import { CcxtConnector } from './ccxt-connector.js'
import type { CallSpec, ConnectorDeps } from './ccxt-connector.js'
import { decimal } from './ccxt-convert.js'
import type { ConnectorConfig } from './config.js'
import type { BinanceConnector, FillQuery, FuturesOrderRequest, SendOptions } from './connector.js'
import { ExchangeError, InvalidOrderError } from './errors.js'
import { headerValue } from './error-mapping.js'
import { type ExactFigures, MAX_FILL_PAGES, tooManyFillPages } from './fill-reads.js'
import { binanceRateModel } from './rate-limit/binance.js'
import { dec } from '../domain/money.js'
import type { AccountInfo, FuturesPosition, UnifiedOrder } from '../domain/types.js'

export const BINANCE_FEATURES = ['spot', 'futures', 'postOnly', 'ioc', 'fok'] as const

/** Binance: newClientOrderId is at most 36 characters from [.A-Z:/a-z0-9_-]. */
const CLIENT_ORDER_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/
const SPOT_DEPTHS = [5, 10, 20, 50, 100, 500, 1000, 5000]
const FUTURES_DEPTHS = [5, 10, 20, 50, 100, 500, 1000]
/** myTrades (spot) and userTrades (USD-M) answer at most 1000 rows a page. */
const TRADE_PAGE = 1000
/** USD-M answers at most 7 days after a startTime (ccxt asks for that window when `since` is older). */
const FUTURES_WINDOW_MS = 7 * 24 * 60 * 60 * 1000

/** A ccxt.binance instance configured for our use: no currency/margin calls, our own pacing, no retries. */
export function createBinanceClient(config: ConnectorConfig): InstanceType<typeof ccxt.binance> {
  const exchange = new ccxt.binance({
    apiKey: config.apiKey,
    secret: config.secret,
    timeout: config.requestTimeoutMs,
    // our limiter paces every call (per key, with the venue's weights); ccxt's own would double-count
    enableRateLimit: false,
    options: {
      fetchCurrencies: false,
      fetchMargins: false,
      fetchMarkets: { types: ['spot', 'linear'] },
      fetchOpenOrders: { warnWithoutSymbol: false },
      // never re-send anything from inside ccxt (an order after a timeout would be a duplicate); ccxt's fetch2
      // reads this from options, not from a property of the instance
      maxRetriesOnFailure: 0,
      maxRetriesOnFailureDelay: 0,
    },
  })
  if (config.baseUrl !== undefined) {
    const base = config.baseUrl.replace(/\/+$/, '')
    const api = exchange.urls.api as Record<string, unknown>
    exchange.urls.api = Object.fromEntries(
      Object.entries(api).map(([key, url]) => [
        key,
        typeof url === 'string' ? url.replace(/^https?:\/\/[^/]+/, base) : url,
      ])
    )
  } else if (config.sandbox === true) {
    // Binance's test environment for spot and USD-M together (futures sandbox mode no longer exists)
    exchange.enableDemoTrading(true)
  }
  return exchange
}

export interface BinanceConnectorDeps extends ConnectorDeps {
  /** A client from createBinanceClient(config), e.g. with ccxt options tuned by the caller. */
  client?: InstanceType<typeof ccxt.binance>
}

class BinanceCcxtConnector extends CcxtConnector implements BinanceConnector {
  declare readonly id: 'binance'
  private readonly leverages = new Map<string, number>()

  constructor(config: ConnectorConfig, deps?: BinanceConnectorDeps) {
    super({
      id: 'binance',
      exchange: deps?.client ?? createBinanceClient(config),
      config,
      rateLimitModel: binanceRateModel(),
      features: BINANCE_FEATURES,
      deps,
    })
  }

  async placeFuturesOrder(request: FuturesOrderRequest, options?: SendOptions): Promise<UnifiedOrder> {
    const market = await this.beforeSend(this.getMarket(request.symbol), options, request.clientOrderId)
    if (market.type !== 'swap') {
      throw new InvalidOrderError(`${request.symbol} is not a USD-M perpetual on binance (use e.g. BTC/USDT:USDT)`, {
        exchange: 'binance',
        operation: 'placeOrder',
      })
    }
    return this.submitOrder(request, request.reduceOnly === true ? { reduceOnly: true } : {}, options)
  }

  async setLeverage(symbol: string, leverage: number): Promise<{ symbol: string; leverage: number }> {
    await this.ccxtMarket(symbol, 'setLeverage')
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > 125) {
      throw new InvalidOrderError(`leverage ${leverage} is not an integer from 1 to 125`, {
        exchange: 'binance',
        operation: 'setLeverage',
      })
    }
    const spec = { ...this.spec('account', 'setLeverage', 'setLeverage', symbol), retry: false }
    const answer = (await this.call(spec, () => this.exchange.setLeverage(leverage, symbol))) as { leverage?: unknown }
    const applied = Number(answer?.leverage ?? leverage)
    this.leverages.set(symbol, applied)
    return { symbol, leverage: applied }
  }

  async getMaxLeverage(symbol: string): Promise<number> {
    const market = await this.ccxtMarket(symbol, 'getMaxLeverage')
    if (market.swap !== true) {
      throw new InvalidOrderError(`${symbol} is not a USD-M perpetual on binance (use e.g. BTC/USDT:USDT)`, {
        exchange: 'binance',
        operation: 'getMaxLeverage',
      })
    }
    const spec = this.spec('account', 'fetchLeverageTiers', 'getMaxLeverage', symbol)
    const tiers = await this.call(spec, () => this.exchange.fetchLeverageTiers([symbol]))
    const leverages = (tiers[symbol] ?? []).map((tier) => tier.maxLeverage ?? 0)
    const max = Math.max(0, ...leverages)
    if (max < 1) {
      throw new ExchangeError(`binance gave no leverage bracket for ${symbol}`, {
        exchange: 'binance',
        operation: 'getMaxLeverage',
      })
    }
    return max
  }

  async getFuturesPositions(): Promise<FuturesPosition[]> {
    await this.ensureMarkets()
    const spec = { ...this.spec('account', 'fetchPositions', 'getFuturesPositions'), market: 'futures' as const }
    const positions = await this.call(spec, () => this.exchange.fetchPositions())
    return positions.filter((p) => (p.contracts ?? 0) !== 0).map((p) => this.toFuturesPosition(p))
  }

  // ---- fills: myTrades / userTrades, paged by trade id ----

  /** orderId, then orderId + fromId for each further page (both documented combinations; no time with orderId). */
  protected override orderTrades(query: FillQuery & { orderId: string }, operation: string): Promise<CcxtTrade[]> {
    const symbol = this.fillSymbol(query, operation)
    const byOrder = { orderId: query.orderId }
    return this.tradePages(symbol, operation, this.tradePage(symbol, operation, byOrder), byOrder)
  }

  /** From the first trade at or after `since` (or the first trade of all), page on by fromId. */
  protected override async accountTrades(query: FillQuery, operation: string): Promise<CcxtTrade[]> {
    const symbol = this.fillSymbol(query, operation)
    const { since } = query
    if (since === undefined) return this.tradePages(symbol, operation, this.tradePage(symbol, operation, { fromId: 0 }))
    const windowed = (start: number) =>
      this.marketKind(symbol) === 'futures' && this.clock() - start >= FUTURES_WINDOW_MS
    let start = since
    let first = await this.tradePage(symbol, operation, {}, start)
    for (let windows = 1; first.length === 0 && windowed(start); windows++) {
      if (windows >= MAX_FILL_PAGES) throw tooManyFillPages(this.id, operation)
      start += FUTURES_WINDOW_MS
      first = await this.tradePage(symbol, operation, {}, start)
    }
    // a page cut off by the window's end says nothing of the trades after it
    return this.tradePages(symbol, operation, Promise.resolve(first), {}, windowed(start))
  }

  protected override exactFigures(info: Record<string, unknown> | undefined): ExactFigures {
    return { price: info?.['price'], amount: info?.['qty'], fee: info?.['commission'] }
  }

  private async tradePages(
    symbol: string,
    operation: string,
    first: Promise<CcxtTrade[]>,
    params: Record<string, unknown> = {},
    firstPageCut = false
  ): Promise<CcxtTrade[]> {
    const trades: CcxtTrade[] = []
    let page = await first
    for (let pages = 1; ; pages++) {
      trades.push(...page)
      const ids = page.map((trade) => BigInt(trade.id ?? '0'))
      if (ids.length === 0 || (ids.length < TRADE_PAGE && !(pages === 1 && firstPageCut))) return trades
      if (pages >= MAX_FILL_PAGES) throw tooManyFillPages(this.id, operation)
      const next = ids.reduce((a, b) => (a > b ? a : b)) + 1n
      page = await this.tradePage(symbol, operation, { ...params, fromId: next.toString() })
    }
  }

  private tradePage(symbol: string, operation: string, params: Record<string, unknown>, since?: number) {
    const spec = { ...this.spec('account', 'fetchMyTrades', operation, symbol), limit: TRADE_PAGE }
    // fetchMyTrades, not fetchOrderTrades: ccxt's fetchOrderTrades refuses USD-M markets
    return this.call(spec, () => this.exchange.fetchMyTrades(symbol, since, TRADE_PAGE, params))
  }

  protected override clientOrderIdProblem(clientOrderId: string): string | undefined {
    if (CLIENT_ORDER_ID.test(clientOrderId)) return undefined
    return 'is not 1 to 36 characters from [.A-Z:/a-z0-9_-] as binance requires'
  }

  /** A cancel's answer carries the cancel request's own id as clientOrderId; the order's is origClientOrderId. */
  protected override clientOrderIdOf(order: CcxtOrder): string | undefined {
    const info = order.info as { origClientOrderId?: unknown } | undefined
    if (typeof info?.origClientOrderId === 'string' && info.origClientOrderId !== '') return info.origClientOrderId
    return order.clientOrderId ?? undefined
  }

  protected override orderBookLimit(depth: number): number {
    const allowed = depth > 1000 ? SPOT_DEPTHS : FUTURES_DEPTHS
    return allowed.find((d) => d >= depth) ?? allowed[allowed.length - 1]!
  }

  protected override accountInfoFrom(info: unknown): AccountInfo {
    const account = (info ?? {}) as {
      canTrade?: boolean
      canWithdraw?: boolean
      canDeposit?: boolean
      permissions?: unknown
      permissionSets?: unknown
    }
    const fromSets = Array.isArray(account.permissionSets) ? account.permissionSets.flat() : []
    const permissions = [...(Array.isArray(account.permissions) ? account.permissions : []), ...fromSets]
    return {
      exchange: 'binance',
      canTrade: account.canTrade === true,
      canWithdraw: account.canWithdraw === true,
      canDeposit: account.canDeposit === true,
      permissions: [...new Set(permissions.filter((p): p is string => typeof p === 'string'))],
    }
  }

  /** Binance reports the weight used in the current minute; adopt it when other clients share our IP. */
  protected override observeResponse(headers: Record<string, string | undefined>, spec: CallSpec): void {
    const used = Number(headerValue(headers, 'x-mbx-used-weight-1m'))
    if (!Number.isFinite(used) || used <= 0) return
    this.limiter.observeUsage(this.marketKind(spec.symbol) === 'futures' ? 'futuresWeight' : 'spotWeight', used)
  }

  private toFuturesPosition(position: CcxtPosition): FuturesPosition {
    const symbol = position.symbol ?? ''
    const info = (position.info ?? {}) as { notional?: string; initialMargin?: string }
    const result: FuturesPosition = {
      symbol,
      side: position.side === 'short' ? 'short' : 'long',
      contracts: decimal(position.contracts) ?? '0',
      entryPrice: decimal(position.entryPrice) ?? '0',
      leverage: position.leverage ?? this.leverages.get(symbol) ?? impliedLeverage(info.notional, info.initialMargin),
      unrealizedPnl: decimal(position.unrealizedPnl) ?? '0',
    }
    const liquidation = decimal(position.liquidationPrice)
    if (liquidation !== undefined && liquidation !== '0') result.liquidationPrice = liquidation
    return result
  }
}

/** positionRisk v3 carries no leverage field: notional ÷ initial margin, rounded (a display number, not money). */
function impliedLeverage(notional: string | undefined, initialMargin: string | undefined): number {
  if (notional === undefined || initialMargin === undefined || dec(initialMargin).isZero()) return 1
  return Math.max(1, Math.round(dec(notional).abs().div(initialMargin).toNumber()))
}

/** The Binance connector. `deps` injects a clock, a shared rate limiter, smaller limits or a prepared client. */
export function createBinanceConnector(config: ConnectorConfig, deps?: BinanceConnectorDeps): BinanceConnector {
  return new BinanceCcxtConnector(config, deps)
}
