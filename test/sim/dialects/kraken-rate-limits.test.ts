import { describe, expect, it } from 'vitest'

import { callCost, cancelPenalty, createRateLimits } from '../../../sim/dialects/kraken/rate-limits.js'

function manualClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start
  return { now: () => t, advance: (ms) => void (t += ms) }
}

describe('Kraken rate limits', () => {
  it('costs 2 for history calls, 0 for order entry, 1 otherwise', () => {
    expect(callCost('TradesHistory')).toBe(2)
    expect(callCost('Ledgers')).toBe(2)
    expect(callCost('AddOrder')).toBe(0)
    expect(callCost('CancelOrder')).toBe(0)
    expect(callCost('BalanceEx')).toBe(1)
  })

  it('refuses calls over the Starter maximum of 15 and lets the counter decay at 0.33/s', () => {
    const clock = manualClock()
    const limits = createRateLimits({}, clock.now)
    for (let i = 0; i < 15; i++) expect(limits.chargeCall('key', 'BalanceEx')).toBe(true)
    expect(limits.chargeCall('key', 'BalanceEx')).toBe(false)
    expect(limits.chargeCall('other-key', 'BalanceEx')).toBe(true)
    clock.advance(3_100)
    expect(limits.chargeCall('key', 'BalanceEx')).toBe(true)
    expect(limits.chargeCall('key', 'BalanceEx')).toBe(false)
    clock.advance(6_100)
    expect(limits.chargeCall('key', 'TradesHistory')).toBe(true)
  })

  it('never counts order entry against the REST counter', () => {
    const limits = createRateLimits({ callCounter: { max: 1, decayPerSecond: 0 } }, manualClock().now)
    for (let i = 0; i < 50; i++) expect(limits.chargeCall('key', 'AddOrder')).toBe(true)
    expect(limits.chargeCall('key', 'OpenOrders')).toBe(true)
    expect(limits.chargeCall('key', 'OpenOrders')).toBe(false)
  })

  it('counts orders per pair and penalises cancelling young orders', () => {
    const clock = manualClock()
    const limits = createRateLimits({ tradingCounter: { max: 10, decayPerSecond: 1 } }, clock.now)
    expect(limits.chargeAddOrder('key', 'XXBTZUSD')).toBe(true)
    limits.chargeCancel('key', 'XXBTZUSD', 1_000)
    expect(cancelPenalty(1_000)).toBe(8)
    expect(limits.chargeAddOrder('key', 'XXBTZUSD')).toBe(true)
    expect(limits.chargeAddOrder('key', 'XXBTZUSD')).toBe(false)
    expect(limits.chargeAddOrder('key', 'XETHZUSD')).toBe(true)
    clock.advance(2_000)
    expect(limits.chargeAddOrder('key', 'XXBTZUSD')).toBe(true)
  })

  it('can be switched off', () => {
    const limits = createRateLimits({ callCounter: false, tradingCounter: false }, manualClock().now)
    for (let i = 0; i < 100; i++) expect(limits.chargeCall('key', 'TradesHistory')).toBe(true)
    for (let i = 0; i < 100; i++) expect(limits.chargeAddOrder('key', 'XXBTZUSD')).toBe(true)
  })

  it('applies the cancel penalty schedule by order age', () => {
    expect([4_999, 9_999, 14_999, 44_999, 89_999, 299_999, 300_000].map(cancelPenalty)).toEqual([8, 6, 5, 4, 2, 1, 0])
  })
})
