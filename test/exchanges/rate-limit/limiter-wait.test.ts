// Goal: the limiter says how long each call waited for budget, so the metrics can count rate-limit waits: 0 for a
// call that went at once, the time it was held otherwise (a venue's back-off, or pacing inside the budget).
// Method: real models on a fake clock whose sleep advances time.
import { expect, it } from 'vitest'

import { coinbaseRateModel } from '../../../exchanges/rate-limit/coinbase.js'
import { createRateLimiter } from '../../../exchanges/rate-limit/limiter.js'
import { fakeTime } from './fake-time.js'

it('resolves with 0 for a call that goes at once and with the time held for one that waited', async () => {
  const time = fakeTime()
  const limiter = createRateLimiter({
    model: coinbaseRateModel(),
    buffer: 0.1,
    clock: time.clock,
    sleep: time.sleep,
    maxWaitMs: 120_000,
  })
  expect(await limiter.acquire({ operation: 'marketData' })).toBe(0)
  limiter.blockUntil(time.clock() + 1_500)
  expect(await limiter.acquire({ operation: 'marketData' })).toBe(1_500)
  expect(await limiter.acquire({ operation: 'marketData' })).toBe(0)
})

it('resolves with the time a call was paced inside the budget', async () => {
  const time = fakeTime()
  const limiter = createRateLimiter({
    model: coinbaseRateModel({ privateBurst: 1, privatePerSecond: 1 }),
    buffer: 0,
    clock: time.clock,
    sleep: time.sleep,
    maxWaitMs: 120_000,
  })
  expect(await limiter.acquire({ operation: 'account' })).toBe(0)
  const waited = await limiter.acquire({ operation: 'account' })
  expect(time.sleeps.length).toBeGreaterThan(0)
  expect(waited).toBe(time.sleeps.reduce((sum, ms) => sum + ms, 0))
  expect(waited).toBeGreaterThan(0)
})
