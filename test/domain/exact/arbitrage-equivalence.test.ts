// The arbitrage scan and recheck on exact scaled integers against the decimal.js implementation they replaced
// (test/domain/reference): fast-check draws one to four venues whose mids differ by up to 2 % (so some pairs cross),
// books of 0 to 1,000 levels a side, fees and order-size rules, and scan options, and demands the same opportunities,
// skipped pairs, per-pair reasons and rechecks byte for byte.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  evaluatePair,
  findOpportunities,
  recheckOpportunity,
  scanPairs,
  type ArbitrageVenue,
} from '../../../domain/arbitrage/index.js'
import { evaluatePair as referenceEvaluatePair } from '../reference/arbitrage/evaluate-pair.js'
import {
  findOpportunities as referenceFindOpportunities,
  scanPairs as referenceScanPairs,
} from '../reference/arbitrage/find-opportunities.js'
import { recheckOpportunity as referenceRecheck } from '../reference/arbitrage/recheck.js'
import { arbitrageCase, SYMBOL } from './random-market.js'
import { expectSameOutcome } from './same-outcome.js'

const RUNS = Number(process.env.EQUIVALENCE_RUNS ?? 400)

describe('exact arbitrage decides as the decimal.js arbitrage did', () => {
  it('scanPairs (findOpportunities and the skipped pairs)', () => {
    fc.assert(
      fc.property(arbitrageCase, ({ venues, options }) => {
        expectSameOutcome(
          () => scanPairs(SYMBOL, venues, options),
          () => referenceScanPairs(SYMBOL, venues, options)
        )
        expectSameOutcome(
          () => findOpportunities(SYMBOL, venues, options),
          () => referenceFindOpportunities(SYMBOL, venues, options)
        )
      }),
      { numRuns: RUNS }
    )
  })

  it('evaluatePair on every ordered pair', () => {
    fc.assert(
      fc.property(arbitrageCase, ({ venues, options }) => {
        for (const buy of venues) {
          for (const sell of venues) {
            expectSameOutcome(
              () => evaluatePair(SYMBOL, buy, sell, options),
              () => referenceEvaluatePair(SYMBOL, buy, sell, options)
            )
          }
        }
      }),
      { numRuns: RUNS / 4 }
    )
  })

  it('recheckOpportunity of each opportunity on the other venues books', () => {
    fc.assert(
      fc.property(arbitrageCase, arbitrageCase, ({ venues, options }, later) => {
        for (const opportunity of referenceScanPairs(SYMBOL, venues, options).opportunities) {
          const buy = later.venues.find((v) => v.exchange === opportunity.buyExchange) ?? venues[0]
          const sell = later.venues.find((v) => v.exchange === opportunity.sellExchange) ?? venues[0]
          if (buy === undefined || sell === undefined) continue
          const fresh = {
            buyBook: { ...buy.book, exchange: opportunity.buyExchange },
            sellBook: { ...sell.book, exchange: opportunity.sellExchange },
            buyMarket: buy.market,
            sellMarket: sell.market,
          }
          expectSameOutcome(
            () => recheckOpportunity(opportunity, fresh, options),
            () => referenceRecheck(opportunity, fresh, options)
          )
        }
      }),
      { numRuns: RUNS / 2 }
    )
  })
})

describe('exact arbitrage at the edges random books rarely reach', () => {
  it('compares the margin rounded to 40 digits with the threshold, as decimal.js did', () => {
    // (bid − ask) ÷ ask is 1000 + 1.1e-37: above a 100 000 % threshold exactly, but not once rounded to 40 digits.
    const book = { symbol: SYMBOL, timestamp: 0 }
    const buy: ArbitrageVenue = {
      exchange: 'binance',
      book: { ...book, exchange: 'binance', bids: [], asks: [['0.009', '1']] },
      fees: { maker: '0', taker: '0' },
    }
    const sell: ArbitrageVenue = {
      exchange: 'kraken',
      book: { ...book, exchange: 'kraken', bids: [[`9.009${'0'.repeat(35)}1`, '1']], asks: [] },
      fees: { maker: '0', taker: '0' },
    }
    const options = { minProfitPct: 100_000 }
    const evaluation = evaluatePair(SYMBOL, buy, sell, options)
    expect(evaluation).toHaveProperty('reason')
    expectSameOutcome(
      () => evaluation,
      () => referenceEvaluatePair(SYMBOL, buy, sell, options)
    )
  })
})
