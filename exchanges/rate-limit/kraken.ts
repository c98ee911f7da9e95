// Kraken's published limits (Starter tier): a per-key REST call counter (max 15, decays 0.33/s; +1 per private call,
// +2 for trade history and ledgers; AddOrder/CancelOrder excluded) and a per-pair trading counter (max 60, decays
// 1/s; +1 per order, cancels charged by the order's age). docs.kraken.com "Spot REST Rate Limits", "Spot Trading
// Limits". Public endpoints are limited per IP without a published counter and are not modelled.
import type { RateLimitModel } from './types.js'

export interface KrakenLimits {
  callCounterMax: number
  callCounterDecayPerSecond: number
  tradingCounterMax: number
  tradingCounterDecayPerSecond: number
}

export type KrakenTier = 'starter' | 'intermediate' | 'pro'
export const KRAKEN_TIERS: readonly KrakenTier[] = ['starter', 'intermediate', 'pro']

/** Each verification tier's counters (Kraken: "Spot REST Rate Limits", "Spot Trading Limits"). */
export const KRAKEN_TIER_LIMITS: Record<KrakenTier, KrakenLimits> = {
  starter: {
    callCounterMax: 15,
    callCounterDecayPerSecond: 0.33,
    tradingCounterMax: 60,
    tradingCounterDecayPerSecond: 1,
  },
  intermediate: {
    callCounterMax: 20,
    callCounterDecayPerSecond: 0.5,
    tradingCounterMax: 125,
    tradingCounterDecayPerSecond: 2.34,
  },
  pro: { callCounterMax: 20, callCounterDecayPerSecond: 1, tradingCounterMax: 180, tradingCounterDecayPerSecond: 3.75 },
}

export const KRAKEN_LIMITS: KrakenLimits = KRAKEN_TIER_LIMITS.starter

/** Trading-counter penalty for cancelling an order of this age; unknown age is charged as the youngest. */
export function krakenCancelPenalty(orderAgeMs: number | undefined): number {
  if (orderAgeMs === undefined || orderAgeMs < 5_000) return 8
  if (orderAgeMs < 10_000) return 6
  if (orderAgeMs < 15_000) return 5
  if (orderAgeMs < 45_000) return 4
  if (orderAgeMs < 90_000) return 2
  if (orderAgeMs < 300_000) return 1
  return 0
}

const HEAVY_CALLS = new Set(['fetchMyTrades', 'fetchLedger'])

export function krakenRateModel(overrides: Partial<KrakenLimits> = {}): RateLimitModel {
  const limits = { ...KRAKEN_LIMITS, ...overrides }
  return {
    exchange: 'kraken',
    buckets: {
      calls: { kind: 'decay', capacity: limits.callCounterMax, perSecond: limits.callCounterDecayPerSecond },
      trading: { kind: 'decay', capacity: limits.tradingCounterMax, perSecond: limits.tradingCounterDecayPerSecond },
    },
    costs(request) {
      const pair = request.symbol ?? '*'
      if (request.operation === 'placeOrder') return [{ bucket: 'trading', scope: pair, amount: 1 }]
      if (request.operation === 'cancelOrder') {
        return [{ bucket: 'trading', scope: pair, amount: krakenCancelPenalty(request.orderAgeMs) }]
      }
      if (request.operation === 'marketData' || request.operation === 'status') return []
      return [{ bucket: 'calls', amount: HEAVY_CALLS.has(request.method ?? '') ? 2 : 1 }]
    },
  }
}
