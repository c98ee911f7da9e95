// Coinbase Exchange's published REST limits, enforced by the dialect as lazily refilled token buckets. The
// simulator's clock is frozen here, so no token comes back during a test and the exact request that overflows
// each bucket is known: public 15 (burst) per IP, private 30 per profile, /fills 20 — or a small injected limit.
// Refusals must reach ccxt as RateLimitExceeded with Coinbase's message and a Retry-After.
import ccxt from 'ccxt'
import { afterEach, describe, expect, it } from 'vitest'

import { coinbaseDialect } from '../../../sim/dialects/coinbase/index.js'
import { createKeyedTokenBuckets } from '../../../sim/dialects/coinbase/token-bucket.js'
import { startTestSimulator, type TestSimulator } from '../../support/simulator.js'
import { coinbaseClient } from './coinbase-client.js'

let sim: TestSimulator | undefined

afterEach(async () => {
  await sim?.close()
  sim = undefined
})

async function frozenSimulator(dialect = coinbaseDialect()): Promise<TestSimulator> {
  const frozen = Date.now()
  sim = await startTestSimulator({ now: () => frozen, dialects: { coinbase: dialect } })
  return sim
}

/** Sends `count` calls one after another; the index of the first refused one and its error. */
async function firstRefusal(count: number, call: () => Promise<unknown>): Promise<{ index: number; error: Error }> {
  for (let index = 0; index < count; index++) {
    try {
      await call()
    } catch (error) {
      return { index, error: error as Error }
    }
  }
  throw new Error(`all ${count} calls succeeded`)
}

describe('coinbase dialect rate limits', () => {
  it('refuses the 16th public request in a burst with "Public rate limit exceeded" and Retry-After', async () => {
    const client = coinbaseClient(await frozenSimulator())
    const { index, error } = await firstRefusal(20, () => client.publicGetProductsIdTicker({ id: 'BTC-USD' }))
    expect(index).toBe(15)
    expect(error).toBeInstanceOf(ccxt.RateLimitExceeded)
    expect(error.message).toContain('Public rate limit exceeded')
    expect(client.last_response_headers?.['Retry-After']).toBe('1')
  })

  it('refuses the 31st private request with "Private rate limit exceeded"', async () => {
    const client = coinbaseClient(await frozenSimulator())
    const { index, error } = await firstRefusal(40, () => client.privateGetAccounts())
    expect(index).toBe(30)
    expect(error).toBeInstanceOf(ccxt.RateLimitExceeded)
    expect(error.message).toContain('Private rate limit exceeded')
  })

  it('gives /fills a bucket of its own (burst 20)', async () => {
    const client = coinbaseClient(await frozenSimulator())
    const { index } = await firstRefusal(30, () => client.privateGetFills({ product_id: 'BTC-USD' }))
    expect(index).toBe(20)
    // the private bucket is untouched
    await expect(client.privateGetAccounts()).resolves.toBeDefined()
  })

  it('applies an injected limit, with Retry-After rounded up to whole seconds', async () => {
    const dialect = coinbaseDialect({ rateLimits: { private: { ratePerSecond: 0.25, burst: 2 } } })
    const client = coinbaseClient(await frozenSimulator(dialect))
    const { index, error } = await firstRefusal(5, () => client.privateGetAccounts())
    expect(index).toBe(2)
    expect(error).toBeInstanceOf(ccxt.RateLimitExceeded)
    expect(client.last_response_headers?.['Retry-After']).toBe('4')
  })
})

describe('token bucket', () => {
  it('refills at its rate up to the burst size', () => {
    let now = 0
    const buckets = createKeyedTokenBuckets({ ratePerSecond: 2, burst: 3 }, () => now)
    expect([1, 2, 3, 4].map(() => buckets.take('ip').allowed)).toEqual([true, true, true, false])
    expect(buckets.take('ip').retryAfterMs).toBe(500)
    expect(buckets.take('other').allowed).toBe(true)
    now = 500
    expect(buckets.take('ip').allowed).toBe(true)
    expect(buckets.take('ip').allowed).toBe(false)
    now = 60_000
    expect([1, 2, 3, 4].map(() => buckets.take('ip').allowed)).toEqual([true, true, true, false])
  })
})
