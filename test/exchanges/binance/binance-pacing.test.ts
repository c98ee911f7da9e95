// Goal: our limiter, not the venue, decides when Binance calls go: a burst above a (small, injected) venue limit is
// paced inside it, and after a 429 every call for that key waits out Retry-After, so it never escalates to a 418
// ban. Method: the simulator's Binance dialect with lowered limits, on a test clock shared by the simulator, our
// limiter and ccxt's request signing (ccxt's own timeDifference option), so waits advance time instantly.
import { afterEach, describe, expect, it } from 'vitest'

import { createBinanceClient, createBinanceConnector } from '../../../exchanges/binance.js'
import { connectorConfig } from '../../../exchanges/config.js'
import type { BinanceConnector } from '../../../exchanges/connector.js'
import { RateLimitError } from '../../../exchanges/errors.js'
import { binanceRateModel } from '../../../exchanges/rate-limit/binance.js'
import type { BinanceLimits } from '../../../exchanges/rate-limit/binance.js'
import { DEMO_CREDENTIALS } from '../../../sim/credentials.js'
import { binanceDialect } from '../../../sim/dialects/binance/index.js'
import { startTestSimulator, type TestSimulator } from '../../support/simulator.js'

interface Setup {
  sim: TestSimulator
  binance: BinanceConnector
  sleeps: number[]
}
let current: Setup | undefined

async function setup(
  venueLimits: Partial<BinanceLimits>,
  ourLimits: Partial<BinanceLimits> | 'published'
): Promise<Setup> {
  let now = Date.now()
  const sleeps: number[] = []
  const sim = await startTestSimulator({
    now: () => now,
    dialects: { binance: binanceDialect({ limits: venueLimits }) },
  })
  const config = connectorConfig({
    ...DEMO_CREDENTIALS.binance,
    baseUrl: sim.urls.binance,
    demo: true,
    rateLimitBuffer: 0,
  })
  const client = createBinanceClient(config)
  // ccxt signs with milliseconds() - timeDifference: keep its timestamps on the simulator's clock
  const syncSigningClock = () => {
    client.options['timeDifference'] = Date.now() - now
  }
  syncSigningClock()
  const binance = createBinanceConnector(config, {
    client,
    clock: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
      syncSigningClock()
    },
    rateLimitModel: ourLimits === 'published' ? binanceRateModel() : binanceRateModel(ourLimits),
    maxRateLimitWaitMs: 120_000,
  })
  await binance.initialize()
  current = { sim, binance, sleeps }
  return current
}

afterEach(async () => {
  await current?.binance.close()
  await current?.sim.close()
  current = undefined
})

describe('Binance pacing', () => {
  it('paces a weight burst above the venue limit into the next minute, with no 429', async () => {
    const { binance, sleeps } = await setup({ spotWeightPerMinute: 60 }, { spotWeightPerMinute: 60 })
    // exchangeInfo took 20 of 60; 40 tickers of weight 2 cannot fit in the same minute
    for (let i = 0; i < 40; i++) await binance.getTicker('BTC/USDT')
    expect(sleeps.length).toBeGreaterThan(0)
    expect(binance.getMetrics().errorsByClass).toEqual({})
  })

  it('paces orders above the venue 10-second order count', async () => {
    const { sim, binance, sleeps } = await setup({ spotOrdersPer10s: 3 }, { spotOrdersPer10s: 3 })
    for (let i = 0; i < 7; i++) {
      await binance.placeOrder({
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        amount: '0.001',
        price: '50000',
        clientOrderId: `pace-${i}`,
      })
    }
    expect(sleeps.length).toBeGreaterThanOrEqual(2)
    expect(sim.engines.binance.receivedOrders().filter((o) => o.clientOrderId?.startsWith('pace-'))).toHaveLength(7)
    expect(binance.getMetrics().errorsByClass).toEqual({})
  })

  it('after a 429 waits out Retry-After for every call instead of earning a 418', async () => {
    // our limiter believes the published 6000/min; the venue allows 40
    const { binance, sleeps } = await setup({ spotWeightPerMinute: 40 }, 'published')
    const failures: RateLimitError[] = []
    for (let i = 0; i < 30; i++) {
      await binance.getTicker('BTC/USDT').catch((e: unknown) => {
        if (!(e instanceof RateLimitError)) throw e
        failures.push(e)
      })
    }
    expect(failures).toHaveLength(1)
    expect(failures[0]!.message).not.toMatch(/banned/)
    expect(failures[0]!.retryAfterMs).toBeGreaterThan(0)
    expect(sleeps[0]).toBeGreaterThanOrEqual(failures[0]!.retryAfterMs - 1)
    // later calls went through once the venue's wait was over
    expect(binance.getMetrics().errorsByClass).toEqual({ RateLimitError: 1 })
  })
})
