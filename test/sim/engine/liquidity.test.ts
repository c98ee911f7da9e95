// Synthetic liquidity and market data: every symbol starts with ~20 levels a side around its mid, ticks move
// the mid and refresh the depth, setBook pins a symbol exactly until resetBook, the same seed replays the same
// market, and history is available for every timeframe from the first moment.
import { describe, expect, it } from 'vitest'

import { sub } from '../../../domain/money.js'
import { TIMEFRAMES } from '../../../domain/types.js'
import { createVenueEngine } from '../../../sim/engine/index.js'
import { DEFAULT_VENUES } from '../../../sim/markets.js'
import { createHarness, MARGIN, pinSimpleBook, SPOT, START } from './fixtures.js'

const TIMEFRAME_MS: Record<(typeof TIMEFRAMES)[number], number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
}

describe('synthetic liquidity', () => {
  it('lays about twenty levels a side on the market grid around the mid', () => {
    const { engine } = createHarness()
    const { bids, asks } = engine.book(SPOT.symbol)
    expect(bids).toHaveLength(20)
    expect(asks).toHaveLength(20)
    expect(Number(bids[0]![0])).toBeLessThan(Number(asks[0]![0]))
    expect(Math.abs(Number(engine.mid(SPOT.symbol)) - 64000)).toBeLessThan(1)
    for (const [price, amount] of [...bids, ...asks]) {
      expect((Number(price) * 100) % 1).toBe(0)
      expect(Number(amount)).toBeGreaterThanOrEqual(Number(SPOT.minQty))
    }
  })

  it('a pinned book stays exactly as set across ticks, and resetBook brings the synthetic depth back', () => {
    const { engine, clock } = createHarness()
    pinSimpleBook(engine)
    const pinned = engine.book(SPOT.symbol)
    const unpinnedBefore = engine.book(MARGIN.symbol)
    for (let i = 0; i < 20; i++) {
      clock.now += 1000
      engine.tick()
    }
    expect(engine.isPinned(SPOT.symbol)).toBe(true)
    expect({ bids: engine.book(SPOT.symbol).bids, asks: engine.book(SPOT.symbol).asks }).toEqual({
      bids: pinned.bids,
      asks: pinned.asks,
    })
    expect(engine.book(MARGIN.symbol).bids).not.toEqual(unpinnedBefore.bids)
    engine.resetBook(SPOT.symbol)
    expect(engine.isPinned(SPOT.symbol)).toBe(false)
    expect(engine.book(SPOT.symbol).bids).toHaveLength(20)
  })

  it('the same seed and the same calls give the same market; another seed does not', () => {
    const run = (seed: number) => {
      const { engine, clock } = createHarness(seed)
      for (let i = 0; i < 30; i++) {
        clock.now += 1000
        engine.tick()
      }
      engine.placeOrder('alice', { symbol: SPOT.symbol, side: 'buy', type: 'market', amount: '0.7' })
      return { book: engine.book(SPOT.symbol), trades: engine.trades(SPOT.symbol, 50), mid: engine.mid(MARGIN.symbol) }
    }
    expect(run(5)).toEqual(run(5))
    expect(run(5).book).not.toEqual(run(6).book)
  })

  it('a drifting market fills resting orders it moves through, as maker', () => {
    const { engine, clock } = createHarness()
    const bestAsk = engine.book(SPOT.symbol).asks[0]![0]
    // A bid just below the best ask: the market needs only a small move up to trade through it.
    const price = sub(bestAsk, SPOT.tickSize)
    const order = engine.placeOrder('alice', { symbol: SPOT.symbol, side: 'buy', type: 'limit', amount: '0.01', price })
    for (let i = 0; i < 500 && engine.getOrder('alice', { id: order.id })?.status !== 'filled'; i++) {
      clock.now += 1000
      engine.tick()
    }
    const filled = engine.getOrder('alice', { id: order.id })!
    expect(filled.status).toBe('filled')
    expect(filled.fills.every((fill) => fill.liquidity === 'maker' && fill.price === price)).toBe(true)
  })

  it('venues start apart and drift apart by more than 0.5 % now and then', () => {
    const clock = { now: START }
    const engines = (['binance', 'coinbase', 'kraken'] as const).map((venue) =>
      createVenueEngine({ ...DEFAULT_VENUES[venue], seed: 11, now: () => clock.now, liquidity: { marketSeed: 11 } })
    )
    const mids = () => [engines[0]!.mid('BTC/USDT'), engines[1]!.mid('BTC/USD'), engines[2]!.mid('BTC/USD')].map(Number)
    expect(new Set(mids()).size).toBe(3)
    let widest = 0
    for (let i = 0; i < 300; i++) {
      clock.now += 1000
      for (const engine of engines) engine.tick()
      const current = mids()
      widest = Math.max(widest, (Math.max(...current) - Math.min(...current)) / Math.min(...current))
      // Shared drift keeps them together most of the time.
      expect((Math.max(...current) - Math.min(...current)) / Math.min(...current)).toBeLessThan(0.03)
    }
    expect(widest).toBeGreaterThan(0.005)
  })
})

describe('market data history', () => {
  it('has candles for every timeframe right after the start, ending at the current bucket', () => {
    const { engine } = createHarness()
    for (const timeframe of TIMEFRAMES) {
      const intervalMs = TIMEFRAME_MS[timeframe]
      const candles = engine.candles(SPOT.symbol, intervalMs, undefined, 10)
      expect(candles, timeframe).toHaveLength(10)
      expect(candles.at(-1)![0]).toBe(Math.floor(START / intervalMs) * intervalMs)
      for (const [time, open, high, low, close, volume] of candles) {
        expect(time % intervalMs).toBe(0)
        expect(Number(high)).toBeGreaterThanOrEqual(Math.max(Number(open), Number(close)))
        expect(Number(low)).toBeLessThanOrEqual(Math.min(Number(open), Number(close)))
        expect(Number(volume)).toBeGreaterThanOrEqual(0)
      }
    }
  })

  it('folds real fills into the current candle, the tape and the ticker', () => {
    const { engine, clock } = createHarness()
    pinSimpleBook(engine)
    clock.now += 5_000
    engine.placeOrder('alice', { symbol: SPOT.symbol, side: 'buy', type: 'market', amount: '1.5' })
    const [candle] = engine.candles(SPOT.symbol, 60_000, undefined, 1)
    expect(candle![4]).toBe('64020')
    expect(Number(candle![2])).toBeGreaterThanOrEqual(64020)
    const ticker = engine.ticker(SPOT.symbol)
    expect(ticker).toMatchObject({ bid: '63990', bidQty: '1', ask: '64020', askQty: '0.5', last: '64020' })
    expect(ticker.closeTime - ticker.openTime).toBe(86_400_000)
    expect(ticker.count).toBeGreaterThan(2)
  })

  it('returns candles from `since` onwards', () => {
    const { engine } = createHarness()
    const since = START - 10 * 3_600_000 + 1
    const candles = engine.candles(SPOT.symbol, 3_600_000, since, 3)
    expect(candles.map(([time]) => time)).toEqual(
      [1, 2, 3].map((i) => Math.ceil(since / 3_600_000) * 3_600_000 + (i - 1) * 3_600_000)
    )
  })
})
