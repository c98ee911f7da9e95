// Goal: every generic method of the Kraken connector returns what the venue holds, in exact decimal strings, with
// Kraken's names (XXBTZUSD, XBT) unified (BTC/USD); orders are found by client order id whether open or closed.
// Method: the unmodified ccxt client over HTTP against the in-process simulator; books pinned so prices are known;
// the engine read directly to see what reached the venue.
import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { add, cmp, mul } from '../../domain/money.js'
import { TIMEFRAMES } from '../../domain/types.js'
import type { KrakenConnector } from '../../exchanges/connector.js'
import { InsufficientBalanceError, InvalidOrderError, OrderNotFoundError } from '../../exchanges/errors.js'
import { DEMO_CREDENTIALS } from '../../sim/credentials.js'
import { DEFAULT_MARKETS } from '../../sim/markets.js'
import type { TestSimulator } from '../support/simulator.js'
import { BTC_USD_BOOK, closeKrakenSession, openKrakenSession } from './kraken-harness.js'

let sim: TestSimulator
let kraken: KrakenConnector
const received = () => sim.engines.kraken.receivedOrders()

beforeAll(async () => {
  ;({ sim, kraken } = await openKrakenSession())
})
afterAll(() => closeKrakenSession({ sim, kraken }))
beforeEach(async () => {
  await sim.control.setBook('kraken', 'BTC/USD', BTC_USD_BOOK)
})

describe('markets', () => {
  it('lists the spot markets under unified symbols with the venue steps, minimums and fees', async () => {
    const markets = await kraken.getMarkets()
    const expected = DEFAULT_MARKETS.kraken
    expect(markets.map((m) => m.symbol).sort()).toEqual(expected.map((m) => m.symbol).sort())
    for (const simMarket of expected) {
      const market = markets.find((m) => m.symbol === simMarket.symbol)!
      expect(market).toMatchObject({
        exchange: 'kraken',
        base: simMarket.base,
        quote: simMarket.quote,
        type: 'spot',
        active: true,
        makerFee: simMarket.makerFee,
        takerFee: simMarket.takerFee,
      })
      expect(cmp(market.amountStep, simMarket.stepSize)).toBe(0)
      expect(cmp(market.priceStep, simMarket.tickSize)).toBe(0)
      expect(cmp(market.minAmount!, simMarket.minQty)).toBe(0)
      expect(cmp(market.minNotional!, simMarket.minNotional)).toBe(0)
    }
  })

  it('gives one market and its fees, and refuses unknown symbols', async () => {
    expect(await kraken.getMarket('BTC/USD')).toMatchObject({ base: 'BTC', quote: 'USD', priceStep: '0.1' })
    expect(await kraken.getTradingFees('BTC/USD')).toEqual({ maker: '0.0014', taker: '0.0024' })
    await expect(kraken.getMarket('XBT/USD')).rejects.toThrow(InvalidOrderError)
  })
})

describe('market data', () => {
  it('returns the pinned book, to the requested depth', async () => {
    const book = await kraken.getOrderBook('BTC/USD', 2)
    expect(book).toMatchObject({ exchange: 'kraken', symbol: 'BTC/USD' })
    expect(book.bids).toEqual([
      ['63990', '0.5'],
      ['63980', '1'],
    ])
    expect(book.asks).toEqual([
      ['64010', '0.4'],
      ['64020', '1'],
    ])
  })

  it('returns a ticker whose quotes are the best levels', async () => {
    const ticker = await kraken.getTicker('BTC/USD')
    expect(ticker).toMatchObject({ exchange: 'kraken', symbol: 'BTC/USD', bid: '63990', ask: '64010' })
    expect(ticker.last).toMatch(/^\d+(\.\d+)?$/)
  })

  it('returns recent public trades, at most `limit`, oldest first', async () => {
    const trades = await kraken.getRecentTrades('BTC/USD', 5)
    expect(trades).toHaveLength(5)
    for (const t of trades) {
      expect(t.symbol).toBe('BTC/USD')
      expect(t.price).toMatch(/^\d+(\.\d+)?$/)
    }
    const times = trades.map((t) => t.timestamp)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
  })

  it.each(TIMEFRAMES)('returns %s klines in time order', async (timeframe) => {
    const klines = await kraken.getKlines('BTC/USD', timeframe, undefined, 3)
    expect(klines.length).toBeGreaterThan(0)
    expect(klines.length).toBeLessThanOrEqual(3)
    for (const k of klines) expect(cmp(k.high, k.low)).toBeGreaterThanOrEqual(0)
    const times = klines.map((k) => k.timestamp)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
  })
})

describe('account', () => {
  it('reports balances as the venue holds them, under unified codes', async () => {
    const balances = await kraken.getBalances()
    const venue = sim.engines.kraken.balances(DEMO_CREDENTIALS.kraken.apiKey)
    for (const [asset, held] of Object.entries(venue)) {
      if (cmp(add(held.free, held.locked), 0) === 0) continue
      expect(balances[asset]).toEqual({ free: held.free, locked: held.locked, total: add(held.free, held.locked) })
    }
    expect(Object.keys(balances)).not.toContain('XXBT')
  })

  it('reports account permissions', async () => {
    expect(await kraken.getAccountInfo()).toMatchObject({
      exchange: 'kraken',
      canTrade: true,
      permissions: ['SPOT', 'MARGIN'],
    })
  })
})

describe('orders', () => {
  it('places a resting limit order, finds it by id and by client id while open and after cancel', async () => {
    const clientOrderId = randomUUID()
    const placed = await kraken.placeOrder({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'limit',
      amount: '0.01',
      price: '60000',
      clientOrderId,
    })
    expect(placed).toMatchObject({
      exchange: 'kraken',
      clientOrderId,
      status: 'open',
      amount: '0.01',
      price: '60000',
      filled: '0',
    })
    expect(placed.id).toMatch(/^O[A-Z2-7]{5}-/)
    expect(received().filter((o) => o.clientOrderId === clientOrderId)).toHaveLength(1)

    expect(await kraken.getOrder({ symbol: 'BTC/USD', id: placed.id })).toMatchObject({ clientOrderId, status: 'open' })
    expect(await kraken.getOrder({ symbol: 'BTC/USD', clientOrderId })).toMatchObject({ id: placed.id, status: 'open' })
    expect((await kraken.getOpenOrders('BTC/USD')).map((o) => o.id)).toContain(placed.id)
    expect((await kraken.getOpenOrders()).map((o) => o.id)).toContain(placed.id)

    const canceled = await kraken.cancelOrder({ symbol: 'BTC/USD', clientOrderId })
    expect(canceled).toMatchObject({ id: placed.id, clientOrderId, status: 'canceled' })
    expect(await kraken.getOrder({ symbol: 'BTC/USD', clientOrderId })).toMatchObject({
      id: placed.id,
      status: 'canceled',
    })
    expect((await kraken.getOpenOrders('BTC/USD')).map((o) => o.id)).not.toContain(placed.id)
  })

  it('cancels by venue id', async () => {
    const placed = await kraken.placeOrder({
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'limit',
      amount: '0.01',
      price: '70000',
    })
    const canceled = await kraken.cancelOrder({ symbol: 'BTC/USD', id: placed.id })
    expect(canceled).toMatchObject({ id: placed.id, status: 'canceled', clientOrderId: placed.clientOrderId })
  })

  it('fills a market order with exact cost, average and fee, and finds it closed by client id', async () => {
    const clientOrderId = randomUUID()
    const order = await kraken.placeOrder({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'market',
      amount: '0.3',
      clientOrderId,
    })
    expect(order).toMatchObject({ status: 'closed', filled: '0.3', remaining: '0', average: '64010' })
    expect(order.cost).toBe(mul('0.3', '64010'))
    expect(order.fee).toEqual({ cost: mul(mul('0.3', '64010'), '0.0024'), currency: 'USD' })
    expect(await kraken.getOrder({ symbol: 'BTC/USD', clientOrderId })).toMatchObject({
      id: order.id,
      status: 'closed',
    })
  })

  it('generates a UUID client order id when none is given', async () => {
    const order = await kraken.placeOrder({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'limit',
      amount: '0.01',
      price: '60000',
    })
    expect(order.clientOrderId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/)
    expect(received().some((o) => o.clientOrderId === order.clientOrderId)).toBe(true)
    await kraken.cancelOrder({ symbol: 'BTC/USD', id: order.id })
  })

  it('rounds amount down to the lot step and price to the tick before sending', async () => {
    const clientOrderId = 'conn-round-1'
    const order = await kraken.placeOrder({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'limit',
      amount: '0.0123456789',
      price: '60000.17',
      clientOrderId,
    })
    expect(received().find((o) => o.clientOrderId === clientOrderId)).toMatchObject({
      amount: '0.01234567',
      price: '60000.1',
    })
    expect(order).toMatchObject({ amount: '0.01234567', price: '60000.1' })
    await kraken.cancelOrder({ symbol: 'BTC/USD', id: order.id })
  })

  it('refuses minimum violations, unsupported options and bad client ids without sending anything', async () => {
    const before = received().length
    const limit = { symbol: 'BTC/USD', side: 'buy', type: 'limit', price: '60000' } as const
    await expect(kraken.placeOrder({ ...limit, amount: '0.00005' })).rejects.toThrow(
      'amount 0.00005 is below the minimum amount 0.0001 for BTC/USD on kraken'
    )
    await expect(kraken.placeOrder({ ...limit, amount: '0.0001', price: '1000' })).rejects.toThrow(
      /notional 0.1 .* is below the minimum notional 0.5 for BTC\/USD on kraken/
    )
    await expect(kraken.placeOrder({ ...limit, amount: '0.01', timeInForce: 'FOK' })).rejects.toThrow(InvalidOrderError)
    await expect(
      kraken.placeOrder({ ...limit, amount: '0.01', clientOrderId: 'a-free-text-id-that-is-too-long' })
    ).rejects.toThrow(/client order id .* is not accepted by kraken/)
    await expect(
      kraken.placeOrder({ symbol: 'BTC/USD', side: 'sell', type: 'market', amount: '0.000001' })
    ).rejects.toThrow(InvalidOrderError)
    expect(received().length).toBe(before)
  })

  it('refuses a crossing post-only order and cancels the unfilled rest of an IOC', async () => {
    const crossing = kraken.placeOrder({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'limit',
      amount: '0.01',
      price: '64500',
      postOnly: true,
    })
    await expect(crossing).rejects.toThrow(InvalidOrderError)
    await expect(crossing).rejects.toThrow(/EOrder:Post only order/)
    const resting = await kraken.placeOrder({
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'limit',
      amount: '0.01',
      price: '65000',
      postOnly: true,
    })
    expect(resting.postOnly).toBe(true)
    await kraken.cancelOrder({ symbol: 'BTC/USD', id: resting.id })
    const ioc = await kraken.placeOrder({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'limit',
      amount: '1',
      price: '64010',
      timeInForce: 'IOC',
    })
    expect(ioc).toMatchObject({ filled: '0.4' })
    expect(ioc.status).not.toBe('open')
  })

  it('maps insufficient funds and unknown orders to the ExchangeError family', async () => {
    await expect(
      kraken.placeOrder({ symbol: 'BTC/USD', side: 'buy', type: 'limit', amount: '500', price: '60000' })
    ).rejects.toThrow(InsufficientBalanceError)
    await expect(kraken.getOrder({ symbol: 'BTC/USD', id: 'OAAAAA-BBBBB-CCCCCC' })).rejects.toThrow(OrderNotFoundError)
    await expect(kraken.getOrder({ symbol: 'BTC/USD', clientOrderId: randomUUID() })).rejects.toThrow(
      OrderNotFoundError
    )
    expect(await kraken.findOrder({ symbol: 'BTC/USD', clientOrderId: randomUUID() })).toBeUndefined()
    await expect(kraken.cancelOrder({ symbol: 'BTC/USD', id: 'OAAAAA-BBBBB-CCCCCC' })).rejects.toThrow(
      OrderNotFoundError
    )
    const filled = await kraken.placeOrder({ symbol: 'BTC/USD', side: 'sell', type: 'market', amount: '0.01' })
    await expect(kraken.cancelOrder({ symbol: 'BTC/USD', id: filled.id })).rejects.toThrow(OrderNotFoundError)
  })
})

describe('operations', () => {
  it('reports status, health, metrics, rate-limit headroom and features', async () => {
    expect(await kraken.getStatus()).toMatchObject({ exchange: 'kraken', status: 'ok' })
    expect(await kraken.getExchangeHealth()).toMatchObject({ exchange: 'kraken', connected: true, accountAccess: true })
    const metrics = kraken.getMetrics()
    expect(metrics.calls).toBeGreaterThan(10)
    expect(metrics.errorsByClass['InvalidOrderError']).toBeGreaterThan(0)
    expect(kraken.checkRateLimit('placeOrder')).toEqual({ allowed: true, retryAfterMs: 0 })
    expect(kraken.features).toEqual(['spot', 'margin', 'conditionalOrders', 'postOnly', 'ioc', 'tradeHistory'])
    expect(kraken.demo).toBe(true)
  })
})
