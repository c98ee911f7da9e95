// rankVenues and planSplit on exact scaled integers against the decimal.js implementation they replaced
// (test/domain/reference): fast-check draws markets of one to four venues with 0 to 1,000 levels a side (sorted as
// venues send them, or shuffled; zero sizes, equal prices, long decimals), fees, health and order-size rules, market
// and limit requests on either side, and demands the same decision byte for byte.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { planSplit, rankVenues } from '../../../domain/routing/index.js'
import { planSplit as referencePlanSplit } from '../reference/routing/plan-split.js'
import { rankVenues as referenceRankVenues } from '../reference/routing/rank-venues.js'
import { venue } from '../fixtures.js'
import { routingCase } from './random-market.js'
import { expectSameOutcome } from './same-outcome.js'

const RUNS = Number(process.env.EQUIVALENCE_RUNS ?? 400)

const weights = fc.option(
  fc.record(
    {
      latencyBpsPer100Ms: fc.constantFrom(0, 0.5, 2),
      degradedPenaltyBps: fc.constantFrom(0, 5, 100),
      errorRatePenaltyBps: fc.constantFrom(0, 50),
    },
    { requiredKeys: [] }
  ),
  { nil: undefined }
)

describe('exact routing decides as the decimal.js routing did', () => {
  it('rankVenues', () => {
    fc.assert(
      fc.property(routingCase, weights, ({ request, venues }, w) => {
        expectSameOutcome(
          () => rankVenues(request, venues, w),
          () => referenceRankVenues(request, venues, w)
        )
      }),
      { numRuns: RUNS }
    )
  })

  it('planSplit', () => {
    fc.assert(
      fc.property(routingCase, ({ request, venues }) => {
        expectSameOutcome(
          () => planSplit(request, venues),
          () => referencePlanSplit(request, venues)
        )
      }),
      { numRuns: RUNS }
    )
  })
})

describe('exact routing at the edges random books rarely reach', () => {
  it('planSplit hands a step remainder to the venue whose next unit is cheapest, past a fully taken level', () => {
    // binance's greedy share (1) ends exactly at its first level, so its next unit is the 103 level, not the 100
    // one; kraken's coarse step leaves 0.07 over, which coinbase (next unit 102) takes first.
    const request = { symbol: 'BTC/USDT', side: 'buy' as const, amount: '2.5', type: 'market' as const }
    const venues = [
      venue(
        'binance',
        {
          asks: [
            ['100', '1'],
            ['103', '5'],
          ],
        },
        '0',
        { market: { amountStep: '0.01' } }
      ),
      venue(
        'coinbase',
        {
          asks: [
            ['101', '0.7'],
            ['102', '5'],
          ],
        },
        '0',
        { market: { amountStep: '0.01' } }
      ),
      venue('kraken', { asks: [['100.5', '0.37']] }, '0', { market: { amountStep: '0.1' } }),
    ]
    const plan = planSplit(request, venues)
    expect(plan.allocations.map((a) => [a.exchange, a.amount])).toEqual([
      ['binance', '1'],
      ['coinbase', '1.2'],
      ['kraken', '0.3'],
    ])
    expectSameOutcome(
      () => plan,
      () => referencePlanSplit(request, venues)
    )
  })
})
