// One rate limiter per (exchange, API key): it paces our calls to stay inside the venue's published budgets, with
// a reserve, and stops every call for that key while the venue has asked us to back off (Retry-After, a ban), so a
// 429 is never followed by more requests that would turn it into a 418.
import type { RateLimitDecision } from '../../domain/types.js'
import { RateLimitError } from '../errors.js'
import { advance, checkBucket, consume, syncUsed, withBuffer } from './bucket.js'
import type { BucketState } from './bucket.js'
import type { BucketSpec, RateLimitModel, RateLimitRequest } from './types.js'

export interface RateLimiterOptions {
  model: RateLimitModel
  /** 0..1 share of each budget kept unused. */
  buffer: number
  /**
   * 0..1: this process's part of what the reserve leaves, when several processes use the same API key (default 1).
   * The venue's own usage counts (observeUsage) are the whole key's, so they are scaled by it before they are adopted.
   */
  share?: number
  /** ms since the epoch. */
  clock?: () => number
  sleep?: (ms: number) => Promise<void>
  /** acquire() waits at most this long in total, then throws RateLimitError. */
  maxWaitMs: number
}

export interface RateLimiter {
  readonly exchange: RateLimitModel['exchange']
  /** May this call go now; if not, when. Consumes nothing. */
  check(request: RateLimitRequest): RateLimitDecision
  /** Consumes the call's cost when it may go now; otherwise consumes nothing and says when. */
  tryAcquire(request: RateLimitRequest): RateLimitDecision
  /**
   * Waits (at most maxWaitMs) until the call may go and consumes its cost; else throws RateLimitError. With `bound`,
   * a wait that would end at or after `bound.until` throws `bound.error()` at once instead of waiting. Resolves with
   * the ms it waited (0 when the call could go at once), for the rate-limit wait metrics.
   */
  acquire(request: RateLimitRequest, bound?: AcquireBound): Promise<number>
  /** Blocks every call until `untilMs` (the venue's Retry-After or ban). Never shortens an existing block. */
  blockUntil(untilMs: number): void
  /** ms since the epoch until which calls are blocked (0 when not blocked). */
  blockedUntil(): number
  /** Raises our count of a bucket to what the venue reports for the key (e.g. Binance X-MBX-USED-WEIGHT-1M). */
  observeUsage(bucket: string, used: number, scope?: string): void
}

/** An outer deadline on one acquire (an order attempt's sendBy). */
export interface AcquireBound {
  /** ms since the epoch, on the limiter's clock. */
  until: number
  error: () => Error
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { model, maxWaitMs } = options
  const clock = options.clock ?? Date.now
  const sleep = options.sleep ?? defaultSleep
  const share = options.share ?? 1
  const specs = new Map<string, BucketSpec>(
    Object.entries(model.buckets).map(([name, spec]) => [name, withBuffer(spec, options.buffer, share)])
  )
  const states = new Map<string, BucketState>()
  let blocked = 0

  const specOf = (bucket: string): BucketSpec => {
    const spec = specs.get(bucket)
    if (spec === undefined) throw new Error(`rate limit model ${model.exchange} has no bucket ${bucket}`)
    return spec
  }
  const keyOf = (bucket: string, scope?: string) => (scope === undefined ? bucket : `${bucket}|${scope}`)

  function evaluate(request: RateLimitRequest, spend: boolean): RateLimitDecision {
    const now = clock()
    if (blocked > now) return { allowed: false, retryAfterMs: blocked - now }
    const costs = model.costs(request)
    let waitMs = 0
    const next: [string, BucketState][] = []
    for (const cost of costs) {
      const spec = specOf(cost.bucket)
      const key = keyOf(cost.bucket, cost.scope)
      const state = advance(spec, states.get(key), now)
      const verdict = checkBucket(spec, state, cost.amount, now)
      if (!verdict.allowed) waitMs = Math.max(waitMs, verdict.waitMs)
      next.push([key, consume(state, cost.amount)])
    }
    if (waitMs > 0) return { allowed: false, retryAfterMs: waitMs }
    if (spend) for (const [key, state] of next) states.set(key, state)
    return { allowed: true, retryAfterMs: 0 }
  }

  return {
    exchange: model.exchange,
    check: (request) => evaluate(request, false),
    tryAcquire: (request) => evaluate(request, true),
    async acquire(request, bound) {
      const started = clock()
      let slept = false
      for (;;) {
        if (bound !== undefined && clock() >= bound.until) throw bound.error()
        const decision = evaluate(request, true)
        if (decision.allowed) return slept ? clock() - started : 0
        if (bound !== undefined && clock() + decision.retryAfterMs >= bound.until) throw bound.error()
        const waited = clock() - started
        if (waited + decision.retryAfterMs > maxWaitMs) {
          throw new RateLimitError(
            `${model.exchange} ${request.method ?? request.operation}: rate limit budget exhausted, ` +
              `next slot in ${decision.retryAfterMs} ms (waited ${waited} ms of at most ${maxWaitMs} ms)`,
            {
              exchange: model.exchange,
              operation: request.method ?? request.operation,
              retryAfterMs: decision.retryAfterMs,
            }
          )
        }
        slept = true
        await sleep(decision.retryAfterMs)
      }
    },
    blockUntil(untilMs) {
      blocked = Math.max(blocked, untilMs)
    },
    blockedUntil: () => (blocked > clock() ? blocked : 0),
    observeUsage(bucket, used, scope) {
      const spec = specOf(bucket)
      const key = keyOf(bucket, scope)
      // The key's total against the key's budget, i.e. its share of the total against this process's share.
      states.set(key, syncUsed(advance(spec, states.get(key), clock()), used * share))
    },
  }
}
