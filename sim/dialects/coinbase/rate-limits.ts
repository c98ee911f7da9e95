// Coinbase Exchange's published REST limits (docs.cdp.coinbase.com/exchange/rest-api/rate-limits; wire-formats
// §2.6): public 10 req/s per IP with bursts up to 15, private 15 req/s per profile with bursts up to 30,
// /fills 10 req/s with bursts up to 20. Refusals are 429 with Coinbase's message and a Retry-After in seconds.
import type { SimResponse } from '../../dialect.js'
import { coinbaseError } from './errors.js'
import { createKeyedTokenBuckets, type BucketLimit } from './token-bucket.js'

export interface CoinbaseRateLimits {
  public: BucketLimit
  private: BucketLimit
  fills: BucketLimit
}

export const PUBLISHED_RATE_LIMITS: CoinbaseRateLimits = {
  public: { ratePerSecond: 10, burst: 15 },
  private: { ratePerSecond: 15, burst: 30 },
  fills: { ratePerSecond: 10, burst: 20 },
}

export type RateLimitClass = keyof CoinbaseRateLimits

export interface CoinbaseRateLimiter {
  /** undefined when the request may go; otherwise the 429 to send. */
  check(kind: RateLimitClass, key: string): SimResponse | undefined
}

export function createCoinbaseRateLimiter(limits: CoinbaseRateLimits, now: () => number): CoinbaseRateLimiter {
  const buckets = {
    public: createKeyedTokenBuckets(limits.public, now),
    private: createKeyedTokenBuckets(limits.private, now),
    fills: createKeyedTokenBuckets(limits.fills, now),
  }
  return {
    check(kind, key) {
      const decision = buckets[kind].take(key)
      if (decision.allowed) return undefined
      const message = kind === 'public' ? 'Public rate limit exceeded' : 'Private rate limit exceeded'
      const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000))
      return coinbaseError(429, message, { 'Retry-After': String(retryAfterSeconds) })
    },
  }
}
