// Coinbase Exchange connector: the generic CcxtConnector over ccxt's `coinbaseexchange`, plus what Coinbase does
// its own way — UUID client order ids, GTT with cancel_after, placement acknowledged as `pending` (read back),
// post-only crosses answered with a `rejected` order, no status endpoint, fills and transfers as extras.
import type { Order as CcxtOrder, Trade as CcxtTrade } from 'ccxt'

import type { AccountInfo, ExchangeStatus, OrderRequest, TradingFees, UnifiedOrder } from '../domain/types.js'
import { CcxtConnector, type ConnectorDeps } from './ccxt-connector.js'
import { decimal } from './ccxt-convert.js'
import type { ConnectorConfig } from './config.js'
import type {
  AdvancedOrderRequest,
  CoinbaseConnector,
  FillQuery,
  FundingRecord,
  OrderLookup,
  SendOptions,
} from './connector.js'
import { advancedOrderParams } from './coinbase/advanced-order.js'
import { createCoinbaseCcxt } from './coinbase/ccxt-client.js'
import { coinbaseClientOrderId } from './coinbase/client-order-id.js'
import { toFundingRecord } from './coinbase/records.js'
import { ExchangeUnavailableError, InvalidOrderError, OrderOutcomeUnknownError } from './errors.js'
import { type ExactFigures, MAX_FILL_PAGES, tooManyFillPages } from './fill-reads.js'
import { coinbaseRateModel } from './rate-limit/coinbase.js'

/** GET /fills answers at most 100 fills a page (the limit Coinbase has documented for it). */
const FILLS_PAGE = 100

export const COINBASE_FEATURES = ['spot', 'postOnly', 'ioc', 'fok', 'gtt', 'fills', 'fundingRecords'] as const

export class CoinbaseCcxtConnector extends CcxtConnector implements CoinbaseConnector {
  declare readonly id: 'coinbase'

  constructor(config: ConnectorConfig, deps?: ConnectorDeps) {
    super({
      id: 'coinbase',
      exchange: createCoinbaseCcxt(config),
      config,
      rateLimitModel: coinbaseRateModel(),
      features: COINBASE_FEATURES,
      ...(deps !== undefined && { deps }),
    })
  }

  // ---- orders: client order ids are UUIDs on Coinbase ----

  override async placeOrder(request: OrderRequest, options?: SendOptions): Promise<UnifiedOrder> {
    if (request.type === 'limit') return this.placeAdvancedOrder(request as AdvancedOrderRequest, options)
    // As on every venue, a market order carries no time in force or post-only flag.
    const marketOrder: AdvancedOrderRequest = { ...request }
    delete marketOrder.timeInForce
    delete marketOrder.postOnly
    return this.placeAdvancedOrder(marketOrder, options)
  }

  async placeAdvancedOrder(request: AdvancedOrderRequest, options?: SendOptions): Promise<UnifiedOrder> {
    const extra = advancedOrderParams(request)
    const clientOrderId = coinbaseClientOrderId(request.clientOrderId ?? this.newClientOrderId())
    let order: UnifiedOrder
    try {
      order = await this.submitOrder({ ...request, clientOrderId }, extra, options)
    } catch (err) {
      // A maintenance answer proves the venue refused the order: not an unknown outcome.
      if (err instanceof OrderOutcomeUnknownError && /under maintenance/i.test(err.message)) {
        throw new ExchangeUnavailableError(err.message, {
          exchange: this.id,
          operation: 'placeOrder',
          cause: err.cause,
        })
      }
      // A "duplicate client_oid" answer arrives as DuplicateClientOrderIdError (error-mapping.ts): the caller settles
      // it by lookup, as on every venue.
      throw err
    }
    if (order.status === 'rejected') {
      throw new InvalidOrderError(`coinbase rejected ${clientOrderId}: post-only order would take liquidity`, {
        exchange: this.id,
        operation: 'placeOrder',
      })
    }
    return order
  }

  override getOrder(lookup: OrderLookup): Promise<UnifiedOrder> {
    return super.getOrder(this.coinbaseLookup(lookup))
  }

  override cancelOrder(lookup: OrderLookup): Promise<UnifiedOrder> {
    return super.cancelOrder(this.coinbaseLookup(lookup))
  }

  /** POST /orders answers `pending` before matching: such an answer is read back, not reported as final. */
  protected override isCompleteOrder(order: CcxtOrder): boolean {
    const info = order.info as Record<string, unknown> | undefined
    return super.isCompleteOrder(order) && info?.['status'] !== 'pending'
  }

  // ---- extras ----

  // getFills and getOrderFills are the generic ones: GET /fills by order_id or product_id, every page.

  protected override orderTrades(query: FillQuery & { orderId: string }, operation: string): Promise<CcxtTrade[]> {
    const { orderId, symbol } = query
    return this.fillPages(operation, symbol, (params) =>
      this.exchange.fetchOrderTrades(orderId, symbol, undefined, undefined, params)
    )
  }

  protected override accountTrades(query: FillQuery, operation: string): Promise<CcxtTrade[]> {
    const symbol = this.fillSymbol(query, operation)
    // start_date is sent as a param, not as ccxt's since, so that a page's length is the venue's own
    const since = query.since === undefined ? {} : { start_date: this.exchange.iso8601(query.since) }
    return this.fillPages(operation, symbol, (params) =>
      this.exchange.fetchMyTrades(symbol, undefined, undefined, { ...since, ...params })
    )
  }

  protected override exactFigures(info: Record<string, unknown> | undefined): ExactFigures {
    return { price: info?.['price'], amount: info?.['size'], fee: info?.['fee'] }
  }

  /**
   * GET /fills answers newest first, by descending trade_id; `after` a trade id asks for the page of older fills
   * (the CB-AFTER cursor of /fills is the page's last, smallest, trade id).
   */
  private async fillPages(
    operation: string,
    symbol: string | undefined,
    fetch: (params: Record<string, unknown>) => Promise<CcxtTrade[]>
  ): Promise<CcxtTrade[]> {
    const trades: CcxtTrade[] = []
    let params: Record<string, unknown> = { limit: FILLS_PAGE }
    for (let pages = 1; ; pages++) {
      // GET /fills has its own budget ('fetchMyTrades' in the rate model)
      const page = await this.call(this.spec('account', 'fetchMyTrades', operation, symbol), () => fetch(params))
      trades.push(...page)
      if (page.length < FILLS_PAGE) return trades
      if (pages >= MAX_FILL_PAGES) throw tooManyFillPages(this.id, operation)
      const oldest = page.map((trade) => BigInt(trade.id ?? '0')).reduce((a, b) => (a < b ? a : b))
      params = { limit: FILLS_PAGE, after: oldest.toString() }
    }
  }

  async getFundingRecords(query: { currency?: string }): Promise<FundingRecord[]> {
    await this.ensureMarkets()
    const spec = this.spec('account', 'fetchDepositsWithdrawals', 'getFundingRecords')
    // GET /transfers lists every currency; filtering here avoids ccxt's per-account lookup for unknown codes.
    const transactions = await this.call(spec, () => this.exchange.fetchDepositsWithdrawals())
    const now = this.clock()
    return transactions
      .map((transaction) => toFundingRecord(transaction, now))
      .filter((record): record is FundingRecord => record !== undefined)
      .filter((record) => query.currency === undefined || record.currency === query.currency)
      .sort((a, b) => a.timestamp - b.timestamp)
  }

  // ---- venue specifics of the generic methods ----

  /** The profile's fee tier (GET /fees) when signed in; the market's published fees otherwise. */
  override async getTradingFees(symbol: string): Promise<TradingFees> {
    if (this.config.apiKey === undefined) return super.getTradingFees(symbol)
    await this.ccxtMarket(symbol, 'getTradingFees')
    const spec = this.spec('account', 'fetchTradingFees', 'getTradingFees', symbol)
    const fees = await this.call(spec, () => this.exchange.fetchTradingFees())
    const fee = fees[symbol]
    return { maker: decimal(fee?.maker) ?? '0', taker: decimal(fee?.taker) ?? '0' }
  }

  /** Coinbase Exchange has no status endpoint (ccxt: fetchStatus not supported); GET /time answers when it is up. */
  override async getStatus(): Promise<ExchangeStatus> {
    const spec = this.spec('status', 'fetchTime', 'getStatus')
    try {
      await this.call(spec, () => this.exchange.fetchTime())
      return { exchange: this.id, status: 'ok', updated: this.clock() }
    } catch (err) {
      if (!(err instanceof ExchangeUnavailableError)) throw err
      return { exchange: this.id, status: isMaintenance(err) ? 'maintenance' : 'down', updated: this.clock() }
    }
  }

  protected override accountInfoFrom(balanceInfo: unknown): AccountInfo {
    const accounts = Array.isArray(balanceInfo) ? (balanceInfo as Record<string, unknown>[]) : []
    const canTrade = accounts.length === 0 || accounts.some((account) => account['trading_enabled'] === true)
    // Coinbase does not expose a key's transfer permission through the trading API.
    return { exchange: this.id, canTrade, canWithdraw: false, canDeposit: false, permissions: ['SPOT'] }
  }

  protected override marketKind(): 'spot' {
    return 'spot'
  }

  private coinbaseLookup(lookup: OrderLookup): OrderLookup {
    return lookup.clientOrderId === undefined
      ? lookup
      : { ...lookup, clientOrderId: coinbaseClientOrderId(lookup.clientOrderId) }
  }
}

function isMaintenance(err: ExchangeUnavailableError): boolean {
  return /maintenance/i.test(err.message) || (err.cause instanceof Error && err.cause.name === 'OnMaintenance')
}

export function createCoinbaseConnector(config: ConnectorConfig, deps?: ConnectorDeps): CoinbaseConnector {
  return new CoinbaseCcxtConnector(config, deps)
}
