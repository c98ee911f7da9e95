// The pure decisions of an order's life (domain/order-lifecycle.ts): what rests, how often it is looked at, what an
// amendment may still send, and how its execution ends.
import { describe, expect, it } from 'vitest'

import { amendPlan, canRest, followDelayMs, lifecycleOutcome } from '../../domain/order-lifecycle.js'
import type { UnifiedOrder } from '../../domain/types.js'

const order = (status: UnifiedOrder['status'], filled = '0'): UnifiedOrder => ({
  exchange: 'binance',
  id: '1',
  clientOrderId: 'c',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  status,
  amount: '1',
  filled,
  remaining: '0',
  cost: '0',
  timestamp: 0,
})

describe('canRest', () => {
  it('follows limit GTC and GTT orders and conditional orders, not market, IOC or FOK', () => {
    expect(canRest({ type: 'limit' })).toBe(true)
    expect(canRest({ type: 'limit', timeInForce: 'GTT' })).toBe(true)
    expect(canRest({ type: 'stop-loss' })).toBe(true)
    expect(canRest({ type: 'limit', timeInForce: 'IOC' })).toBe(false)
    expect(canRest({ type: 'limit', timeInForce: 'FOK' })).toBe(false)
    expect(canRest({ type: 'market' })).toBe(false)
  })
})

describe('followDelayMs', () => {
  it('looks often at a fresh order and rarely at an old one, never less often than once a minute', () => {
    const ages = [0, 5_000, 30_000, 300_000, 1_800_000, 7_200_000, 86_400_000]
    const delays = ages.map(followDelayMs)
    expect(delays).toEqual([...delays].sort((a, b) => a - b))
    expect(delays[0]).toBe(1_000)
    expect(Math.max(...delays)).toBe(60_000)
  })
})

describe('amendPlan', () => {
  it('sends only what the new total still lacks after every fill', () => {
    expect(amendPlan('1', '0.4', { amount: '0.7' })).toEqual({ place: true, total: '0.7', remaining: '0.3' })
    expect(amendPlan('1', '0.4', { price: '5' })).toEqual({ place: true, total: '1', remaining: '0.6' })
  })

  it('sends nothing when the fills reach or pass the new total', () => {
    expect(amendPlan('1', '0.4', { amount: '0.4' })).toEqual({ place: false, total: '0.4', remaining: '0' })
    expect(amendPlan('1', '0.9', { amount: '0.5' })).toEqual({ place: false, total: '0.5', remaining: '0' })
  })
})

describe('lifecycleOutcome', () => {
  it('names how a followed order ended', () => {
    expect(lifecycleOutcome(order('closed', '1'), '1', '1', false)).toBe('filled')
    expect(lifecycleOutcome(order('canceled', '0.4'), '0.4', '0.4', false)).toBe('filled')
    expect(lifecycleOutcome(order('canceled', '0.4'), '0.4', '1', false)).toBe('partially_filled')
    expect(lifecycleOutcome(order('canceled'), '0', '1', false)).toBe('canceled')
    expect(lifecycleOutcome(order('canceled'), '0', '1', true)).toBe('expired')
    expect(lifecycleOutcome(order('expired'), '0', '1', false)).toBe('expired')
    expect(lifecycleOutcome(order('rejected'), '0', '1', false)).toBe('rejected')
  })
})
