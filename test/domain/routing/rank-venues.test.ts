// Venue ranking on books with known answers: each test builds two or three venues whose effective prices
// (average × (1 ± taker)) are worked out by hand, then checks the choice, the figures and the reason.
import { describe, expect, it } from 'vitest'

import { rankVenues } from '../../../domain/routing/index.js'
import type { RoutingRequest } from '../../../domain/routing/index.js'
import { venue } from '../fixtures.js'

const buyOne: RoutingRequest = { symbol: 'BTC/USDT', side: 'buy', amount: '1', type: 'market' }

describe('rankVenues', () => {
  it('picks the best price after fees, not the best top of book', () => {
    const venues = [
      venue('binance', { asks: [['64000', '2']] }, '0.001'), // 64064
      venue('coinbase', { asks: [['63950', '2']] }, '0.006'), // 64333.7: cheapest top, dearest after fees
      venue('kraken', { asks: [['64010', '2']] }, '0.0026'), // 64176.426
    ]
    const decision = rankVenues(buyOne, venues)
    expect(decision.selected).toBe('binance')
    expect(decision.candidates.map((c) => c.exchange)).toEqual(['binance', 'kraken', 'coinbase'])
    const [binance, kraken, coinbase] = decision.candidates
    expect(binance).toMatchObject({
      rank: 1,
      expectedAveragePrice: '64000',
      expectedCost: '64000',
      expectedFee: '64',
      effectivePrice: '64064',
      fillableAmount: '1',
      fillRatio: 1,
      fullFill: true,
      liquidityScore: 1,
      priceGapBps: 0,
    })
    expect(kraken?.effectivePrice).toBe('64176.426')
    expect(coinbase?.effectivePrice).toBe('64333.7')
    // slippage is measured against the best top of book across venues (coinbase's 63950): 50 / 63950
    expect(binance?.expectedSlippageBps).toBeCloseTo(7.8186, 3)
    expect(decision.expectedAveragePrice).toBe('64000')
    expect(decision.expectedSlippageBps).toBeCloseTo(7.8186, 3)
    // kraken: 112.426 / 64064 = 0.1755 %
    expect(decision.reason).toBe(
      'binance: best effective price 64064 after 0.10% taker fee, full depth within 50 bps; kraken 0.18% worse'
    )
    expect(decision.splitRecommended).toBe(false)
  })

  it('subtracts the fee on the sell side', () => {
    const sellOne: RoutingRequest = { ...buyOne, side: 'sell' }
    const decision = rankVenues(sellOne, [
      venue('binance', { bids: [['64000', '1']] }, '0.001'), // 63936
      venue('coinbase', { bids: [['64050', '1']] }, '0.006'), // 63665.7
    ])
    expect(decision.selected).toBe('binance')
    expect(decision.candidates[0]?.effectivePrice).toBe('63936')
    expect(decision.candidates[1]?.effectivePrice).toBe('63665.7')
    // vs the best bid 64050: (64050 − 64000) / 64050
    expect(decision.expectedSlippageBps).toBeCloseTo(7.8064, 3)
  })

  it('counts only levels at or better than the limit price', () => {
    const request: RoutingRequest = { ...buyOne, amount: '2', type: 'limit', limitPrice: '64005' }
    const decision = rankVenues(request, [
      venue(
        'binance',
        {
          asks: [
            ['64000', '1'],
            ['64010', '5'],
          ],
        },
        '0.001'
      ),
      venue('kraken', { asks: [['64004', '3']] }, '0.001'),
    ])
    // binance is cheaper per unit but only 1 of 2 BTC is at or under 64005
    expect(decision.selected).toBe('kraken')
    expect(decision.candidates[1]).toMatchObject({
      exchange: 'binance',
      fillableAmount: '1',
      fillRatio: 0.5,
      fullFill: false,
      worstPrice: '64000',
    })
    expect(decision.reason).toContain('binance can fill only 1')
  })

  it('excludes a down venue with a reason instead of ranking it', () => {
    const decision = rankVenues(buyOne, [
      venue('binance', { asks: [['64000', '2']] }, '0.001'),
      venue('coinbase', { asks: [['60000', '2']] }, '0.001', { health: 'down' }),
      venue('kraken', { asks: [['64100', '2']] }, '0.001', { enabled: false }),
    ])
    expect(decision.selected).toBe('binance')
    expect(decision.candidates).toHaveLength(3)
    expect(decision.candidates[1]).toMatchObject({ exchange: 'coinbase', rejection: 'down', reason: 'coinbase: down' })
    expect(decision.candidates[1]?.rank).toBeUndefined()
    expect(decision.candidates[2]).toMatchObject({ exchange: 'kraken', rejection: 'disabled' })
    // the down venue's 60000 does not set the market reference
    expect(decision.expectedSlippageBps).toBe(0)
  })

  it('lets latency break a near-tie', () => {
    const binance = venue('binance', { asks: [['64000', '2']] }, '0.001') // 64064
    const kraken = venue('kraken', { asks: [['64005', '2']] }, '0.001') // 64069.005, 0.78 bps worse
    expect(rankVenues(buyOne, [binance, kraken]).selected).toBe('binance')

    const slow = { ...binance, latencyMs: 400 } // 2 bps at 0.5 bps per 100 ms
    const fast = { ...kraken, latencyMs: 20 } // 0.1 bps
    const decision = rankVenues(buyOne, [slow, fast])
    expect(decision.selected).toBe('kraken')
    expect(decision.candidates[0]?.scoreBps).toBeCloseTo(0.78 + 0.1, 2)
    expect(decision.candidates[1]?.scoreBps).toBeCloseTo(2, 6)
    expect(decision.reason).toBe(
      'kraken: best score, effective price 64069.005 after 0.10% taker fee, full depth within 50 bps; ' +
        'binance 0.01% better price but 2.0 bps of latency and health penalties'
    )
    // with latency weighted at zero, price decides again
    expect(rankVenues(buyOne, [slow, fast], { latencyBpsPer100Ms: 0 }).selected).toBe('binance')
  })

  it('does not let latency override a real price difference', () => {
    const decision = rankVenues(buyOne, [
      venue('binance', { asks: [['64000', '2']] }, '0.001', { latencyMs: 400 }),
      venue('kraken', { asks: [['64100', '2']] }, '0.001', { latencyMs: 10 }), // 15.6 bps worse
    ])
    expect(decision.selected).toBe('binance')
  })

  it('penalises a degraded venue and a high error rate', () => {
    const decision = rankVenues(buyOne, [
      venue('binance', { asks: [['64000', '2']] }, '0.001', { health: 'degraded' }), // +5 bps
      venue('coinbase', { asks: [['64001', '2']] }, '0.001', { errorRate: 0.2 }), // 0.16 bps + 10 bps
      venue('kraken', { asks: [['64010', '2']] }, '0.001'), // 1.56 bps
    ])
    expect(decision.candidates.map((c) => c.exchange)).toEqual(['kraken', 'binance', 'coinbase'])
    expect(decision.candidates[1]?.healthPenaltyBps).toBe(5)
    expect(decision.candidates[2]?.healthPenaltyBps).toBeCloseTo(10, 9)
  })

  it('measures liquidity within the slippage bound from the best price across venues', () => {
    const decision = rankVenues(buyOne, [
      venue(
        'binance',
        {
          asks: [
            ['100', '0.4'],
            ['101', '5'],
          ],
        },
        '0.001'
      ),
      venue('coinbase', { asks: [['100.6', '5']] }, '0.001'),
    ])
    // bound 100.5: binance holds 0.4 of 1 below it, coinbase nothing although its own book is deep
    expect(decision.candidates.find((c) => c.exchange === 'binance')?.liquidityScore).toBe(0.4)
    expect(decision.candidates.find((c) => c.exchange === 'coinbase')?.liquidityScore).toBe(0)
    // binance: 0.4 × 100 + 0.6 × 101 = 100.6 average, same as coinbase; tie broken by exchange order
    expect(decision.selected).toBe('binance')
    expect(decision.reason).toContain('40.00% of the amount within 50 bps')
  })

  it('breaks exact ties by exchange id and ignores input order', () => {
    const venues = [
      venue('kraken', { asks: [['64000', '2']] }, '0.001'),
      venue('coinbase', { asks: [['64000', '2']] }, '0.001'),
      venue('binance', { asks: [['64000', '2']] }, '0.001'),
    ]
    const decision = rankVenues(buyOne, venues)
    expect(decision.candidates.map((c) => c.exchange)).toEqual(['binance', 'coinbase', 'kraken'])
    expect(rankVenues(buyOne, [...venues].reverse())).toEqual(decision)
  })

  it('recommends a split when no venue can fill the whole amount', () => {
    const decision = rankVenues({ ...buyOne, amount: '3' }, [
      venue('binance', { asks: [['64000', '2']] }, '0.001'),
      venue('kraken', { asks: [['64010', '1.5']] }, '0.001'),
    ])
    expect(decision.selected).toBeUndefined()
    expect(decision.splitRecommended).toBe(true)
    expect(decision.candidates.map((c) => c.exchange)).toEqual(['binance', 'kraken'])
    expect(decision.reason).toBe(
      'No single venue can fill 3 BTC (most: binance 2); split the order across venues with planSplit'
    )
  })

  it('explains when no venue can take the order', () => {
    const decision = rankVenues(buyOne, [
      venue('binance', { bids: [['64000', '2']] }, '0.001'),
      venue('kraken', { asks: [['64000', '2']] }, '0.001', { health: 'down' }),
    ])
    expect(decision.selected).toBeUndefined()
    expect(decision.candidates.every((c) => c.rejection !== undefined)).toBe(true)
    expect(decision.reason).toBe('No venue can take this order: binance: no asks; kraken: down')
  })

  it('uses the first snapshot of a venue listed twice', () => {
    const decision = rankVenues(buyOne, [
      venue('binance', { asks: [['64000', '2']] }, '0.001'),
      venue('binance', { asks: [['60000', '2']] }, '0.001'),
    ])
    expect(decision.candidates.map((c) => c.rejection)).toEqual([undefined, 'listed twice; the first snapshot is used'])
    expect(decision.expectedAveragePrice).toBe('64000')
    expect(decision.expectedSlippageBps).toBe(0)
  })

  it('rejects malformed requests', () => {
    expect(() => rankVenues({ ...buyOne, amount: '0' }, [])).toThrow(RangeError)
    expect(() => rankVenues({ ...buyOne, amount: 'abc' }, [])).toThrow(RangeError)
    expect(() => rankVenues({ ...buyOne, type: 'limit' }, [])).toThrow(/limitPrice/)
    expect(() => rankVenues({ ...buyOne, maxSlippageBps: -1 }, [])).toThrow(/maxSlippageBps/)
  })
})
