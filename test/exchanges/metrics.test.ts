// Goal: metrics report latency percentiles, success and error rates by class over a rolling window, and health
// follows what the calls showed. Method: record calls on a manual clock.
import { describe, expect, it } from 'vitest'

import { createMetrics, percentile } from '../../exchanges/metrics.js'

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i) // 100..1, unsorted
    expect(percentile(values, 50)).toBe(50)
    expect(percentile(values, 99)).toBe(99)
    expect(percentile(values, 100)).toBe(100)
    expect(percentile([7], 99)).toBe(7)
    expect(percentile([], 50)).toBeUndefined()
  })
})

describe('createMetrics', () => {
  const setup = () => {
    let now = 1_000_000
    const metrics = createMetrics({ exchange: 'kraken', windowMs: 60_000, clock: () => now })
    return { metrics, advance: (ms: number) => (now += ms), now: () => now }
  }

  it('summarises the window: latency, rates, errors by class, throughput', () => {
    const { metrics, now } = setup()
    for (let i = 1; i <= 8; i++) metrics.record({ operation: 'marketData', at: now(), latencyMs: i * 10, ok: true })
    metrics.record({ operation: 'placeOrder', at: now(), latencyMs: 500, ok: false, errorClass: 'InvalidOrderError' })
    metrics.record({ operation: 'account', at: now(), latencyMs: 90, ok: false, errorClass: 'RateLimitError' })
    const snapshot = metrics.snapshot()
    expect(snapshot).toMatchObject({
      exchange: 'kraken',
      windowMs: 60_000,
      calls: 10,
      latencyP50Ms: 50,
      latencyP99Ms: 500,
      successRate: 0.8,
      errorRate: 0.2,
      errorsByClass: { InvalidOrderError: 1, RateLimitError: 1 },
    })
    expect(snapshot.throughputPerSec).toBeCloseTo(10 / 60)
  })

  it('forgets calls older than the window', () => {
    const { metrics, advance, now } = setup()
    metrics.record({
      operation: 'marketData',
      at: now(),
      latencyMs: 1,
      ok: false,
      errorClass: 'ExchangeUnavailableError',
    })
    advance(61_000)
    metrics.record({ operation: 'marketData', at: now(), latencyMs: 2, ok: true })
    expect(metrics.snapshot()).toMatchObject({ calls: 1, errorRate: 0, errorsByClass: {} })
  })

  it('derives health from connectivity, account access and error rate', () => {
    const { metrics, now } = setup()
    expect(metrics.health()).toMatchObject({ connected: false, status: 'down', accountAccess: false })
    metrics.record({ operation: 'marketData', at: now(), latencyMs: 12, ok: true })
    metrics.record({ operation: 'account', at: now(), latencyMs: 20, ok: true })
    expect(metrics.health()).toMatchObject({
      connected: true,
      accountAccess: true,
      marketDataLatencyMs: 12,
      lastSuccessAt: now(),
      status: 'healthy',
    })
    expect(metrics.health(false).status).toBe('down')
    metrics.record({ operation: 'account', at: now(), latencyMs: 5, ok: false, errorClass: 'AuthenticationError' })
    expect(metrics.health()).toMatchObject({ accountAccess: false, status: 'degraded' })
    metrics.record({
      operation: 'marketData',
      at: now(),
      latencyMs: 5,
      ok: false,
      errorClass: 'ExchangeUnavailableError',
    })
    expect(metrics.health()).toMatchObject({ connected: false, status: 'down' })
  })
})
