// Kraken spot (and spot margin) over ccxt.kraken: the CcxtConnector plus what Kraken does its own way — private
// calls serialised per API key with strictly increasing nonces, lookup by client order id through open and then
// closed orders (ccxt's fetchOrder by client id is broken, quirk 4), placement acknowledged without details (read
// back), Kraken's error strings refined, and the extras: margin orders, positions, conditional orders, trades.
import type { Order as CcxtOrder, Trade as CcxtTrade } from 'ccxt'

import { canonicalClientOrderId } from '../domain/client-order-id.js'
import { isDecimalString, isPositive, roundToStep } from '../domain/money.js'
import type { AccountInfo, Fill, OrderRequest, UnifiedOrder } from '../domain/types.js'
import { type CallSpec, CcxtConnector, type ConnectorDeps } from './ccxt-connector.js'
import { decimal } from './ccxt-convert.js'
import type { ConnectorConfig } from './config.js'
import type {
  ConditionalOrderRequest,
  FillQuery,
  KrakenConnector,
  MarginOrderRequest,
  MarginPosition,
  OrderLookup,
  SendOptions,
} from './connector.js'
import { InvalidOrderError, OrderNotFoundError } from './errors.js'
import { type ExactFigures, MAX_FILL_PAGES, tooManyFillPages } from './fill-reads.js'
import { exactNumber } from './order-checks.js'
import { type KrakenCcxt, createKrakenCcxt } from './kraken/ccxt-client.js'
import { krakenClientOrderIdProblem } from './kraken/client-order-id.js'
import { createLookupBatcher, type PendingLookup } from './kraken/lookup-batch.js'
import { refineKrakenError } from './kraken/errors.js'
import {
  type KeySerialiser,
  type NonceSource,
  SHARED_KEY_SERIALISER,
  SHARED_NONCE_SOURCE,
} from './kraken/key-serialiser.js'
import { conditionalShape, limitOrderParams, timeInForceProblem } from './kraken/order-params.js'
import { toMarginPosition } from './kraken/records.js'
import { KRAKEN_TIER_LIMITS, krakenRateModel } from './rate-limit/kraken.js'
import { queueWithinSendDeadline } from './send-deadline.js'

export const KRAKEN_FEATURES = ['spot', 'margin', 'conditionalOrders', 'postOnly', 'ioc', 'tradeHistory'] as const

/**
 * QueryTrades takes at most 20 trade ids; ccxt's fetchOrderTrades sends one more, empty, request when the ids fill
 * its batches of 20 exactly (kraken.js fetchOrderTrades), so each call hands it fewer.
 */
const QUERY_TRADES_IDS = 19

export interface KrakenConnectorDeps extends ConnectorDeps {
  /** Orders private calls per API key; shared process-wide by default. */
  serialiser?: KeySerialiser
  nonces?: NonceSource
}

type Info = Record<string, unknown>

export class KrakenCcxtConnector extends CcxtConnector implements KrakenConnector {
  declare readonly id: 'kraken'
  declare protected readonly exchange: KrakenCcxt
  private readonly serialiser: KeySerialiser
  private readonly keyName: string

  constructor(config: ConnectorConfig, deps: KrakenConnectorDeps = {}) {
    const nonces = deps.nonces ?? SHARED_NONCE_SOURCE
    const keyName = config.apiKey ?? ''
    super({
      id: 'kraken',
      exchange: createKrakenCcxt(config, () => nonces.next(keyName)),
      config,
      rateLimitModel: krakenRateModel(KRAKEN_TIER_LIMITS[config.krakenTier ?? 'starter']),
      features: KRAKEN_FEATURES,
      deps,
    })
    this.serialiser = deps.serialiser ?? SHARED_KEY_SERIALISER
    this.keyName = keyName
  }

  // ---- orders ----

  /**
   * Kraken's lookup by client order id (ccxt's own is broken, quirk 4): batched (kraken/lookup-batch.ts), so the
   * lookups waiting together share one read of the open orders and, for those not open, one of the recent closed
   * orders; an order older than that page is looked up alone, filtered by cl_ord_id.
   */
  override async getOrder(original: OrderLookup): Promise<UnifiedOrder> {
    const lookup = this.canonicalLookup(original)
    const clientOrderId = lookup.clientOrderId
    if (lookup.id !== undefined || clientOrderId === undefined || clientOrderId === '') return super.getOrder(lookup)
    const { symbol } = lookup
    await this.ccxtMarket(symbol, 'getOrder')
    const found = await this.lookups.lookup({ symbol, clientOrderId })
    if (found !== undefined) return this.unified(found, lookup)
    throw new OrderNotFoundError(`kraken has no order with client order id ${clientOrderId} on ${symbol}`, {
      exchange: this.id,
      operation: 'getOrder',
    })
  }

  private readonly lookups = createLookupBatcher<CcxtOrder>((pending) => this.readOrdersByClientId(pending))

  private async readOrdersByClientId(pending: PendingLookup[]): Promise<Map<PendingLookup, CcxtOrder | undefined>> {
    const spec = (method: string, symbol?: string, clientOrderId?: string): CallSpec => ({
      ...this.spec('queryOrder', method, 'getOrder', symbol),
      ...(clientOrderId ? { clientOrderId } : {}),
    })
    const answers = new Map<PendingLookup, CcxtOrder | undefined>()
    const match = (orders: CcxtOrder[], { symbol, clientOrderId }: PendingLookup) =>
      orders
        .filter(
          (o) =>
            o.symbol === symbol && canonicalClientOrderId('kraken', this.clientOrderIdOf(o) ?? '') === clientOrderId
        )
        // cl_ord_id is unique among open orders only: the latest closed one is the order a retry is asking about
        .sort((a, b) => (b.timestamp ?? 0) - (a.timestamp ?? 0))[0]
    const settle = (orders: CcxtOrder[], lookups: PendingLookup[]) => {
      for (const l of lookups) {
        const order = match(orders, l)
        if (order !== undefined) answers.set(l, order)
      }
      return lookups.filter((l) => !answers.has(l))
    }

    const open = await this.call(spec('fetchOpenOrders'), () => this.exchange.fetchOpenOrders())
    let missing = settle(open, pending)
    if (missing.length === 0) return answers
    const closed = await this.call(spec('fetchClosedOrders'), () => this.exchange.fetchClosedOrders())
    missing = settle(closed, missing)
    for (const l of missing) {
      const params = { clientOrderId: l.clientOrderId }
      const older = await this.call(spec('fetchClosedOrders', l.symbol, l.clientOrderId), () =>
        this.exchange.fetchClosedOrders(l.symbol, undefined, undefined, params)
      )
      answers.set(l, match(older, l))
    }
    return answers
  }

  // ---- extras ----

  async placeMarginOrder(request: MarginOrderRequest, options?: SendOptions): Promise<UnifiedOrder> {
    const market = await this.beforeSend(
      this.ccxtMarket(request.symbol, 'placeMarginOrder'),
      options,
      request.clientOrderId
    )
    const maxLeverage = market.limits.leverage?.max ?? 1
    const reject = (message: string): never => {
      throw new InvalidOrderError(message, { exchange: this.id, operation: 'placeMarginOrder' })
    }
    if (market.margin !== true) reject(`kraken offers no margin trading on ${request.symbol}`)
    if (!Number.isInteger(request.leverage) || request.leverage < 2 || request.leverage > maxLeverage) {
      reject(`leverage ${request.leverage} is not offered on ${request.symbol} (2 to ${maxLeverage})`)
    }
    const params: Record<string, unknown> = { leverage: String(request.leverage) }
    if (request.reduceOnly === true) params['reduceOnly'] = true
    return this.submitOrder(request, params, options)
  }

  async placeConditionalOrder(request: ConditionalOrderRequest, options?: SendOptions): Promise<UnifiedOrder> {
    const market = await this.beforeSend(this.getMarket(request.symbol), options, request.clientOrderId)
    const reject = (message: string): never => {
      throw new InvalidOrderError(message, { exchange: this.id, operation: 'placeConditionalOrder' })
    }
    const { ccxtType, triggerParam } = conditionalShape(request.type)
    if (!isDecimalString(request.triggerPrice) || !isPositive(request.triggerPrice)) {
      reject(`trigger price ${request.triggerPrice} is not a positive decimal`)
    }
    const trigger = roundToStep(request.triggerPrice, market.priceStep)
    if (!isPositive(trigger)) {
      reject(`trigger price ${request.triggerPrice} rounds to 0 at the tick ${market.priceStep}`)
    }
    if (ccxtType === 'limit' && request.limitPrice === undefined) reject(`a ${request.type} order needs a limit price`)
    const order: OrderRequest = {
      symbol: request.symbol,
      side: request.side,
      type: ccxtType,
      amount: request.amount,
      ...(ccxtType === 'limit' && { price: request.limitPrice }),
      ...(request.clientOrderId !== undefined && { clientOrderId: request.clientOrderId }),
    }
    // ccxt takes numbers: the trigger is already on the tick
    const exact = exactNumber(trigger, 'triggerPrice', { exchange: this.id, operation: 'placeConditionalOrder' })
    return this.submitOrder(order, { [triggerParam]: exact }, options)
  }

  async getMarginPositions(): Promise<MarginPosition[]> {
    await this.ensureMarkets()
    const spec = this.spec('account', 'fetchPositions', 'getMarginPositions')
    const positions = await this.call(spec, () => this.exchange.fetchPositions())
    return positions.map(toMarginPosition)
  }

  getTradeHistory(query: { startTime?: number; symbol?: string }): Promise<Fill[]> {
    return this.getFills({ symbol: query.symbol, since: query.startTime })
  }

  // ---- fills: getFills and getOrderFills are the generic ones ----

  /** QueryOrders names the order's trades; QueryTrades reads them, a batch of ids a call. */
  protected override async orderTrades(query: FillQuery & { orderId: string }, operation: string) {
    const { orderId, symbol } = query
    const order = await this.call(this.spec('queryOrder', 'fetchOrder', operation, symbol), () =>
      this.exchange.fetchOrder(orderId, symbol)
    )
    const listed = (order.info as Info | undefined)?.['trades']
    const ids = Array.isArray(listed) ? listed.map(String) : []
    const trades: CcxtTrade[] = []
    for (let from = 0; from < ids.length; from += QUERY_TRADES_IDS) {
      const batch = ids.slice(from, from + QUERY_TRADES_IDS)
      // a history call, charged like TradesHistory
      const spec = this.spec('account', 'fetchMyTrades', operation, symbol)
      trades.push(
        ...(await this.call(spec, () =>
          this.exchange.fetchOrderTrades(orderId, undefined, undefined, undefined, { trades: batch })
        ))
      )
    }
    return trades
  }

  /** TradesHistory, newest first, 50 a page by offset; `start` is exclusive and in whole seconds. */
  protected override async accountTrades(query: FillQuery, operation: string): Promise<CcxtTrade[]> {
    const { symbol, since } = query
    const startSeconds = since === undefined ? 0 : Math.ceil(since / 1000) - 1
    const start = startSeconds > 0 ? { start: startSeconds } : {}
    const trades: CcxtTrade[] = []
    let offset = 0
    for (let pages = 1; ; pages++) {
      const spec = this.spec('account', 'fetchMyTrades', operation, symbol)
      const params = { ...start, ...(offset > 0 && { ofs: offset }) }
      const { page, rows, count } = await this.call(spec, async () => {
        const page = await this.exchange.fetchMyTrades(symbol, undefined, undefined, params)
        // ccxt filters by symbol: the page position comes from the raw answer
        const result = ((this.exchange.last_json_response as Info | undefined)?.['result'] ?? {}) as Info
        return { page, rows: Object.keys((result['trades'] ?? {}) as Info).length, count: Number(result['count'] ?? 0) }
      })
      trades.push(...page)
      offset += rows
      if (rows === 0 || offset >= count) return trades
      if (pages >= MAX_FILL_PAGES) throw tooManyFillPages(this.id, operation)
    }
  }

  /** Kraken's raw strings; its integer trade_id orders the fills of one millisecond. */
  protected override exactFigures(info: Info | undefined): ExactFigures {
    return { price: info?.['price'], amount: info?.['vol'], fee: info?.['fee'] }
  }

  protected override tradeSequence(trade: CcxtTrade): number {
    return Number((trade.info as Info | undefined)?.['trade_id'] ?? 0)
  }

  // ---- venue specifics of the generic machinery ----

  /** Private calls one at a time per key (nonce order); Kraken's strings refined into our error classes. */
  protected override call<T>(spec: CallSpec, fn: () => Promise<T>): Promise<T> {
    const refined = async (): Promise<T> => {
      try {
        return await fn()
      } catch (err) {
        throw refineKrakenError(err, {
          exchange: this.id,
          operation: spec.name,
          secrets: [this.config.apiKey, this.config.secret],
        })
      }
    }
    const isPrivate = spec.operation !== 'marketData' && spec.operation !== 'status'
    if (!isPrivate) return super.call(spec, refined)
    // An order attempt waits in the key's queue at most until its sendBy: a turn that comes later is skipped.
    const sendContext = {
      exchange: this.id,
      operation: spec.name,
      clientOrderId: spec.clientOrderId,
      clock: this.clock,
    }
    const enqueue = (task: () => Promise<T>) => this.serialiser.run(this.keyName, task)
    return super.call(spec, () => queueWithinSendDeadline(enqueue, refined, spec.send, sendContext))
  }

  protected override orderParams(request: OrderRequest, clientOrderId: string): Record<string, unknown> {
    const problem = timeInForceProblem(request)
    if (problem !== undefined) throw new InvalidOrderError(problem, { exchange: this.id, operation: 'placeOrder' })
    return limitOrderParams(request, clientOrderId)
  }

  protected override clientOrderIdProblem(clientOrderId: string): string | undefined {
    return krakenClientOrderIdProblem(clientOrderId)
  }

  /** Only cl_ord_id: ccxt falls back to userref, which is "0" on every order placed without one. */
  protected override clientOrderIdOf(order: CcxtOrder): string | undefined {
    const clientOrderId = (order.info as Info | undefined)?.['cl_ord_id']
    return typeof clientOrderId === 'string' && clientOrderId !== '' ? clientOrderId : undefined
  }

  /** Conditional orders keep Kraken's type and their trigger (ccxt files it under stopLoss/takeProfitPrice). */
  protected override unified(order: CcxtOrder, known: { symbol: string; clientOrderId?: string }): UnifiedOrder {
    const unified = super.unified(order, known)
    const descr = ((order.info as Info | undefined)?.['descr'] ?? {}) as Info
    const krakenType = descr['ordertype']
    if (typeof krakenType !== 'string' || !/^(stop-loss|take-profit)/.test(krakenType)) return unified
    // descr.price is the trigger of a conditional order (price2 its limit), as Kraken printed it
    const trigger =
      decimal(descr['price'] as string | undefined) ?? decimal(order.stopLossPrice ?? order.takeProfitPrice)
    const typed = { ...unified, type: krakenType }
    return trigger === undefined ? typed : { ...typed, triggerPrice: trigger }
  }

  protected override accountInfoFrom(): AccountInfo {
    // Kraken's balance answer says nothing of the key's permissions; trading and margin are what it is used for.
    return { exchange: this.id, canTrade: true, canWithdraw: false, canDeposit: false, permissions: ['SPOT', 'MARGIN'] }
  }

  protected override marketKind(): 'spot' {
    return 'spot'
  }
}

export function createKrakenConnector(config: ConnectorConfig, deps?: KrakenConnectorDeps): KrakenConnector {
  return new KrakenCcxtConnector(config, deps)
}
