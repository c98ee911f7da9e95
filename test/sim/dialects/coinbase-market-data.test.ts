// Coinbase Exchange public market data, read by the unmodified ccxt `coinbaseexchange` over HTTP from the
// simulator: markets and currencies as loadMarkets reads them, then ticker, book, trades and candles against a
// book pinned through the control API, so every expected value is known.
import ccxt from 'ccxt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { TestSimulator } from '../../support/simulator.js'
import { BTC_USD_BOOK, openCoinbaseClientSession, type CoinbaseClient } from './coinbase-client.js'

let sim: TestSimulator
let client: CoinbaseClient

beforeAll(async () => {
  ;({ sim, client } = await openCoinbaseClientSession())
  await sim.control.setBook('coinbase', 'BTC/USD', BTC_USD_BOOK)
})

afterAll(() => sim.close())

describe('coinbase dialect: markets', () => {
  it('loads products (after GET /currencies) with increments, minimum funds and online status', async () => {
    const markets = await client.loadMarkets()
    expect(Object.keys(markets).sort()).toEqual(['BTC/USD', 'BTC/USDT', 'ETH/USD', 'ETH/USDT', 'SOL/USD'])
    const btc = markets['BTC/USD']!
    expect(btc.id).toBe('BTC-USD')
    expect(btc.active).toBe(true)
    expect(btc.precision).toEqual({ amount: 1e-8, price: 0.01 })
    expect(btc.limits.cost?.min).toBe(1)
    expect(Object.keys(client.currencies)).toEqual(expect.arrayContaining(['BTC', 'ETH', 'SOL', 'USD', 'USDT']))
  })

  it('serves one product, and NotFound for an unknown one', async () => {
    const product = (await client.publicGetProductsId({ id: 'ETH-USD' })) as Record<string, unknown>
    expect(product).toMatchObject({ id: 'ETH-USD', base_currency: 'ETH', quote_currency: 'USD', status: 'online' })
    const unknown = await fetch(`${sim.urls.coinbase}/products/DOGE-USD/ticker`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ message: 'NotFound' })
  })
})

describe('coinbase dialect: market data', () => {
  it('answers the ticker with best bid and ask of the book and the last trade', async () => {
    const ticker = await client.fetchTicker('BTC/USD')
    const [lastTrade] = (await client.fetchTrades('BTC/USD', undefined, 1)).slice(-1)
    expect(ticker.bid).toBe(30000)
    expect(ticker.ask).toBe(30001)
    expect(ticker.last).toBe(lastTrade!.price)
  })

  it('answers /stats with the day open, high, low and last', async () => {
    const stats = (await client.publicGetProductsIdStats({ id: 'BTC-USD' })) as Record<string, string>
    expect(Object.keys(stats)).toEqual(['open', 'high', 'low', 'last', 'volume', 'volume_30day'])
    expect(Number(stats['high'])).toBeGreaterThanOrEqual(Number(stats['low']))
  })

  it('serves the level-2 book as [price, size, num_orders] rows with an increasing sequence', async () => {
    const book = await client.fetchOrderBook('BTC/USD')
    // ccxt keeps Coinbase's third column, the number of orders at the level
    expect(book.bids).toEqual([
      [30000, 1.5, 1],
      [29999.5, 2, 1],
    ])
    expect(book.asks).toEqual([
      [30001, 0.5, 1],
      [30002.25, 3, 1],
    ])
    const again = await client.fetchOrderBook('BTC/USD')
    expect(again.nonce).toBeGreaterThan(book.nonce!)
    const raw = (await client.publicGetProductsIdBook({ id: 'BTC-USD', level: 1 })) as { bids: unknown[][] }
    expect(raw.bids).toEqual([['30000.00', '1.50000000', 1]])
  })

  it('prints our taker trade to the tape with the maker side, which ccxt turns back into the taker side', async () => {
    await client.createOrder('BTC/USD', 'market', 'buy', 0.1)
    const raw = (await client.publicGetProductsIdTrades({ id: 'BTC-USD', limit: 1 })) as Record<string, unknown>[]
    expect(raw[0]).toMatchObject({ side: 'sell', price: '30001.00', size: '0.10000000' })
    const [trade] = await client.fetchTrades('BTC/USD', undefined, 1)
    expect(trade).toMatchObject({ side: 'buy', price: 30001, amount: 0.1 })
  })

  it('serves candles for the supported granularities, newest first on the wire', async () => {
    const candles = await client.fetchOHLCV('BTC/USD', '1m', undefined, 5)
    expect(candles.length).toBeGreaterThan(0)
    for (const [time, open, high, low, close] of candles) {
      expect(time! % 60_000).toBe(0)
      expect(high!).toBeGreaterThanOrEqual(Math.max(open!, close!, low!))
    }
    const raw = (await client.publicGetProductsIdCandles({ id: 'BTC-USD', granularity: 60 })) as number[][]
    expect(raw[0]![0]!).toBeGreaterThan(raw[raw.length - 1]![0]!)
    const since = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 5 * 3_600_000
    const hourly = await client.fetchOHLCV('BTC/USD', '1h', since, 3)
    expect(hourly[0]![0]).toBe(since)
  })

  it('refuses an unsupported granularity and a range above 300 candles', async () => {
    await expect(client.publicGetProductsIdCandles({ id: 'BTC-USD', granularity: 120 })).rejects.toThrow(
      'Unsupported granularity'
    )
    const start = new Date(Date.now() - 301 * 60_000).toISOString()
    await expect(
      client.publicGetProductsIdCandles({ id: 'BTC-USD', granularity: 60, start, end: new Date().toISOString() })
    ).rejects.toBeInstanceOf(ccxt.ExchangeError)
  })

  it('tells the time', async () => {
    const before = Date.now()
    const time = await client.fetchTime()
    expect(time).toBeGreaterThanOrEqual(before - 1)
    expect(time).toBeLessThanOrEqual(Date.now() + 1)
  })
})
