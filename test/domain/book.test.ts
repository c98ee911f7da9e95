// Book arithmetic on hand-computed books: every expected figure below is worked out in the comment beside it.
import { describe, expect, it } from 'vitest'

import {
  bestAsk,
  bestBid,
  coverage,
  depthWithin,
  levelsAtOrBetter,
  midPrice,
  slippageBound,
  walkBook,
} from '../../domain/book.js'
import type { BookLevel } from '../../domain/types.js'
import { book } from './fixtures.js'

const asks: BookLevel[] = [
  ['100', '1'],
  ['101', '2'],
  ['102.5', '0.5'],
]
const bids: BookLevel[] = [
  ['99', '1.5'],
  ['98', '1'],
]

describe('walkBook', () => {
  it('fills inside the first level at that level price', () => {
    expect(walkBook(asks, '0.4')).toEqual({
      filled: '0.4',
      cost: '40',
      average: '100',
      worstPrice: '100',
      levelsUsed: 1,
      exhausted: false,
    })
  })

  it('walks several levels, the last in part', () => {
    // 1 × 100 + 1.5 × 101 = 251.5 for 2.5, average 100.6
    expect(walkBook(asks, '2.5')).toEqual({
      filled: '2.5',
      cost: '251.5',
      average: '100.6',
      worstPrice: '101',
      levelsUsed: 2,
      exhausted: false,
    })
  })

  it('reports exhaustion when the book is thinner than the amount', () => {
    const walk = walkBook(asks, '10')
    // 100 + 202 + 51.25 = 353.25 for 3.5
    expect(walk).toMatchObject({ filled: '3.5', cost: '353.25', levelsUsed: 3, exhausted: true })
    expect(walk.worstPrice).toBe('102.5')
  })

  it('has no average on an empty side', () => {
    expect(walkBook([], '1')).toEqual({ filled: '0', cost: '0', levelsUsed: 0, exhausted: true })
  })

  it('stays exact where floats drift', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004
    const walk = walkBook([['0.1', '0.1'], ['0.2', '0.2']], '0.3')
    expect(walk.filled).toBe('0.3')
    expect(walk.cost).toBe('0.05')
    expect(walk.exhausted).toBe(false)
  })

  it('skips zero-size levels', () => {
    expect(walkBook([['100', '0'], ['101', '1']], '1')).toMatchObject({ average: '101', levelsUsed: 1 })
  })
})

describe('top of book', () => {
  const b = book('binance', { bids, asks })

  it('gives best bid, best ask and mid', () => {
    expect(bestBid(b)).toBe('99')
    expect(bestAsk(b)).toBe('100')
    expect(midPrice(b)).toBe('99.5')
  })

  it('has no mid on a one-sided book', () => {
    const oneSided = book('binance', { asks })
    expect(bestBid(oneSided)).toBeUndefined()
    expect(midPrice(oneSided)).toBeUndefined()
  })
})

describe('depth within a price bound', () => {
  it('computes the bound exactly', () => {
    expect(slippageBound('100', 50, 'buy')).toBe('100.5')
    expect(slippageBound('100', 50, 'sell')).toBe('99.5')
    expect(slippageBound('64000', 12.5, 'buy')).toBe('64080')
  })

  it('counts ask levels up to ref × (1 + bps)', () => {
    // bound 101 at 100 bps: levels at 100 and 101
    expect(depthWithin(asks, '100', 100, 'buy')).toBe('3')
    expect(depthWithin(asks, '100', 99, 'buy')).toBe('1')
  })

  it('counts bid levels down to ref × (1 − bps)', () => {
    // bound 98.01 at 100 bps from 99: only the 99 level
    expect(depthWithin(bids, '99', 100, 'sell')).toBe('1.5')
    expect(depthWithin(bids, '99', 200, 'sell')).toBe('2.5')
  })

  it('measures from a reference better than the venue’s own top', () => {
    // a venue whose best ask is 1 % above the reference has nothing within 50 bps
    expect(depthWithin(asks, '99', 50, 'buy')).toBe('0')
  })

  it('filters levels at or better than a limit price', () => {
    expect(levelsAtOrBetter(asks, 'buy', '101')).toEqual([['100', '1'], ['101', '2']])
    expect(levelsAtOrBetter(bids, 'sell', '98.5')).toEqual([['99', '1.5']])
  })

  it('computes coverage', () => {
    expect(coverage('3.5', '7')).toBe(0.5)
    expect(coverage('10', '7')).toBe(1)
    expect(coverage('1', '0')).toBe(0)
  })
})
