// Order splitting: thin books that force a split, with hand-computed allocations, exact sums under amount
// steps, minimums that drop a venue, and a brute-force check that the greedy merge is the cheapest split.
import { describe, expect, it } from 'vitest'

import { add, cmp, dec, floorToStep, mul, sum } from '../../../domain/money.js'
import { planSplit } from '../../../domain/routing/index.js'
import type { RoutingRequest, VenueSnapshot } from '../../../domain/routing/index.js'
import { venue } from '../fixtures.js'
import { walkBook } from '../reference/book.js'

const buy = (amount: string): RoutingRequest => ({ symbol: 'BTC/USDT', side: 'buy', amount, type: 'market' })

describe('planSplit', () => {
  it('splits a thin market by price after fees', () => {
    // after fees: binance 100.1 then 102.102; coinbase 100.701 then 103.206; kraken 101.101
    const plan = planSplit(buy('3'), [
      venue(
        'binance',
        {
          asks: [
            ['100', '1'],
            ['102', '5'],
          ],
        },
        '0.001'
      ),
      venue(
        'coinbase',
        {
          asks: [
            ['100.5', '1.5'],
            ['103', '5'],
          ],
        },
        '0.002'
      ),
      venue('kraken', { asks: [['101', '1']] }, '0.001'),
    ])
    expect(plan.allocations).toEqual([
      {
        exchange: 'binance',
        amount: '1',
        expectedAveragePrice: '100',
        expectedCost: '100',
        fee: '0.1',
        worstPrice: '100',
      },
      {
        exchange: 'coinbase',
        amount: '1.5',
        expectedAveragePrice: '100.5',
        expectedCost: '150.75',
        fee: '0.3015',
        worstPrice: '100.5',
      },
      {
        exchange: 'kraken',
        amount: '0.5',
        expectedAveragePrice: '101',
        expectedCost: '50.5',
        fee: '0.0505',
        worstPrice: '101',
      },
    ])
    expect(plan.totalAmount).toBe('3')
    expect(plan.unfilledAmount).toBe('0')
    expect(plan.totalCost).toBe('301.25')
    expect(plan.totalFees).toBe('0.452')
    expect(cmp(plan.expectedAveragePrice ?? '0', dec('301.25').div(3))).toBe(0)
    expect(plan.reason).toMatch(
      /^Split 3 BTC across binance 1, coinbase 1\.5, kraken 0\.5 for the lowest cost after fees/
    )
  })

  it('keeps the whole order on one venue when that is cheapest', () => {
    const plan = planSplit(buy('1'), [
      venue('binance', { asks: [['100', '5']] }, '0.001'),
      venue('kraken', { asks: [['100.2', '5']] }, '0.001'),
    ])
    expect(plan.allocations.map((a) => [a.exchange, a.amount])).toEqual([['binance', '1']])
  })

  it('rounds to amount steps and still sums exactly (0.1 + 0.2 = 0.3)', () => {
    // greedy: binance 0.25 (step 0.1 -> 0.2), coinbase 0.05; the 0.05 left goes to coinbase (step 0.01)
    const plan = planSplit(buy('0.3'), [
      venue('binance', { asks: [['100', '0.25']] }, '0.001', { market: { amountStep: '0.1' } }),
      venue('coinbase', { asks: [['100.05', '1']] }, '0.001', { market: { amountStep: '0.01' } }),
    ])
    expect(plan.allocations.map((a) => [a.exchange, a.amount])).toEqual([
      ['binance', '0.2'],
      ['coinbase', '0.1'],
    ])
    expect(plan.totalAmount).toBe('0.3')
    expect(plan.unfilledAmount).toBe('0')
    expect(add(plan.allocations[0]?.amount ?? '0', plan.allocations[1]?.amount ?? '0')).toBe('0.3')
  })

  it('sums exactly over many venues with awkward steps', () => {
    const venues: VenueSnapshot[] = [
      venue(
        'binance',
        {
          asks: [
            ['100', '0.33333'],
            ['100.3', '10'],
          ],
        },
        '0.001',
        { market: { amountStep: '0.001' } }
      ),
      venue(
        'coinbase',
        {
          asks: [
            ['100.1', '0.77777'],
            ['100.2', '10'],
          ],
        },
        '0.001',
        {
          market: { amountStep: '0.0001' },
        }
      ),
      venue('kraken', { asks: [['100.15', '0.5555']] }, '0.001', { market: { amountStep: '0.00000001' } }),
    ]
    for (const amount of ['0.1', '0.3', '1.23456789', '2.5', '7.7777']) {
      const plan = planSplit(buy(amount), venues)
      expect(plan.totalAmount).toBe(amount)
      expect(sum(plan.allocations.map((a) => a.amount))).toBe(amount)
      for (const allocation of plan.allocations) {
        const step = venues.find((v) => v.exchange === allocation.exchange)?.market?.amountStep ?? '0'
        expect(floorToStep(allocation.amount, step)).toBe(allocation.amount)
      }
    }
    // kraken's fine step is used up at 0.5555, and the others cannot take 0.00007777
    const infeasible = planSplit(buy('7.77777777'), venues)
    expect(infeasible.totalAmount).toBe('7.7777')
    expect(infeasible.unfilledAmount).toBe('0.00007777')
  })

  it('drops a share below the minimum amount and gives it to another venue', () => {
    const plan = planSplit(buy('1'), [
      venue('binance', { asks: [['100', '5']] }, '0.001'),
      venue('coinbase', { asks: [['99', '0.0005']] }, '0.001', {
        market: { amountStep: '0.0001', minAmount: '0.001' },
      }),
    ])
    expect(plan.allocations.map((a) => [a.exchange, a.amount])).toEqual([['binance', '1']])
    expect(plan.excluded).toEqual([
      { exchange: 'coinbase', reason: 'its share 0.0005 is below the minimum amount 0.001' },
    ])
  })

  it('drops a share below the minimum notional', () => {
    const plan = planSplit(buy('1'), [
      venue(
        'binance',
        {
          asks: [
            ['100', '0.95'],
            ['101', '5'],
          ],
        },
        '0.001'
      ),
      venue('kraken', { asks: [['100.5', '0.05']] }, '0.001', { market: { amountStep: '0.01', minNotional: '10' } }),
    ])
    // kraken's 0.05 is worth 5.025 < 10, so binance takes 0.05 more at 101
    expect(plan.allocations).toEqual([
      expect.objectContaining({ exchange: 'binance', amount: '1', expectedCost: '100.05', worstPrice: '101' }),
    ])
    expect(plan.excluded[0]?.reason).toBe('its share 0.05 is worth 5.025, below the minimum notional 10')
  })

  it('reports what the depth cannot fill', () => {
    const plan = planSplit(buy('10'), [
      venue('binance', { asks: [['100', '2']] }, '0.001'),
      venue('kraken', { asks: [['101', '1.5']] }, '0.001'),
    ])
    expect(plan.totalAmount).toBe('3.5')
    expect(plan.unfilledAmount).toBe('6.5')
    expect(plan.reason).toContain('6.5 BTC cannot be filled')
  })

  it('respects the limit price and leaves out down venues', () => {
    const plan = planSplit({ ...buy('3'), type: 'limit', limitPrice: '100.5' }, [
      venue(
        'binance',
        {
          asks: [
            ['100', '1'],
            ['101', '5'],
          ],
        },
        '0.001'
      ),
      venue('coinbase', { asks: [['99', '5']] }, '0.001', { health: 'down' }),
      venue(
        'kraken',
        {
          asks: [
            ['100.5', '1.2'],
            ['100.6', '5'],
          ],
        },
        '0.001'
      ),
    ])
    expect(plan.allocations.map((a) => [a.exchange, a.amount])).toEqual([
      ['binance', '1'],
      ['kraken', '1.2'],
    ])
    expect(plan.unfilledAmount).toBe('0.8')
    expect(plan.excluded).toEqual([{ exchange: 'coinbase', reason: 'down' }])
  })

  it('merges bids by proceeds after fees on the sell side', () => {
    // after fees: binance 99.9, 98.901; kraken 99.7 (fee 0.003 on 100)
    const plan = planSplit({ symbol: 'BTC/USDT', side: 'sell', amount: '2', type: 'market' }, [
      venue(
        'binance',
        {
          bids: [
            ['100', '1'],
            ['99', '5'],
          ],
        },
        '0.001'
      ),
      venue(
        'kraken',
        {
          bids: [
            ['100', '0.5'],
            ['98', '5'],
          ],
        },
        '0.003'
      ),
    ])
    expect(plan.allocations.map((a) => [a.exchange, a.amount])).toEqual([
      ['binance', '1.5'],
      ['kraken', '0.5'],
    ])
  })

  it('is no more expensive than any split on a 0.1 grid', () => {
    const a = venue(
      'binance',
      {
        asks: [
          ['100', '0.3'],
          ['100.4', '0.5'],
          ['101', '3'],
        ],
      },
      '0.001'
    )
    const b = venue(
      'kraken',
      {
        asks: [
          ['100.2', '0.6'],
          ['100.5', '0.4'],
          ['100.9', '3'],
        ],
      },
      '0.0016'
    )
    const amount = '2'
    const plan = planSplit(buy(amount), [a, b])
    const planCost = add(plan.totalCost, plan.totalFees)
    const costAfterFee = (v: VenueSnapshot, x: string): string =>
      mul(walkBook(v.book.asks, x).cost, dec(1).plus(v.fees.taker))
    for (let tenths = 0; tenths <= 20; tenths += 1) {
      const onA = dec(tenths).div(10).toFixed()
      const onB = dec(amount).minus(onA).toFixed()
      const total = add(costAfterFee(a, onA), costAfterFee(b, onB))
      expect(cmp(planCost, total)).toBeLessThanOrEqual(0)
    }
  })
})
