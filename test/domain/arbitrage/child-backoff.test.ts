// The monitor's pause of a venue pair after a child arbitrage ended badly: doubling, capped, cleared by a trade.
import { describe, expect, it } from 'vitest'

import { MAX_BACKOFF_MS, nextBackoff, pausedPairs, type EndedChild } from '../../../domain/arbitrage/index.js'

const child = (outcome: string, workflowId = 'm-arb-1'): EndedChild => ({
  workflowId,
  opportunityId: 'BTC/USDT:binance->kraken',
  symbol: 'BTC/USDT',
  buyExchange: 'binance',
  sellExchange: 'kraken',
  outcome,
})

describe('nextBackoff', () => {
  it('pauses a pair after a bad end and doubles the pause for each further one, up to the cap', () => {
    const first = nextBackoff(undefined, child('unwound'), 1_000, 60_000)
    expect(first).toEqual({
      opportunityId: 'BTC/USDT:binance->kraken',
      symbol: 'BTC/USDT',
      buyExchange: 'binance',
      sellExchange: 'kraken',
      failures: 1,
      until: 61_000,
      lastOutcome: 'unwound',
      lastChildId: 'm-arb-1',
    })
    const second = nextBackoff(first, child('rejected', 'm-arb-2'), 100_000, 60_000)
    expect(second).toMatchObject({ failures: 2, until: 220_000, lastOutcome: 'rejected', lastChildId: 'm-arb-2' })
    let many = second
    for (let i = 0; i < 20; i++) many = nextBackoff(many, child('unwind_failed'), 0, 60_000)
    expect(many?.until).toBe(MAX_BACKOFF_MS)
  })

  it('counts every end that is not a completed trade as bad, except one that sent nothing', () => {
    for (const outcome of ['rejected', 'unwound', 'unwind_failed', 'unknown', 'failed', 'closed']) {
      expect(nextBackoff(undefined, child(outcome), 0, 1_000)?.failures).toBe(1)
    }
    const paused = nextBackoff(undefined, child('unwound'), 0, 1_000)
    expect(nextBackoff(paused, child('no_opportunity'), 5_000, 1_000)).toBe(paused)
    expect(nextBackoff(undefined, child('no_opportunity'), 5_000, 1_000)).toBeUndefined()
  })

  it('clears the pause after a completed trade', () => {
    const paused = nextBackoff(undefined, child('unwound'), 0, 1_000)
    expect(nextBackoff(paused, child('completed'), 10, 1_000)).toBeUndefined()
  })
})

describe('pausedPairs', () => {
  it('lists only the pairs whose pause has not run out', () => {
    const paused = nextBackoff(undefined, child('unwound'), 0, 1_000)!
    expect(pausedPairs([paused], 999)).toEqual(new Set(['BTC/USDT:binance->kraken']))
    expect(pausedPairs([paused], 1_000)).toEqual(new Set())
  })
})
