// Goal: every method of the Binance connector, extras included, returns what the venue holds, in exact decimal
// strings. Method: the unmodified ccxt client over HTTP against the in-process simulator; books are pinned so
// prices are known, and the engine is read directly to see what actually reached the venue.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { add, cmp, mul } from '../../../domain/money.js'
import { TIMEFRAMES } from '../../../domain/types.js'
import type { BinanceConnector } from '../../../exchanges/connector.js'
import { InvalidOrderError } from '../../../exchanges/errors.js'
import { DEMO_CREDENTIALS } from '../../../sim/credentials.js'
import { DEFAULT_MARKETS } from '../../../sim/markets.js'
import { startTestSimulator, type TestSimulator } from '../../support/simulator.js'
import { binanceAgainst } from './harness.js'

let sim: TestSimulator
let binance: BinanceConnector
const BOOK = {
  bids: [
    ['63990.00', '0.5'],
    ['63980.00', '1.0'],
    ['63970.00', '2.0'],
  ] as [string, string][],
  asks: [
    ['64010.00', '0.4'],
    ['64020.00', '1.0'],
    ['64030.00', '2.0'],
  ] as [string, string][],
}
const received = () => sim.engines.binance.receivedOrders()

beforeAll(async () => {
  sim = await startTestSimulator()
  binance = binanceAgainst(sim)
  await binance.initialize()
})
afterAll(async () => {
  await binance.close()
  await sim.close()
})
beforeEach(async () => {
  await sim.control.setBook('binance', 'BTC/USDT', BOOK)
})

describe('markets', () => {
  it('lists spot and USD-M markets with the venue steps, minimums and fees', async () => {
    const markets = await binance.getMarkets()
    const expected = DEFAULT_MARKETS.binance
    expect(markets.map((m) => m.symbol).sort()).toEqual(expected.map((m) => m.symbol).sort())
    for (const sim of expected) {
      const market = markets.find((m) => m.symbol === sim.symbol)
      expect(market).toMatchObject({
        exchange: 'binance',
        base: sim.base,
        quote: sim.quote,
        type: sim.kind === 'perp' ? 'swap' : 'spot',
        active: true,
        makerFee: sim.makerFee,
        takerFee: sim.takerFee,
      })
      expect(cmp(market!.amountStep, sim.stepSize)).toBe(0)
      expect(cmp(market!.priceStep, sim.tickSize)).toBe(0)
      expect(cmp(market!.minAmount!, sim.minQty)).toBe(0)
      expect(cmp(market!.minNotional!, sim.minNotional)).toBe(0)
    }
  })

  it('gives one market and its fees, and refuses unknown symbols', async () => {
    expect(await binance.getMarket('BTC/USDT:USDT')).toMatchObject({ type: 'swap', base: 'BTC', quote: 'USDT' })
    expect(await binance.getTradingFees('BTC/USDT')).toEqual({ maker: '0.001', taker: '0.001' })
    await expect(binance.getMarket('DOGE/EUR')).rejects.toThrow(InvalidOrderError)
  })
})

describe('market data', () => {
  it('returns the pinned book, to the requested depth', async () => {
    const book = await binance.getOrderBook('BTC/USDT', 2)
    expect(book.bids).toEqual([
      ['63990', '0.5'],
      ['63980', '1'],
    ])
    expect(book.asks).toEqual([
      ['64010', '0.4'],
      ['64020', '1'],
    ])
    expect(book).toMatchObject({ exchange: 'binance', symbol: 'BTC/USDT' })
  })

  it('returns a ticker whose quotes are the best levels', async () => {
    const ticker = await binance.getTicker('BTC/USDT')
    expect(ticker).toMatchObject({ exchange: 'binance', symbol: 'BTC/USDT', bid: '63990', ask: '64010' })
    expect(ticker.last).toMatch(/^\d+(\.\d+)?$/)
    const futures = await binance.getTicker('BTC/USDT:USDT')
    expect(futures.symbol).toBe('BTC/USDT:USDT')
  })

  it('returns recent public trades, at most `limit`', async () => {
    const trades = await binance.getRecentTrades('BTC/USDT', 5)
    expect(trades.length).toBeGreaterThan(0)
    expect(trades.length).toBeLessThanOrEqual(5)
    for (const t of trades) {
      expect(t.symbol).toBe('BTC/USDT')
      expect(['buy', 'sell']).toContain(t.side)
      expect(t.price).toMatch(/^\d+(\.\d+)?$/)
    }
  })

  it.each(TIMEFRAMES)('returns %s klines in time order', async (timeframe) => {
    const klines = await binance.getKlines('BTC/USDT', timeframe, undefined, 3)
    expect(klines.length).toBeGreaterThan(0)
    expect(klines.length).toBeLessThanOrEqual(3)
    for (const k of klines) {
      expect(cmp(k.high, k.low)).toBeGreaterThanOrEqual(0)
      expect(k.volume).toMatch(/^\d+(\.\d+)?$/)
    }
    const times = klines.map((k) => k.timestamp)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
  })
})

describe('account', () => {
  it('reports balances as the venue holds them', async () => {
    const balances = await binance.getBalances()
    const venue = sim.engines.binance.balances(DEMO_CREDENTIALS.binance.apiKey)
    for (const [asset, held] of Object.entries(venue)) {
      if (cmp(add(held.free, held.locked), 0) === 0) continue
      expect(balances[asset]).toEqual({ free: held.free, locked: held.locked, total: add(held.free, held.locked) })
    }
  })

  it('reports account permissions', async () => {
    expect(await binance.getAccountInfo()).toMatchObject({ exchange: 'binance', canTrade: true, permissions: ['SPOT'] })
  })
})

describe('orders', () => {
  it('places a resting limit order with the caller client order id, finds it by id and by client id, cancels it', async () => {
    const placed = await binance.placeOrder({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      amount: '0.001',
      price: '60000',
      clientOrderId: 'conn-limit-1',
    })
    expect(placed).toMatchObject({
      clientOrderId: 'conn-limit-1',
      status: 'open',
      amount: '0.001',
      price: '60000',
      filled: '0',
    })
    const atVenue = received().filter((o) => o.clientOrderId === 'conn-limit-1')
    expect(atVenue).toHaveLength(1)
    expect(String(atVenue[0]!.id)).toBe(placed.id)

    expect(await binance.getOrder({ symbol: 'BTC/USDT', id: placed.id })).toMatchObject({
      clientOrderId: 'conn-limit-1',
    })
    expect(await binance.getOrder({ symbol: 'BTC/USDT', clientOrderId: 'conn-limit-1' })).toMatchObject({
      id: placed.id,
    })
    expect((await binance.getOpenOrders('BTC/USDT')).map((o) => o.id)).toContain(placed.id)
    expect((await binance.getOpenOrders()).map((o) => o.id)).toContain(placed.id)

    const canceled = await binance.cancelOrder({ symbol: 'BTC/USDT', clientOrderId: 'conn-limit-1' })
    expect(canceled).toMatchObject({ id: placed.id, clientOrderId: 'conn-limit-1', status: 'canceled' })
    expect((await binance.getOpenOrders('BTC/USDT')).map((o) => o.id)).not.toContain(placed.id)
  })

  it('cancels by venue id', async () => {
    const placed = await binance.placeOrder({
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'limit',
      amount: '0.001',
      price: '70000',
    })
    const canceled = await binance.cancelOrder({ symbol: 'BTC/USDT', id: placed.id })
    expect(canceled).toMatchObject({ id: placed.id, status: 'canceled', clientOrderId: placed.clientOrderId })
  })

  it('fills a market order against the book, with exact cost and fee', async () => {
    const order = await binance.placeOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.3' })
    expect(order).toMatchObject({ status: 'closed', filled: '0.3', remaining: '0', average: '64010' })
    expect(order.cost).toBe(mul('0.3', '64010'))
    expect(order.fee?.currency).toBeDefined()
  })

  it('generates a client order id in Binance format when none is given', async () => {
    const order = await binance.placeOrder({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      amount: '0.001',
      price: '60000',
    })
    expect(order.clientOrderId).toMatch(/^[.A-Z:/a-z0-9_-]{1,36}$/)
    expect(received().some((o) => o.clientOrderId === order.clientOrderId)).toBe(true)
    await binance.cancelOrder({ symbol: 'BTC/USDT', id: order.id })
  })

  it('rounds amount down to the step and price to the tick before sending', async () => {
    const order = await binance.placeOrder({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      amount: '0.0012345',
      price: '60000.129',
      clientOrderId: 'conn-round-1',
    })
    const atVenue = received().find((o) => o.clientOrderId === 'conn-round-1')
    expect(atVenue).toMatchObject({ amount: '0.00123', price: '60000.12' })
    expect(order).toMatchObject({ amount: '0.00123', price: '60000.12' })
    await binance.cancelOrder({ symbol: 'BTC/USDT', id: order.id })
  })

  it('refuses below the minimum amount or notional without sending anything', async () => {
    const before = received().length
    await expect(
      binance.placeOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '0.000001', price: '60000' })
    ).rejects.toThrow('amount 0.000001 is below the minimum amount 0.00001 for BTC/USDT on binance')
    await expect(
      binance.placeOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '0.00005', price: '60000' })
    ).rejects.toThrow(/notional 3 .* is below the minimum notional 5 for BTC\/USDT on binance/)
    await expect(
      binance.placeOrder({ symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: '0.00005' })
    ).rejects.toThrow(InvalidOrderError)
    await expect(
      binance.placeOrder({
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        amount: '0.001',
        price: '60000',
        clientOrderId: 'has space',
      })
    ).rejects.toThrow(/client order id/)
    expect(received().length).toBe(before)
  })

  it('honours post-only and IOC', async () => {
    await expect(
      binance.placeOrder({
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        amount: '0.001',
        price: '64500',
        postOnly: true,
      })
    ).rejects.toThrow(InvalidOrderError)
    const ioc = await binance.placeOrder({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      amount: '0.001',
      price: '60000',
      timeInForce: 'IOC',
    })
    expect(ioc.status).toBe('expired')
    expect(ioc.filled).toBe('0')
  })
})

describe('futures extras', () => {
  it('sets leverage, opens and reduces a USD-M position', async () => {
    expect(await binance.setLeverage('BTC/USDT:USDT', 5)).toEqual({ symbol: 'BTC/USDT:USDT', leverage: 5 })
    const open = await binance.placeFuturesOrder({
      symbol: 'BTC/USDT:USDT',
      side: 'buy',
      type: 'market',
      amount: '0.01',
    })
    expect(open).toMatchObject({ symbol: 'BTC/USDT:USDT', status: 'closed', filled: '0.01' })
    const positions = await binance.getFuturesPositions()
    expect(positions).toEqual([
      expect.objectContaining({ symbol: 'BTC/USDT:USDT', side: 'long', contracts: '0.01', leverage: 5 }),
    ])
    const close = await binance.placeFuturesOrder({
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      type: 'market',
      amount: '0.01',
      reduceOnly: true,
    })
    expect(close).toMatchObject({ status: 'closed', reduceOnly: true })
    expect(await binance.getFuturesPositions()).toEqual([])
  })

  it('refuses futures orders on spot symbols and leverage outside 1..125', async () => {
    await expect(
      binance.placeFuturesOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' })
    ).rejects.toThrow(/not a USD-M perpetual/)
    await expect(binance.setLeverage('BTC/USDT:USDT', 0)).rejects.toThrow(InvalidOrderError)
  })
})

describe('operations', () => {
  it('reports status, health, metrics, rate-limit headroom and features', async () => {
    expect(await binance.getStatus()).toMatchObject({ exchange: 'binance', status: 'ok' })
    expect(await binance.getExchangeHealth()).toMatchObject({
      exchange: 'binance',
      connected: true,
      accountAccess: true,
      status: 'healthy',
    })
    const metrics = binance.getMetrics()
    expect(metrics.calls).toBeGreaterThan(10)
    expect(metrics.errorsByClass.InvalidOrderError).toBeGreaterThan(0)
    expect(binance.checkRateLimit('placeOrder')).toEqual({ allowed: true, retryAfterMs: 0 })
    expect(binance.features).toEqual(['spot', 'futures', 'postOnly', 'ioc', 'fok'])
    expect(binance.demo).toBe(true)
  })
})
