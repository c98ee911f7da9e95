// Coinbase Exchange's published limits: lazily refilled token buckets, public 10 req/s (burst 15) per IP,
// private 15 req/s (burst 30) per profile, /fills 10 req/s (burst 20) (docs.cdp.coinbase.com, rate limits).
import type { RateLimitModel } from './types.js'

export interface CoinbaseLimits {
  publicPerSecond: number
  publicBurst: number
  privatePerSecond: number
  privateBurst: number
  fillsPerSecond: number
  fillsBurst: number
}

export const COINBASE_LIMITS: CoinbaseLimits = {
  publicPerSecond: 10,
  publicBurst: 15,
  privatePerSecond: 15,
  privateBurst: 30,
  fillsPerSecond: 10,
  fillsBurst: 20,
}

export function coinbaseRateModel(overrides: Partial<CoinbaseLimits> = {}): RateLimitModel {
  const limits = { ...COINBASE_LIMITS, ...overrides }
  return {
    exchange: 'coinbase',
    buckets: {
      public: { kind: 'decay', capacity: limits.publicBurst, perSecond: limits.publicPerSecond },
      private: { kind: 'decay', capacity: limits.privateBurst, perSecond: limits.privatePerSecond },
      fills: { kind: 'decay', capacity: limits.fillsBurst, perSecond: limits.fillsPerSecond },
    },
    costs(request) {
      if (request.method === 'fetchMyTrades') return [{ bucket: 'fills', amount: 1 }]
      if (request.operation === 'marketData' || request.operation === 'status') return [{ bucket: 'public', amount: 1 }]
      return [{ bucket: 'private', amount: 1 }]
    },
  }
}
