// Binance's rate limits through ccxt, with small injected limits and a frozen clock (so that no minute
// boundary resets the counters mid-test).
import ccxt from 'ccxt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { binanceDialect } from '../../../sim/dialects/binance/index.js'
import { startTestSimulator, type TestSimulator } from '../../support/simulator.js'
import { binanceClient, rejection } from './binance-support.js'

const FROZEN = 1_800_000_030_000
let sim: TestSimulator
let binance: InstanceType<typeof ccxt.binance>

beforeAll(async () => {
  sim = await startTestSimulator({
    now: () => FROZEN,
    dialects: {
      binance: binanceDialect({
        limits: { spotWeightPerMinute: 60, requestsIgnoringRetryAfter: 3, spotOrdersPer10s: 2 },
      }),
    },
  })
  binance = binanceClient(sim.urls.binance, sim.credentials.binance)
  // ccxt signs with its own clock; align it with the simulator's frozen one
  binance.options['timeDifference'] = Date.now() - FROZEN
  await binance.loadMarkets()
})

/** ccxt re-capitalises header names (X-Mbx-Used-Weight-1m); look them up case-insensitively. */
function lastHeader(name: string): string | undefined {
  const headers = binance.last_response_headers as Record<string, string>
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1]
}

afterAll(async () => {
  await sim.close()
})

describe('Binance dialect: rate limits', () => {
  it('publishes the injected limits in exchangeInfo', async () => {
    const info = (await binance.publicGetExchangeInfo()) as { rateLimits: { rateLimitType: string; limit: number }[] }
    expect(info.rateLimits.find((l) => l.rateLimitType === 'REQUEST_WEIGHT')?.limit).toBe(60)
  })

  it('limits the number of orders per account per 10 s with 429 -1015', async () => {
    const bid = Number(sim.engines.binance.book('BTC/USDT', 1).bids[0]![0])
    const price = Math.floor(bid * 0.9)
    await binance.createOrder('BTC/USDT', 'limit', 'buy', 0.001, price)
    expect(lastHeader('X-MBX-ORDER-COUNT-10S')).toBe('1')
    await binance.createOrder('BTC/USDT', 'limit', 'buy', 0.001, price)
    const error = await rejection(binance.createOrder('BTC/USDT', 'limit', 'buy', 0.001, price))
    expect(error).toBeInstanceOf(ccxt.DDoSProtection)
    expect(error.message).toContain('Too many new orders; current limit is 2 orders per 10 SECOND.')
  })

  it('answers a burst above the weight limit with 429 and Retry-After, then bans with 418', async () => {
    let error: Error | undefined
    let used = 0
    for (let i = 0; i < 20 && error === undefined; i++) {
      try {
        await binance.fetchOrderBook('BTC/USDT')
        used = Number(lastHeader('X-MBX-USED-WEIGHT-1M'))
      } catch (e) {
        error = e as Error
      }
    }
    expect(used).toBeGreaterThan(55)
    expect(used).toBeLessThanOrEqual(60)
    expect(error).toBeInstanceOf(ccxt.DDoSProtection)
    expect(error?.message).toContain('429')
    expect(error?.message).toContain('Too much request weight used; current limit is 60 request weight per 1 MINUTE.')
    expect(lastHeader('Retry-After')).toBe('30')

    // keeps sending although told to wait 30 s
    expect((await rejection(binance.fetchOrderBook('BTC/USDT'))).message).toContain('429')
    expect((await rejection(binance.fetchOrderBook('BTC/USDT'))).message).toContain('429')
    const banned = await rejection(binance.fetchOrderBook('BTC/USDT'))
    expect(banned).toBeInstanceOf(ccxt.DDoSProtection)
    expect(banned.message).toContain('418')
    expect(banned.message).toContain(`IP banned until ${FROZEN + 120_000}`)
    expect(lastHeader('Retry-After')).toBe('120')

    // futures have their own counters: the spot ban does not cover fapi
    expect((await binance.fetchOrderBook('BTC/USDT:USDT')).bids.length).toBeGreaterThan(0)
  })
})
