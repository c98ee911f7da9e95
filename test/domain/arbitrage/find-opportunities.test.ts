// Arbitrage detection on books with hand-computed margins: a unit bought at ask a (taker fa) and sold at bid b
// (taker fb) nets (b(1 − fb) − a(1 + fa)) / a(1 + fa). Each test states those figures beside the books.
import { describe, expect, it } from 'vitest'

import { evaluatePair, findOpportunities } from '../../../domain/arbitrage/index.js'
import type { ArbitrageVenue } from '../../../domain/arbitrage/index.js'
import { dec } from '../../../domain/money.js'
import type { BookLevel, ExchangeId } from '../../../domain/types.js'
import { book } from '../fixtures.js'

const SYMBOL = 'BTC/USDT'

function arbVenue(exchange: ExchangeId, sides: { bids?: BookLevel[]; asks?: BookLevel[] }, taker = '0.001') {
  return { exchange, book: book(exchange, sides), fees: { maker: '0', taker } } satisfies ArbitrageVenue
}

describe('findOpportunities', () => {
  it('finds a pair only when the margin after both taker fees beats minProfitPct', () => {
    // unit cost 100 × 1.001 = 100.1; proceeds 100.5 × 0.999 = 100.3995; margin 0.2995 / 100.1 = 0.2992 %
    const venues = [arbVenue('binance', { asks: [['100', '1']] }), arbVenue('kraken', { bids: [['100.5', '1']] })]
    const [found, ...rest] = findOpportunities(SYMBOL, venues, { minProfitPct: 0.1 })
    expect(rest).toEqual([])
    expect(found).toEqual({
      id: 'BTC/USDT:binance->kraken',
      symbol: SYMBOL,
      buyExchange: 'binance',
      sellExchange: 'kraken',
      amount: '1',
      buyAveragePrice: '100',
      sellAveragePrice: '100.5',
      buyLimitPrice: '100',
      sellLimitPrice: '100.5',
      buyCost: '100',
      sellProceeds: '100.5',
      buyTakerFee: '0.001',
      sellTakerFee: '0.001',
      buyFee: '0.1',
      sellFee: '0.1005',
      grossProfit: '0.5',
      netProfit: '0.2995',
      netProfitPct: dec('0.2995').div('100.1').times(100).toNumber(),
      buyLevelsUsed: 1,
      sellLevelsUsed: 1,
      buyBookTimestamp: 1_700_000_000_000,
      sellBookTimestamp: 1_700_000_000_000,
    })
    expect(findOpportunities(SYMBOL, venues, { minProfitPct: 0.3 })).toEqual([])
  })

  it('finds nothing when fees eat a positive gross spread', () => {
    // gross +0.15 per unit, but 100.15 × 0.999 = 100.04985 < 100.1
    const venues = [arbVenue('binance', { asks: [['100', '1']] }), arbVenue('kraken', { bids: [['100.15', '1']] })]
    expect(findOpportunities(SYMBOL, venues, { minProfitPct: 0 })).toEqual([])
    const evaluation = evaluatePair(SYMBOL, venues[0]!, venues[1]!, { minProfitPct: 0 })
    expect(evaluation).toEqual({
      reason:
        'buy binance at 100 (100.1 after fee), sell kraken at 100.15 (100.04985 after fee): ' +
        'net -0.0501% is not above 0%',
    })
  })

  describe('sizes from depth across several levels', () => {
    const buyVenue = arbVenue('binance', {
      asks: [
        ['100', '0.5'],
        ['100.1', '0.5'],
        ['100.3', '1'],
      ],
    })
    const sellVenue = arbVenue('kraken', {
      bids: [
        ['100.6', '0.3'],
        ['100.5', '0.4'],
        ['100.2', '2'],
      ],
    })
    // marginal units: 0.3 @ 0.3986 %, 0.2 @ 0.2992 %, 0.2 @ 0.199 % (100.1 vs 100.5), then 100.1 vs 100.2 loses

    it('takes every unit above the threshold', () => {
      const [found] = findOpportunities(SYMBOL, [buyVenue, sellVenue], { minProfitPct: 0.1 })
      expect(found).toMatchObject({
        amount: '0.7',
        buyCost: '70.02', // 0.5 × 100 + 0.2 × 100.1
        sellProceeds: '70.38', // 0.3 × 100.6 + 0.4 × 100.5
        buyLimitPrice: '100.1',
        sellLimitPrice: '100.5',
        buyLevelsUsed: 2,
        sellLevelsUsed: 2,
        grossProfit: '0.36',
        buyFee: '0.07002',
        sellFee: '0.07038',
        netProfit: '0.2196',
      })
      // 70.02 / 0.7 = 100.0285714…, carried to 40 significant digits
      expect(found?.buyAveragePrice).toMatch(/^100\.02857142857142857142857/)
      expect(found?.sellAveragePrice).toBe('100.5428571428571428571428571428571428571')
      expect(found?.netProfitPct).toBeGreaterThan(0.1)
    })

    it('stops earlier under a higher threshold', () => {
      const [found] = findOpportunities(SYMBOL, [buyVenue, sellVenue], { minProfitPct: 0.25 })
      expect(found).toMatchObject({ amount: '0.5', buyLimitPrice: '100', sellLimitPrice: '100.5' })
    })

    it('caps by maxAmount and rounds down to the amount step', () => {
      const capped = findOpportunities(SYMBOL, [buyVenue, sellVenue], { minProfitPct: 0.1, maxAmount: '0.4' })
      expect(capped[0]).toMatchObject({ amount: '0.4', buyCost: '40', sellProceeds: '40.23', sellLevelsUsed: 2 })
      const stepped = findOpportunities(SYMBOL, [buyVenue, sellVenue], { minProfitPct: 0.1, amountStep: '0.25' })
      expect(stepped[0]?.amount).toBe('0.5')
      const tooCoarse = evaluatePair(SYMBOL, buyVenue, sellVenue, { minProfitPct: 0.1, amountStep: '1' })
      expect(tooCoarse).toEqual({ reason: 'profitable size 0.7 rounds to 0 at step 1', unmet: 'amountStep' })
    })
  })

  it('checks every ordered pair and sorts by net profit, whatever the input order', () => {
    const venues = [
      arbVenue('binance', { asks: [['100', '1']], bids: [['99.9', '1']] }),
      arbVenue('coinbase', { asks: [['100.2', '1']], bids: [['100.4', '1']] }),
      arbVenue('kraken', { asks: [['101.5', '1']], bids: [['101', '1']] }),
    ]
    const found = findOpportunities(SYMBOL, venues, { minProfitPct: 0.1 })
    expect(found.map((o) => o.id)).toEqual([
      'BTC/USDT:binance->kraken', // 101 × 0.999 − 100.1 = 0.799
      'BTC/USDT:coinbase->kraken', // 100.899 − 100.3002 = 0.5988
      'BTC/USDT:binance->coinbase', // 100.2996 − 100.1 = 0.1996
    ])
    expect(findOpportunities(SYMBOL, [...venues].reverse(), { minProfitPct: 0.1 })).toEqual(found)
  })

  it('ignores books for another symbol and empty sides', () => {
    const binance = arbVenue('binance', { asks: [['100', '1']] })
    const ethBook = { ...arbVenue('kraken', {}), book: book('kraken', { bids: [['200', '1']] }, 'ETH/USDT') }
    expect(findOpportunities(SYMBOL, [binance, ethBook], { minProfitPct: 0 })).toEqual([])
    const emptyAsks = evaluatePair(SYMBOL, arbVenue('binance', {}), arbVenue('kraken', { bids: [['1', '1']] }), {
      minProfitPct: 0,
    })
    expect(emptyAsks).toEqual({ reason: 'binance has no asks' })
  })

  it('rejects malformed options', () => {
    const venues = [arbVenue('binance', { asks: [['100', '1']] }), arbVenue('kraken', { bids: [['101', '1']] })]
    expect(() => findOpportunities(SYMBOL, venues, { minProfitPct: Number.NaN })).toThrow(RangeError)
    expect(() => findOpportunities(SYMBOL, venues, { minProfitPct: 0.1, maxAmount: '-1' })).toThrow(/maxAmount/)
    expect(() => findOpportunities(SYMBOL, venues, { minProfitPct: 0.1, amountStep: 'x' })).toThrow(/amountStep/)
  })
})
