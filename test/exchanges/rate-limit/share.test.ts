// Goal: workers that share one venue API key split its rate limits (RATE_LIMIT_SHARE), so that together they stay
// inside what the venue allows the key, with no shared state between them; the venue's own count of the key's usage
// is weighed against the key's whole budget. Method: the settings from literal env objects; the limiter on a fake
// clock; then three Binance connectors (three workers) on the simulator's Binance dialect with a lowered order
// limit, sharing the demo key and one test clock, with the share and, as the control, without it.
import { afterEach, describe, expect, it } from 'vitest'

import { createBinanceClient, createBinanceConnector } from '../../../exchanges/binance.js'
import type { BinanceConnector } from '../../../exchanges/connector.js'
import { RateLimitError } from '../../../exchanges/errors.js'
import { binanceRateModel } from '../../../exchanges/rate-limit/binance.js'
import { coinbaseRateModel } from '../../../exchanges/rate-limit/coinbase.js'
import { createRateLimiter } from '../../../exchanges/rate-limit/limiter.js'
import { ExchangeSettingsError, loadExchangeSettings } from '../../../exchanges/settings.js'
import { binanceDialect } from '../../../sim/dialects/binance/index.js'
import { startTestSimulator, type TestSimulator } from '../../support/simulator.js'
import { fakeTime } from './fake-time.js'

// A day boundary, so that fixed windows line up with the test's arithmetic.
const DAY_START = 1_699_920_000_000

describe('RATE_LIMIT_SHARE', () => {
  it('is 1 unless set, and takes a decimal or a ratio for every exchange', () => {
    expect(loadExchangeSettings({}).configs.binance.rateLimitShare).toBe(1)
    const third = loadExchangeSettings({ RATE_LIMIT_SHARE: '1/3' })
    for (const id of third.exchanges) expect(third.configs[id].rateLimitShare).toBeCloseTo(1 / 3, 12)
    expect(loadExchangeSettings({ RATE_LIMIT_SHARE: '0.25' }).configs.kraken.rateLimitShare).toBe(0.25)
    expect(loadExchangeSettings({ RATE_LIMIT_SHARE: '1' }).configs.coinbase.rateLimitShare).toBe(1)
  })

  it('is overridden per venue by <VENUE>_RATE_LIMIT_SHARE (a key this process has to itself)', () => {
    const settings = loadExchangeSettings({ RATE_LIMIT_SHARE: '1/3', KRAKEN_RATE_LIMIT_SHARE: '1' })
    expect(settings.configs.kraken.rateLimitShare).toBe(1)
    expect(settings.configs.binance.rateLimitShare).toBeCloseTo(1 / 3, 12)
    expect(loadExchangeSettings({ BINANCE_RATE_LIMIT_SHARE: '0.5' }).configs.binance.rateLimitShare).toBe(0.5)
    expect(() => loadExchangeSettings({ COINBASE_RATE_LIMIT_SHARE: '2' })).toThrow(/^COINBASE_RATE_LIMIT_SHARE must be/)
  })

  it.each(['0', '0/3', '1.5', '4/3', '1/0', 'half', '-0.5', '1/3/2'])('refuses %j, naming the variable', (raw) => {
    expect(() => loadExchangeSettings({ RATE_LIMIT_SHARE: raw })).toThrow(ExchangeSettingsError)
    expect(() => loadExchangeSettings({ RATE_LIMIT_SHARE: raw })).toThrow(/^RATE_LIMIT_SHARE must be a number above 0/)
  })
})

describe('a limiter with a share of the key', () => {
  const placeOrder = { operation: 'placeOrder', method: 'createOrder' } as const

  it('takes its share of what the reserve leaves, in every window bucket', () => {
    const orders = (share?: number) => {
      const time = fakeTime(DAY_START)
      const limiter = createRateLimiter({
        model: binanceRateModel(),
        buffer: 0.1,
        share,
        clock: time.clock,
        maxWaitMs: 0,
      })
      let placed = 0
      while (limiter.tryAcquire(placeOrder).allowed) placed++
      return placed
    }
    // Binance spot: 100 orders per 10 s for the key; 90 after the reserve; 30 for each of three workers.
    expect(orders()).toBe(90)
    expect(orders(1 / 3)).toBe(30)
    expect(3 * orders(1 / 3)).toBeLessThanOrEqual(90)
  })

  it('takes its share of a token bucket’s burst and of its rate', () => {
    const time = fakeTime(DAY_START)
    // Coinbase private: 15 requests/s, bursts of 30; a third of it is 5/s with bursts of 10.
    const limiter = createRateLimiter({
      model: coinbaseRateModel(),
      buffer: 0,
      share: 1 / 3,
      clock: time.clock,
      maxWaitMs: 0,
    })
    const account = { operation: 'account', method: 'fetchBalance' } as const
    let burst = 0
    while (limiter.tryAcquire(account).allowed) burst++
    expect(burst).toBe(10)
    time.advance(1_000)
    let nextSecond = 0
    while (limiter.tryAcquire(account).allowed) nextSecond++
    expect(nextSecond).toBe(5)
  })

  it('weighs the venue’s count of the whole key against the whole key’s budget', () => {
    const time = fakeTime(DAY_START)
    const limiter = createRateLimiter({
      model: binanceRateModel(),
      buffer: 0.1,
      share: 1 / 3,
      clock: time.clock,
      maxWaitMs: 0,
    })
    const balance = { operation: 'account', method: 'fetchBalance' } as const // weight 20
    // This process may use 1800 of the minute's 6000 weight (5400 after the reserve, a third of it). The others
    // used 1500 between them: the key is far from its limit, and this process still has most of its share.
    limiter.observeUsage('spotWeight', 1500)
    let calls = 0
    while (limiter.tryAcquire(balance).allowed) calls++
    expect(calls).toBe((1800 - 500) / 20)

    // Next minute: the venue says the key has reached the reserve line: this process stops too.
    time.advance(60_000)
    limiter.observeUsage('spotWeight', 5400)
    expect(limiter.tryAcquire(balance)).toMatchObject({ allowed: false })
  })
})

describe('three workers on one Binance key, on the simulator', () => {
  let sim: TestSimulator | undefined
  let workers: BinanceConnector[] = []

  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.close()))
    await sim?.close()
    workers = []
    sim = undefined
  })

  /** Three connectors configured from `env`, on the simulator's clock; the venue allows the key 6 orders per 10 s. */
  async function threeWorkers(env: Record<string, string>): Promise<{ sleeps: number[] }> {
    let now = DAY_START
    const sleeps: number[] = []
    sim = await startTestSimulator({
      now: () => now,
      dialects: { binance: binanceDialect({ limits: { spotOrdersPer10s: 6 } }) },
    })
    const config = loadExchangeSettings({ ...env, BINANCE_BASE_URL: sim.urls.binance }).configs.binance
    const clients = [0, 1, 2].map(() => createBinanceClient(config))
    // ccxt signs with milliseconds() - timeDifference: its timestamps follow the simulator's clock.
    const syncSigningClocks = () => {
      for (const client of clients) client.options['timeDifference'] = Date.now() - now
    }
    syncSigningClocks()
    workers = clients.map((client) =>
      createBinanceConnector(config, {
        client,
        clock: () => now,
        sleep: async (ms) => {
          sleeps.push(ms)
          now += ms
          syncSigningClocks()
        },
        rateLimitModel: binanceRateModel({ spotOrdersPer10s: 6 }),
        maxRateLimitWaitMs: 120_000,
      })
    )
    for (const worker of workers) await worker.initialize()
    return { sleeps }
  }

  /** Four orders from each worker, taking turns; the errors each order met. */
  async function burst(): Promise<unknown[]> {
    const errors: unknown[] = []
    for (let round = 0; round < 4; round++) {
      for (const [index, worker] of workers.entries()) {
        await worker
          .placeOrder({
            symbol: 'BTC/USDT',
            side: 'buy',
            type: 'limit',
            amount: '0.001',
            price: '50000',
            clientOrderId: `share-${index}-${round}`,
          })
          .catch((error: unknown) => errors.push(error))
      }
    }
    return errors
  }

  const placedAtVenue = () =>
    sim!.engines.binance.receivedOrders().filter((order) => order.clientOrderId?.startsWith('share-'))

  it('with a third each, together stay inside the key’s limit: every order lands, none refused', async () => {
    const { sleeps } = await threeWorkers({ RATE_LIMIT_SHARE: '1/3', RATE_LIMIT_BUFFER: '0' })
    expect(await burst()).toEqual([])
    expect(placedAtVenue()).toHaveLength(12)
    // Two orders per worker per window: they waited for the next windows instead of being refused.
    expect(sleeps.length).toBeGreaterThan(0)
    for (const worker of workers) expect(worker.getMetrics().errorsByClass).toEqual({})
  })

  it('each with the whole budget (the control), they overrun it: the venue refuses the seventh order', async () => {
    await threeWorkers({ RATE_LIMIT_BUFFER: '0' })
    const errors = await burst()
    expect(errors.length).toBeGreaterThan(0)
    for (const error of errors) expect(error).toBeInstanceOf(RateLimitError)
    // The first six went at once; the seventh was refused (the refused worker then waits out the venue's back-off).
    expect(
      placedAtVenue()
        .map((order) => order.clientOrderId)
        .slice(0, 6)
    ).toEqual(['share-0-0', 'share-1-0', 'share-2-0', 'share-0-1', 'share-1-1', 'share-2-1'])
    expect(placedAtVenue().map((order) => order.clientOrderId)).not.toContain('share-0-2')
    expect(placedAtVenue()).toHaveLength(12 - errors.length)
  })
})
