// Per-token request rate limit: a token bucket per token name (per client address when no token identifies the
// request), refilled at `perSecond` up to `burst`. Over the limit: 429 with Retry-After in whole seconds.
// The buckets live in this process: N API processes behind a load balancer allow N times the rate.
import type { IncomingMessage } from 'node:http'

import type { Context, MiddlewareHandler } from 'hono'

import type { AuthEnv } from './auth.js'
import { ApiError } from './errors.js'

export interface RateLimit {
  /** Requests per second a token (or a client address) may sustain. */
  perSecond: number
  /** Requests it may send at once after being idle. */
  burst: number
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 40 }

/** Buckets kept at most; beyond it, idle ones (full again) are forgotten first, then the oldest. */
const MAX_BUCKETS = 10_000

interface Bucket {
  tokens: number
  at: number
}

/** take(key): 0 when a request may go now, else the whole seconds until one may. */
export function createTokenBuckets({ perSecond, burst }: RateLimit, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>()

  function refill(bucket: Bucket, t: number): void {
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond)
    bucket.at = t
  }

  function evict(t: number): void {
    for (const [key, bucket] of buckets) {
      refill(bucket, t)
      if (bucket.tokens >= burst) buckets.delete(key)
    }
    // Still full of busy clients: forget the oldest (Map iterates in insertion order).
    for (const key of buckets.keys()) {
      if (buckets.size < MAX_BUCKETS) break
      buckets.delete(key)
    }
  }

  return {
    take(key: string): number {
      const t = now()
      let bucket = buckets.get(key)
      if (!bucket) {
        if (buckets.size >= MAX_BUCKETS) evict(t)
        bucket = { tokens: burst, at: t }
        buckets.set(key, bucket)
      }
      refill(bucket, t)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return 0
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond))
    },
    get size() {
      return buckets.size
    },
  }
}

/**
 * The client's address from the socket (never from X-Forwarded-For, which any client can write); 'local' for
 * requests that did not come over a socket (app.request in tests).
 */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: Pick<IncomingMessage, 'socket'> } | undefined
  return env?.incoming?.socket?.remoteAddress ?? 'local'
}

/** Runs after identifyBearer: the token's name is the key when a token identified the request. */
export function rateLimit(limit: RateLimit, now?: () => number): MiddlewareHandler<AuthEnv> {
  const buckets = createTokenBuckets(limit, now)
  return async function rateLimit(c, next) {
    const token = c.get('token')
    const retryAfter = buckets.take(token ? `token:${token.name}` : `address:${clientAddress(c)}`)
    if (retryAfter > 0) {
      c.header('Retry-After', String(retryAfter))
      throw new ApiError(
        429,
        'rate_limited',
        `too many requests: at most ${limit.perSecond} per second (burst ${limit.burst}); retry after ${retryAfter} s`
      )
    }
    await next()
  }
}
