// Goal: ccxt.kraken reads markets, status, ticker, book, trades and candles from the simulator exactly as Kraken
// shapes them (ids like XXBTZUSD, unified symbols like BTC/USD). Method: the unmodified ccxt client over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEFAULT_MARKETS } from '../../../sim/markets.js'
import type { TestSimulator } from '../../support/simulator.js'
import { type KrakenClient, krakenClient, startUnthrottledSimulator } from './kraken-harness.js'

let sim: TestSimulator
let kraken: KrakenClient
const BOOK = {
  bids: [
    ['63990.0', '0.5'],
    ['63980.0', '1.25'],
    ['63970.0', '2'],
  ] as [string, string][],
  asks: [
    ['64010.0', '0.4'],
    ['64020.0', '1'],
    ['64030.0', '3'],
  ] as [string, string][],
}

beforeAll(async () => {
  sim = await startUnthrottledSimulator()
  kraken = krakenClient(sim)
  await sim.control.setBook('kraken', 'BTC/USD', BOOK)
})
afterAll(async () => {
  await kraken.close()
  await sim.close()
})

describe('Kraken public endpoints through ccxt', () => {
  it('loads currencies and markets with Kraken names mapped to unified symbols', async () => {
    const markets = await kraken.loadMarkets()
    const expected = DEFAULT_MARKETS.kraken
    expect(Object.keys(markets).sort()).toEqual(expected.map((m) => m.symbol).sort())
    const btc = markets['BTC/USD']!
    expect(btc).toMatchObject({ id: 'XXBTZUSD', altname: 'XBTUSD', wsId: 'XBT/USD', base: 'BTC', quote: 'USD' })
    expect(btc).toMatchObject({ active: true, margin: true, maker: 0.0014, taker: 0.0024 })
    expect(btc.precision).toMatchObject({ price: 0.1 })
    expect(btc.limits.amount?.min).toBe(0.0001)
    expect(btc.limits.cost?.min).toBe(0.5)
    expect(btc.limits.leverage?.max).toBe(5)
    expect(markets['SOL/USD']).toMatchObject({ id: 'SOLUSD', margin: false })
    expect(markets['BTC/USDT']).toMatchObject({ id: 'XBTUSDT', base: 'BTC', quote: 'USDT' })
    expect(kraken.currencies['BTC']).toMatchObject({ id: 'XXBT', code: 'BTC' })
    expect(kraken.currencies['USD']).toMatchObject({ id: 'ZUSD', code: 'USD' })
  })

  it('reports the server time and system status', async () => {
    const before = Date.now()
    const time = await kraken.fetchTime()
    expect(time).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
    expect((await kraken.fetchStatus()).status).toBe('ok')
  })

  it('reads the book, best first, at the requested depth', async () => {
    const book = await kraken.fetchOrderBook('BTC/USD', 2)
    expect(book.bids).toEqual([
      [63990, 0.5, expect.any(Number)],
      [63980, 1.25, expect.any(Number)],
    ])
    expect(book.asks).toEqual([
      [64010, 0.4, expect.any(Number)],
      [64020, 1, expect.any(Number)],
    ])
  })

  it('reads a ticker whose quotes are the best levels', async () => {
    const ticker = await kraken.fetchTicker('BTC/USD')
    expect(ticker).toMatchObject({ symbol: 'BTC/USD', bid: 63990, ask: 64010, bidVolume: 0.5, askVolume: 0.4 })
    expect(ticker.last).toBeGreaterThan(0)
    expect(ticker.high).toBeGreaterThanOrEqual(ticker.low ?? 0)
  })

  it('reads recent public trades with ids, sides and times', async () => {
    const trades = await kraken.fetchTrades('BTC/USD', undefined, 5)
    expect(trades.length).toBe(5)
    for (const trade of trades) {
      expect(trade).toMatchObject({ symbol: 'BTC/USD' })
      expect(['buy', 'sell']).toContain(trade.side)
      expect(trade.price).toBeGreaterThan(0)
      expect(trade.id).toMatch(/^\d+$/)
    }
    const times = trades.map((t) => t.timestamp ?? 0)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    const since = times[1]! - 1
    const later = await kraken.fetchTrades('BTC/USD', since)
    expect(later.every((t) => (t.timestamp ?? 0) >= since)).toBe(true)
  })

  it('reads candles, honouring since despite ccxt asking one interval earlier', async () => {
    const candles = await kraken.fetchOHLCV('BTC/USD', '1m')
    expect(candles.length).toBeGreaterThan(0)
    for (const [time, open, high, low, close, volume] of candles) {
      expect(time! % 60_000).toBe(0)
      expect(high).toBeGreaterThanOrEqual(Math.max(open!, close!))
      expect(low).toBeLessThanOrEqual(Math.min(open!, close!))
      expect(volume).toBeGreaterThanOrEqual(0)
    }
    const since = candles.at(-3)![0]!
    const recent = await kraken.fetchOHLCV('BTC/USD', '1m', since)
    expect(recent[0]![0]).toBe(since)
  })

  it('answers an unknown pair as Kraken does', async () => {
    const response = await fetch(`${sim.urls.kraken}/0/public/Ticker?pair=DOGEEUR`)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('{"error":["EQuery:Unknown asset pair"]}')
  })
})
