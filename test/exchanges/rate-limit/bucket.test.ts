// Goal: the two bucket kinds count and refill as the venues describe them. Method: drive the pure functions
// with explicit times.
import { describe, expect, it } from 'vitest'

import { advance, checkBucket, consume, syncUsed, withBuffer } from '../../../exchanges/rate-limit/bucket.js'
import type { BucketSpec } from '../../../exchanges/rate-limit/types.js'

describe('window buckets', () => {
  const spec: BucketSpec = { kind: 'window', limit: 10, windowMs: 60_000 }

  it('allow up to the limit within a window aligned to the epoch, then wait for the next window', () => {
    let state = advance(spec, undefined, 120_500)
    expect(state).toEqual({ start: 120_000, used: 0 })
    state = consume(state, 9)
    expect(checkBucket(spec, state, 1, 120_500)).toEqual({ allowed: true, waitMs: 0 })
    expect(checkBucket(spec, state, 2, 150_000)).toEqual({ allowed: false, waitMs: 30_000 })
    expect(advance(spec, state, 180_000)).toEqual({ start: 180_000, used: 0 })
  })

  it('let a cost above the whole limit go alone into an empty window', () => {
    expect(checkBucket(spec, { start: 0, used: 0 }, 50, 0).allowed).toBe(true)
    expect(checkBucket(spec, { start: 0, used: 1 }, 50, 0).allowed).toBe(false)
  })
})

describe('decay buckets', () => {
  const spec: BucketSpec = { kind: 'decay', capacity: 15, perSecond: 0.5 }

  it('drain at the decay rate and say how long until a cost fits', () => {
    let state = advance(spec, undefined, 0)
    state = consume(state, 15)
    const verdict = checkBucket(spec, state, 1, 0)
    expect(verdict).toEqual({ allowed: false, waitMs: 2000 })
    state = advance(spec, state, 2000)
    expect(state).toEqual({ at: 2000, level: 14 })
    expect(checkBucket(spec, state, 1, 2000).allowed).toBe(true)
  })

  it('never drain below zero', () => {
    expect(advance(spec, { at: 0, level: 1 }, 1_000_000)).toEqual({ at: 1_000_000, level: 0 })
  })
})

describe('withBuffer and syncUsed', () => {
  it('keep the reserve off both capacity and rate', () => {
    expect(withBuffer({ kind: 'window', limit: 6000, windowMs: 60_000 }, 0.1)).toEqual({
      kind: 'window',
      limit: 5400,
      windowMs: 60_000,
    })
    const decay = withBuffer({ kind: 'decay', capacity: 30, perSecond: 15 }, 0.2)
    expect(decay).toEqual({ kind: 'decay', capacity: 24, perSecond: 12 })
  })

  it('adopt a higher venue count but never lower ours', () => {
    expect(syncUsed({ start: 0, used: 5 }, 20)).toEqual({ start: 0, used: 20 })
    expect(syncUsed({ start: 0, used: 25 }, 20)).toEqual({ start: 0, used: 25 })
  })
})
