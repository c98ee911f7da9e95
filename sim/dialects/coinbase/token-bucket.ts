// Lazy-fill token buckets, one per key (IP or profile): Coinbase's published model for its REST limits
// (bucket size = burst, refill = rate per second). Pure over an injected clock.

export interface BucketLimit {
  /** Tokens added per second. */
  ratePerSecond: number
  /** Bucket size: the largest burst accepted after a quiet period. */
  burst: number
}

export interface TokenDecision {
  allowed: boolean
  /** When refused: ms until one token is available. */
  retryAfterMs: number
}

interface Bucket {
  tokens: number
  updatedAt: number
}

export interface KeyedTokenBuckets {
  take(key: string): TokenDecision
}

export function createKeyedTokenBuckets(limit: BucketLimit, now: () => number): KeyedTokenBuckets {
  const buckets = new Map<string, Bucket>()
  return {
    take(key) {
      const time = now()
      const bucket = buckets.get(key) ?? { tokens: limit.burst, updatedAt: time }
      const elapsedSeconds = Math.max(0, time - bucket.updatedAt) / 1000
      bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsedSeconds * limit.ratePerSecond)
      bucket.updatedAt = time
      buckets.set(key, bucket)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return { allowed: true, retryAfterMs: 0 }
      }
      return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / limit.ratePerSecond) * 1000) }
    },
  }
}
