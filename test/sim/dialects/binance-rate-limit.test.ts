import { describe, expect, it } from 'vitest'

import { BinanceApiError } from '../../../sim/dialects/binance/errors.js'
import { PUBLISHED_BINANCE_LIMITS, createBinanceRateLimiter } from '../../../sim/dialects/binance/rate-limit.js'

function caught(call: () => unknown): BinanceApiError {
  try {
    call()
  } catch (error) {
    if (error instanceof BinanceApiError) return error
    throw error
  }
  throw new Error('expected a BinanceApiError')
}

describe('Binance rate limiter', () => {
  const limits = {
    ...PUBLISHED_BINANCE_LIMITS,
    spotWeightPerMinute: 10,
    requestsIgnoringRetryAfter: 2,
    spotOrdersPer10s: 2,
  }

  it('counts weight per IP in the current minute and reports it', () => {
    let now = 60_000
    const limiter = createBinanceRateLimiter(limits, () => now)
    expect(limiter.admitRequest('spot', '1.1.1.1', 4)['X-MBX-USED-WEIGHT-1M']).toBe('4')
    expect(limiter.admitRequest('spot', '1.1.1.1', 6)['X-MBX-USED-WEIGHT-1M']).toBe('10')
    expect(limiter.admitRequest('spot', '2.2.2.2', 1)['X-MBX-USED-WEIGHT-1M']).toBe('1')
    expect(limiter.admitRequest('futures', '1.1.1.1', 1)['X-MBX-USED-WEIGHT-1M']).toBe('1')
    now = 120_000
    expect(limiter.admitRequest('spot', '1.1.1.1', 1)['X-MBX-USED-WEIGHT-1M']).toBe('1')
  })

  it('answers 429 with Retry-After until the window ends, then bans an IP that keeps sending', () => {
    let now = 60_000
    const limiter = createBinanceRateLimiter(limits, () => now)
    limiter.admitRequest('spot', 'ip', 10)
    now = 75_000
    const first = caught(() => limiter.admitRequest('spot', 'ip', 1))
    expect(first.status).toBe(429)
    expect(first.code).toBe(-1003)
    expect(first.msg).toBe(
      'Too much request weight used; current limit is 10 request weight per 1 MINUTE. ' +
        'Please use WebSocket Streams for live updates to avoid polling the API.'
    )
    expect(first.headers['Retry-After']).toBe('45')
    expect(caught(() => limiter.admitRequest('spot', 'ip', 1)).status).toBe(429)
    const ban = caught(() => limiter.admitRequest('spot', 'ip', 1))
    expect(ban.status).toBe(418)
    expect(ban.msg).toContain(`IP banned until ${75_000 + 120_000}`)
    expect(ban.headers['Retry-After']).toBe('120')
    // the ban outlasts the weight window
    now = 150_000
    expect(caught(() => limiter.admitRequest('spot', 'ip', 1)).status).toBe(418)
    now = 195_000
    expect(limiter.admitRequest('spot', 'ip', 1)['X-MBX-USED-WEIGHT-1M']).toBe('1')
  })

  it('lets a client that waits for Retry-After carry on, and doubles the ban of a repeat offender', () => {
    let now = 0
    const limiter = createBinanceRateLimiter(limits, () => now)
    limiter.admitRequest('spot', 'ip', 10)
    caught(() => limiter.admitRequest('spot', 'ip', 1))
    now = 60_000
    limiter.admitRequest('spot', 'ip', 10)
    caught(() => limiter.admitRequest('spot', 'ip', 1))
    caught(() => limiter.admitRequest('spot', 'ip', 1))
    expect(caught(() => limiter.admitRequest('spot', 'ip', 1)).headers['Retry-After']).toBe('120')
    now = 180_000
    limiter.admitRequest('spot', 'ip', 10)
    caught(() => limiter.admitRequest('spot', 'ip', 1))
    caught(() => limiter.admitRequest('spot', 'ip', 1))
    expect(caught(() => limiter.admitRequest('spot', 'ip', 1)).headers['Retry-After']).toBe('240')
  })

  it('limits orders per account per 10 seconds and reports the counts', () => {
    let now = 0
    const limiter = createBinanceRateLimiter(limits, () => now)
    limiter.admitOrder('spot', 'acct')
    expect(limiter.countOrder('spot', 'acct')).toEqual({ 'X-MBX-ORDER-COUNT-10S': '1', 'X-MBX-ORDER-COUNT-1D': '1' })
    limiter.countOrder('spot', 'acct')
    const refused = caught(() => limiter.admitOrder('spot', 'acct'))
    expect(refused.status).toBe(429)
    expect(refused.code).toBe(-1015)
    expect(refused.msg).toBe('Too many new orders; current limit is 2 orders per 10 SECOND.')
    limiter.admitOrder('spot', 'other')
    now = 10_000
    limiter.admitOrder('spot', 'acct')
    expect(limiter.countOrder('spot', 'acct')).toEqual({ 'X-MBX-ORDER-COUNT-10S': '1', 'X-MBX-ORDER-COUNT-1D': '3' })
    expect(limiter.countOrder('futures', 'acct')).toEqual({ 'X-MBX-ORDER-COUNT-10S': '1', 'X-MBX-ORDER-COUNT-1M': '1' })
  })
})
