// Book arithmetic on hand-computed books: every expected figure below is worked out in the comment beside it.
import { describe, expect, it } from 'vitest'

import {
  acceptedLevels,
  allLevels,
  depthOf,
  isAtOrBetterPrice,
  positiveLevels,
  slippageBoundPrice,
  takerLevels,
  walkLevels,
  type ExactLevel,
  type LevelStream,
} from '../../domain/book-levels.js'
import { parseExact, toDecimalString, type Exact } from '../../domain/exact/index.js'
import type { BookLevel, Side } from '../../domain/types.js'
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

const text = (value: Exact) => toDecimalString(value)
const walk = (levels: BookLevel[], amount: string) => {
  const { filled, cost, levelsUsed, exhausted, worstPrice } = walkLevels(positiveLevels(levels), parseExact(amount))
  return { filled: text(filled), cost: text(cost), levelsUsed, exhausted, worstPrice: worstPrice && text(worstPrice) }
}
const asText = (levels: ExactLevel[]) => levels.map(({ price, size }) => [text(price), text(size)])
/** A stream that counts the levels read, to show a decision reads no more of the book than it needs. */
const counted = (levels: BookLevel[]) => {
  let read = 0
  const stream = positiveLevels(levels)
  const counting: LevelStream = { at: (index) => ((read = Math.max(read, index + 1)), stream.at(index)) }
  return { stream: counting, read: () => read }
}

describe('walkLevels', () => {
  it('fills inside the first level at that level price', () => {
    expect(walk(asks, '0.4')).toEqual({ filled: '0.4', cost: '40', levelsUsed: 1, exhausted: false, worstPrice: '100' })
  })

  it('walks several levels, the last in part, reading no level beyond it', () => {
    // 1 × 100 + 1.5 × 101 = 251.5 for 2.5
    expect(walk(asks, '2.5')).toEqual({
      filled: '2.5',
      cost: '251.5',
      levelsUsed: 2,
      exhausted: false,
      worstPrice: '101',
    })
    const { stream, read } = counted(asks)
    walkLevels(stream, parseExact('2.5'))
    expect(read()).toBe(2)
  })

  it('reports exhaustion when the book is thinner than the amount', () => {
    // 100 + 202 + 51.25 = 353.25 for 3.5
    expect(walk(asks, '10')).toEqual({
      filled: '3.5',
      cost: '353.25',
      levelsUsed: 3,
      exhausted: true,
      worstPrice: '102.5',
    })
  })

  it('has no worst price on an empty side', () => {
    expect(walk([], '1')).toEqual({ filled: '0', cost: '0', levelsUsed: 0, exhausted: true, worstPrice: undefined })
  })

  it('stays exact where floats drift', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; 0.1 × 0.1 + 0.2 × 0.2 = 0.05
    expect(
      walk(
        [
          ['0.1', '0.1'],
          ['0.2', '0.2'],
        ],
        '0.3'
      )
    ).toMatchObject({ filled: '0.3', cost: '0.05', exhausted: false })
  })

  it('skips zero-size levels', () => {
    expect(
      walk(
        [
          ['100', '0'],
          ['101', '1'],
        ],
        '1'
      )
    ).toMatchObject({ cost: '101', levelsUsed: 1, worstPrice: '101' })
  })
})

describe('book sides and price bounds', () => {
  it('gives a taker the side it consumes', () => {
    const b = book('binance', { bids, asks })
    expect(takerLevels(b, 'buy')).toBe(b.asks)
    expect(takerLevels(b, 'sell')).toBe(b.bids)
  })

  it('computes the slippage bound exactly', () => {
    const bound = (reference: string, bps: number, side: Side) =>
      text(slippageBoundPrice(parseExact(reference), bps, side))
    expect(bound('100', 50, 'buy')).toBe('100.5')
    expect(bound('100', 50, 'sell')).toBe('99.5')
    expect(bound('64000', 12.5, 'buy')).toBe('64080')
  })

  it('tells prices at or better than a limit for each side', () => {
    const within = (levels: BookLevel[], side: Side, limit: string) =>
      asText(allLevels(acceptedLevels(positiveLevels(levels), (p) => isAtOrBetterPrice(p, parseExact(limit), side))))
    expect(within(asks, 'buy', '101')).toEqual([
      ['100', '1'],
      ['101', '2'],
    ])
    expect(within(bids, 'sell', '98.5')).toEqual([['99', '1.5']])
  })

  it('sums depth within a bound, and stops reading once it has enough', () => {
    const depthWithin = (levels: BookLevel[], reference: string, bps: number, side: Side) => {
      const bound = slippageBoundPrice(parseExact(reference), bps, side)
      return text(depthOf(acceptedLevels(positiveLevels(levels), (p) => isAtOrBetterPrice(p, bound, side))))
    }
    // bound 101 at 100 bps: levels at 100 and 101
    expect(depthWithin(asks, '100', 100, 'buy')).toBe('3')
    expect(depthWithin(asks, '100', 99, 'buy')).toBe('1')
    // bound 98.01 at 100 bps from 99: only the 99 level; 97.02 at 200 bps: both
    expect(depthWithin(bids, '99', 100, 'sell')).toBe('1.5')
    expect(depthWithin(bids, '99', 200, 'sell')).toBe('2.5')
    // a venue whose best ask is 1 % above the reference has nothing within 50 bps
    expect(depthWithin(asks, '99', 50, 'buy')).toBe('0')

    const { stream, read } = counted(asks)
    expect(text(depthOf(stream, parseExact('1')))).toBe('1')
    expect(read()).toBe(1)
  })
})
