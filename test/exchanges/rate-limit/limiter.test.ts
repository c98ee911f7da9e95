// Goal: the limiter paces calls inside each venue's model, with a reserve, and honours a venue's back-off.
// Method: real models (with small injected limits where useful) on a fake clock whose sleep advances time.
import { describe, expect, it } from 'vitest'

import { RateLimitError } from '../../../exchanges/errors.js'
import { binanceRateModel } from '../../../exchanges/rate-limit/binance.js'
import { coinbaseRateModel } from '../../../exchanges/rate-limit/coinbase.js'
import { krakenCancelPenalty, krakenRateModel } from '../../../exchanges/rate-limit/kraken.js'
import { createRateLimiter } from '../../../exchanges/rate-limit/limiter.js'
import { fakeTime } from './fake-time.js'

// Start exactly on a day boundary so fixed windows line up with the test's arithmetic.
const DAY_START = 1_699_920_000_000

describe('Binance model', () => {
  it('charges endpoint weights against the minute budget, minus the reserve', () => {
    const time = fakeTime(DAY_START)
    const limiter = createRateLimiter({ model: binanceRateModel(), buffer: 0.1, clock: time.clock, maxWaitMs: 0 })
    // 5400 usable weight: 270 account calls of weight 20
    for (let i = 0; i < 270; i++)
      expect(limiter.tryAcquire({ operation: 'account', method: 'fetchBalance' }).allowed).toBe(true)
    const refused = limiter.tryAcquire({ operation: 'account', method: 'fetchBalance' })
    expect(refused).toEqual({ allowed: false, retryAfterMs: 60_000 })
    // futures weight is a separate budget
    expect(limiter.check({ operation: 'account', method: 'fetchBalance', market: 'futures' }).allowed).toBe(true)
  })

  it('weighs depth by limit', () => {
    const model = binanceRateModel()
    expect(model.costs({ operation: 'marketData', method: 'fetchOrderBook', limit: 100 })).toEqual([
      { bucket: 'spotWeight', amount: 5 },
    ])
    expect(model.costs({ operation: 'marketData', method: 'fetchOrderBook', limit: 1000 })).toEqual([
      { bucket: 'spotWeight', amount: 50 },
    ])
    expect(model.costs({ operation: 'marketData', method: 'fetchOrderBook', market: 'futures', limit: 1000 })).toEqual([
      { bucket: 'futuresWeight', amount: 20 },
    ])
  })

  it('counts orders per 10 s and per day on spot, per 10 s and per minute on futures', () => {
    const model = binanceRateModel()
    const buckets = (market: 'spot' | 'futures') =>
      model.costs({ operation: 'placeOrder', method: 'createOrder', market }).map((c) => c.bucket)
    expect(buckets('spot')).toEqual(['spotWeight', 'spotOrders10s', 'spotOrdersDay'])
    expect(buckets('futures')).toEqual(['futuresWeight', 'futuresOrders10s', 'futuresOrdersMinute'])
  })

  it('paces a burst of orders above the 10 s order limit into the next window', async () => {
    const time = fakeTime(DAY_START)
    const limiter = createRateLimiter({
      model: binanceRateModel({ spotOrdersPer10s: 5 }),
      buffer: 0,
      clock: time.clock,
      sleep: time.sleep,
      maxWaitMs: 60_000,
    })
    const startedAt: number[] = []
    for (let i = 0; i < 12; i++) {
      await limiter.acquire({ operation: 'placeOrder', method: 'createOrder' })
      startedAt.push(time.clock() - DAY_START)
    }
    expect(startedAt).toEqual([0, 0, 0, 0, 0, 10_000, 10_000, 10_000, 10_000, 10_000, 20_000, 20_000])
  })
})

describe('Coinbase model', () => {
  it('allows the private burst, then the refill rate', () => {
    const time = fakeTime()
    const limiter = createRateLimiter({ model: coinbaseRateModel(), buffer: 0, clock: time.clock, maxWaitMs: 0 })
    for (let i = 0; i < 30; i++) expect(limiter.tryAcquire({ operation: 'placeOrder' }).allowed).toBe(true)
    const refused = limiter.tryAcquire({ operation: 'queryOrder' })
    expect(refused.allowed).toBe(false)
    expect(refused.retryAfterMs).toBe(67) // one request at 15 / s
    // public calls have their own bucket
    expect(limiter.check({ operation: 'marketData' }).allowed).toBe(true)
    time.advance(1000)
    for (let i = 0; i < 15; i++) expect(limiter.tryAcquire({ operation: 'account' }).allowed).toBe(true)
    expect(limiter.tryAcquire({ operation: 'account' }).allowed).toBe(false)
  })

  it('meters /fills separately', () => {
    expect(coinbaseRateModel().costs({ operation: 'account', method: 'fetchMyTrades' })).toEqual([
      { bucket: 'fills', amount: 1 },
    ])
  })
})

describe('Kraken model', () => {
  it('decays the call counter at 0.33 / s and charges history calls double', () => {
    const time = fakeTime()
    const limiter = createRateLimiter({ model: krakenRateModel(), buffer: 0, clock: time.clock, maxWaitMs: 0 })
    for (let i = 0; i < 7; i++)
      expect(limiter.tryAcquire({ operation: 'account', method: 'fetchMyTrades' }).allowed).toBe(true)
    expect(limiter.tryAcquire({ operation: 'account', method: 'fetchBalance' }).allowed).toBe(true)
    const refused = limiter.check({ operation: 'account', method: 'fetchBalance' })
    expect(refused.allowed).toBe(false)
    expect(refused.retryAfterMs).toBe(Math.ceil((1 / 0.33) * 1000))
  })

  it('keeps AddOrder / CancelOrder off the call counter, on a per-pair trading counter', () => {
    const model = krakenRateModel()
    expect(model.costs({ operation: 'placeOrder', symbol: 'BTC/USD' })).toEqual([
      { bucket: 'trading', scope: 'BTC/USD', amount: 1 },
    ])
    expect(model.costs({ operation: 'cancelOrder', symbol: 'ETH/USD', orderAgeMs: 12_000 })).toEqual([
      { bucket: 'trading', scope: 'ETH/USD', amount: 5 },
    ])
    const time = fakeTime()
    const limiter = createRateLimiter({
      model: krakenRateModel({ tradingCounterMax: 3 }),
      buffer: 0,
      clock: time.clock,
      maxWaitMs: 0,
    })
    for (let i = 0; i < 3; i++) limiter.tryAcquire({ operation: 'placeOrder', symbol: 'BTC/USD' })
    expect(limiter.check({ operation: 'placeOrder', symbol: 'BTC/USD' }).allowed).toBe(false)
    expect(limiter.check({ operation: 'placeOrder', symbol: 'ETH/USD' }).allowed).toBe(true)
  })

  it('charges cancels by order age', () => {
    expect([1_000, 7_000, 12_000, 30_000, 60_000, 200_000, 400_000, undefined].map(krakenCancelPenalty)).toEqual([
      8, 6, 5, 4, 2, 1, 0, 8,
    ])
  })
})

describe('limiter', () => {
  it('check() consumes nothing', () => {
    const time = fakeTime()
    const limiter = createRateLimiter({
      model: krakenRateModel({ callCounterMax: 1 }),
      buffer: 0,
      clock: time.clock,
      maxWaitMs: 0,
    })
    for (let i = 0; i < 5; i++) expect(limiter.check({ operation: 'account' }).allowed).toBe(true)
  })

  it('throws RateLimitError when the wait would exceed maxWaitMs, and spends nothing', async () => {
    const time = fakeTime(DAY_START)
    const limiter = createRateLimiter({
      model: binanceRateModel({ spotOrdersPerDay: 1 }),
      buffer: 0,
      clock: time.clock,
      sleep: time.sleep,
      maxWaitMs: 5_000,
    })
    await limiter.acquire({ operation: 'placeOrder' })
    const error = await limiter.acquire({ operation: 'placeOrder' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as RateLimitError).retryAfterMs).toBe(24 * 3600 * 1000)
    expect(time.sleeps).toEqual([])
  })

  it('blocks every call until a venue back-off ends, and never shortens it', async () => {
    const time = fakeTime()
    const limiter = createRateLimiter({
      model: coinbaseRateModel(),
      buffer: 0.1,
      clock: time.clock,
      sleep: time.sleep,
      maxWaitMs: 120_000,
    })
    limiter.blockUntil(time.clock() + 30_000)
    limiter.blockUntil(time.clock() + 5_000)
    expect(limiter.check({ operation: 'marketData' })).toEqual({ allowed: false, retryAfterMs: 30_000 })
    expect(limiter.blockedUntil()).toBe(time.clock() + 30_000)
    await limiter.acquire({ operation: 'marketData' })
    expect(time.sleeps).toEqual([30_000])
    expect(limiter.blockedUntil()).toBe(0)
  })

  it('adopts the venue-reported usage', () => {
    const time = fakeTime(DAY_START)
    const limiter = createRateLimiter({ model: binanceRateModel(), buffer: 0, clock: time.clock, maxWaitMs: 0 })
    limiter.observeUsage('spotWeight', 5990)
    expect(limiter.check({ operation: 'account', method: 'fetchBalance' }).allowed).toBe(false)
    expect(limiter.check({ operation: 'marketData', method: 'fetchTicker' }).allowed).toBe(true)
  })
})
