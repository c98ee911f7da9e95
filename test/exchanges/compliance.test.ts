// Goal: the three connectors honour the ExchangeConnector contract the same way, so everything above them can
// treat venues alike. Method: one suite, run over Binance, Coinbase and Kraken against the in-process simulator,
// calling every interface method with the same expectations; only the symbol differs per venue.
import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { add, cmp, mul, roundToStep } from '../../domain/money.js'
import type { ExchangeId } from '../../domain/types.js'
import type { ConnectorDeps } from '../../exchanges/ccxt-connector.js'
import { connectorConfig } from '../../exchanges/config.js'
import type { AnyConnector } from '../../exchanges/connector.js'
import { InvalidOrderError, OrderNotFoundError, UnknownSymbolError } from '../../exchanges/errors.js'
import { coinbaseRateModel } from '../../exchanges/rate-limit/coinbase.js'
import { krakenRateModel } from '../../exchanges/rate-limit/kraken.js'
import { CONNECTOR_FACTORIES } from '../../exchanges/registry.js'
import { DEMO_CREDENTIALS } from '../../sim/credentials.js'
import { krakenDialect } from '../../sim/dialects/kraken/index.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'

const DECIMAL = /^\d+(\.\d+)?$/
const ROOM = 10_000

/** Per venue: the symbol traded and pacing with room for the suite's bursts (pacing has its own tests). */
const VENUES: { id: ExchangeId; symbol: string; quote: string; deps: ConnectorDeps }[] = [
  { id: 'binance', symbol: 'BTC/USDT', quote: 'USDT', deps: {} },
  {
    id: 'coinbase',
    symbol: 'BTC/USD',
    quote: 'USD',
    deps: {
      rateLimitModel: coinbaseRateModel({
        publicPerSecond: ROOM,
        publicBurst: ROOM,
        privatePerSecond: ROOM,
        privateBurst: ROOM,
        fillsPerSecond: ROOM,
        fillsBurst: ROOM,
      }),
    },
  },
  {
    id: 'kraken',
    symbol: 'BTC/USD',
    quote: 'USD',
    deps: { rateLimitModel: krakenRateModel({ callCounterMax: ROOM, tradingCounterMax: ROOM }) },
  },
]

let sim: TestSimulator

beforeAll(async () => {
  sim = await startTestSimulator({
    dialects: { kraken: krakenDialect({ rateLimits: { callCounter: false, tradingCounter: false } }) },
  })
})
afterAll(async () => {
  await sim.close()
})

describe.each(VENUES)('$id connector', ({ id, symbol, quote, deps }) => {
  let connector: AnyConnector
  const received = () => sim.engines[id].receivedOrders()

  beforeAll(async () => {
    const config = connectorConfig({ ...DEMO_CREDENTIALS[id], baseUrl: sim.urls[id], demo: true, maxRetries: 1 })
    connector = CONNECTOR_FACTORIES[id](config, deps)
    await connector.initialize()
  })
  afterAll(async () => {
    await connector.close()
  })

  /** A buy price far below the market, on the tick, with a notional above the minimum. */
  async function restingBuy() {
    const [market, ticker] = await Promise.all([connector.getMarket(symbol), connector.getTicker(symbol)])
    const price = roundToStep(mul(ticker.bid!, '0.8'), market.priceStep)
    return { market, price, amount: '0.001' }
  }

  it('identifies itself', () => {
    expect(connector.id).toBe(id)
    expect(connector.demo).toBe(true)
    expect(connector.features).toContain('spot')
  })

  it('lists markets with decimal steps and fees, and refuses unknown symbols', async () => {
    const markets = await connector.getMarkets()
    const market = markets.find((m) => m.symbol === symbol)
    expect(market).toMatchObject({ exchange: id, symbol, base: 'BTC', quote, type: 'spot', active: true })
    for (const field of ['amountStep', 'priceStep', 'makerFee', 'takerFee'] as const)
      expect(market![field]).toMatch(DECIMAL)
    expect(await connector.getMarket(symbol)).toEqual(market)
    // the account's fee tier where the venue publishes one (Coinbase /fees), else the market's
    const fees = await connector.getTradingFees(symbol)
    expect(fees).toEqual({ maker: expect.stringMatching(DECIMAL), taker: expect.stringMatching(DECIMAL) })
    expect(cmp(fees.maker, fees.taker)).toBeLessThanOrEqual(0)
    // A type of its own (the API answers it 404 by type, never by the wording), still an invalid request.
    await expect(connector.getMarket('NOPE/XYZ')).rejects.toThrow(UnknownSymbolError)
    await expect(connector.getTicker('NOPE/XYZ')).rejects.toThrow(UnknownSymbolError)
    await expect(connector.getTicker('NOPE/XYZ')).rejects.toThrow(InvalidOrderError)
  })

  it('gives a ticker and a book that agree: bid below ask, sorted levels, requested depth', async () => {
    const ticker = await connector.getTicker(symbol)
    expect(ticker).toMatchObject({ exchange: id, symbol })
    expect(cmp(ticker.bid!, ticker.ask!)).toBeLessThan(0)
    const book = await connector.getOrderBook(symbol, 5)
    expect(book.bids.length).toBeGreaterThan(0)
    expect(book.bids.length).toBeLessThanOrEqual(5)
    expect(book.asks.length).toBeLessThanOrEqual(5)
    for (let i = 1; i < book.bids.length; i++) expect(cmp(book.bids[i - 1]![0], book.bids[i]![0])).toBeGreaterThan(0)
    for (let i = 1; i < book.asks.length; i++) expect(cmp(book.asks[i - 1]![0], book.asks[i]![0])).toBeLessThan(0)
    expect(cmp(book.bids[0]![0], book.asks[0]![0])).toBeLessThan(0)
  })

  it('gives recent trades and hourly klines as decimal strings', async () => {
    const trades = await connector.getRecentTrades(symbol, 5)
    expect(trades.length).toBeGreaterThan(0)
    expect(trades.length).toBeLessThanOrEqual(5)
    for (const t of trades)
      expect([t.price, t.amount]).toEqual([expect.stringMatching(DECIMAL), expect.stringMatching(DECIMAL)])
    const klines = await connector.getKlines(symbol, '1h', undefined, 5)
    expect(klines.length).toBeGreaterThan(0)
    for (const k of klines) expect(cmp(k.high, k.low)).toBeGreaterThanOrEqual(0)
  })

  it('reports balances (total = free + locked) and account access', async () => {
    const balances = await connector.getBalances()
    expect(cmp(balances[quote]!.free, 0)).toBeGreaterThan(0)
    for (const b of Object.values(balances)) expect(b.total).toBe(add(b.free, b.locked))
    expect(await connector.getAccountInfo()).toMatchObject({ exchange: id, canTrade: true })
  })

  it('places, finds (by id and client id), lists and cancels a resting limit order', async () => {
    const { price, amount } = await restingBuy()
    const clientOrderId = randomUUID()
    const placed = await connector.placeOrder({ symbol, side: 'buy', type: 'limit', amount, price, clientOrderId })
    expect(placed).toMatchObject({
      exchange: id,
      clientOrderId,
      symbol,
      side: 'buy',
      status: 'open',
      amount,
      filled: '0',
    })
    expect(cmp(placed.price!, price)).toBe(0)
    expect(received().filter((o) => o.clientOrderId === clientOrderId)).toHaveLength(1)

    expect(await connector.getOrder({ symbol, id: placed.id })).toMatchObject({
      id: placed.id,
      clientOrderId,
      status: 'open',
    })
    expect(await connector.getOrder({ symbol, clientOrderId })).toMatchObject({ id: placed.id, clientOrderId })
    expect(await connector.findOrder({ symbol, clientOrderId })).toMatchObject({ id: placed.id })
    expect((await connector.getOpenOrders(symbol)).map((o) => o.id)).toContain(placed.id)

    const canceled = await connector.cancelOrder({ symbol, clientOrderId })
    expect(canceled).toMatchObject({ id: placed.id, status: 'canceled' })
    expect((await connector.getOpenOrders(symbol)).map((o) => o.id)).not.toContain(placed.id)
  })

  it('fills a small market order', async () => {
    const order = await connector.placeOrder({ symbol, side: 'buy', type: 'market', amount: '0.001' })
    expect(order).toMatchObject({ exchange: id, status: 'closed', filled: '0.001', remaining: '0' })
    expect(order.clientOrderId).not.toBe('')
    expect(cmp(order.cost, 0)).toBeGreaterThan(0)
  })

  it('reports unknown orders as not found', async () => {
    const clientOrderId = randomUUID()
    await expect(connector.getOrder({ symbol, clientOrderId })).rejects.toThrow(OrderNotFoundError)
    expect(await connector.findOrder({ symbol, clientOrderId })).toBeUndefined()
  })

  it('refuses an order below the minimum before sending it', async () => {
    const { price } = await restingBuy()
    const before = received().length
    await expect(
      connector.placeOrder({
        symbol,
        side: 'buy',
        type: 'limit',
        amount: '0.0000000001',
        price,
        clientOrderId: randomUUID(),
      })
    ).rejects.toThrow(InvalidOrderError)
    expect(received().length).toBe(before)
  })

  it('reports status, health, metrics and rate-limit headroom', async () => {
    expect(await connector.getStatus()).toMatchObject({ exchange: id, status: 'ok' })
    expect(await connector.getExchangeHealth()).toMatchObject({ exchange: id, connected: true, status: 'healthy' })
    const metrics = connector.getMetrics()
    expect(metrics).toMatchObject({ exchange: id, errorRate: expect.any(Number) })
    expect(metrics.calls).toBeGreaterThan(0)
    expect(connector.checkRateLimit('marketData')).toEqual({ allowed: true, retryAfterMs: 0 })
  })
})
