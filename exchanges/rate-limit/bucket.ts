// Pure bucket arithmetic: given a bucket's state and the time, may `amount` more go, and if not, when.
import type { BucketSpec } from './types.js'

/** window: units used in the window starting at `start`; decay: counter level at time `at`. */
export type BucketState = { start: number; used: number } | { at: number; level: number }

export interface BucketCheck {
  allowed: boolean
  /** ms until `amount` fits (0 when allowed). */
  waitMs: number
}

/**
 * This process's part of the venue's limit: `buffer` 0.1 keeps 10 % of it unused, and `share` is this process's part
 * of what remains when other processes use the same API key (1/3 for one of three workers: RATE_LIMIT_SHARE).
 */
export function withBuffer(spec: BucketSpec, buffer: number, share = 1): BucketSpec {
  const keep = (1 - Math.min(Math.max(buffer, 0), 0.9)) * Math.min(Math.max(share, 0), 1)
  if (spec.kind === 'window') return { ...spec, limit: Math.max(1, Math.floor(spec.limit * keep)) }
  return { kind: 'decay', capacity: Math.max(1, spec.capacity * keep), perSecond: spec.perSecond * keep }
}

/** The state brought forward to `now` (window rolled over, counter drained). */
export function advance(spec: BucketSpec, state: BucketState | undefined, now: number): BucketState {
  if (spec.kind === 'window') {
    const start = Math.floor(now / spec.windowMs) * spec.windowMs
    if (state === undefined || !('start' in state) || state.start !== start) return { start, used: 0 }
    return state
  }
  if (state === undefined || !('at' in state)) return { at: now, level: 0 }
  const drained = Math.max(0, state.level - (spec.perSecond * Math.max(0, now - state.at)) / 1000)
  return { at: now, level: drained }
}

/** May `amount` go now? A cost above the whole budget goes alone into an empty bucket rather than never. */
export function checkBucket(spec: BucketSpec, state: BucketState, amount: number, now: number): BucketCheck {
  if (amount <= 0) return { allowed: true, waitMs: 0 }
  if (spec.kind === 'window' && 'used' in state) {
    if (state.used + amount <= spec.limit || state.used === 0) return { allowed: true, waitMs: 0 }
    return { allowed: false, waitMs: Math.max(1, state.start + spec.windowMs - now) }
  }
  if (spec.kind === 'decay' && 'level' in state) {
    const excess = state.level + amount - spec.capacity
    if (excess <= 1e-9 || state.level <= 1e-9) return { allowed: true, waitMs: 0 }
    if (spec.perSecond <= 0) return { allowed: false, waitMs: Number.POSITIVE_INFINITY }
    return { allowed: false, waitMs: Math.max(1, Math.ceil((excess / spec.perSecond) * 1000)) }
  }
  throw new Error(`bucket state does not match its spec kind ${spec.kind}`)
}

/** The state after spending `amount` (call checkBucket first). */
export function consume(state: BucketState, amount: number): BucketState {
  if ('used' in state) return { start: state.start, used: state.used + amount }
  return { at: state.at, level: state.level + amount }
}

/** Adopts the venue's own count when it is higher than ours (other processes share the key or IP). */
export function syncUsed(state: BucketState, used: number): BucketState {
  if ('used' in state) return { start: state.start, used: Math.max(state.used, used) }
  return { at: state.at, level: Math.max(state.level, used) }
}
