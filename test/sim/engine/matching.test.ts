// Matching: resting orders fill in price-time priority, takers walk the book level by level, and partially
// filled orders keep resting. Books are pinned so every number below follows from the levels set here.
import { describe, expect, it } from 'vitest'

import { SimError } from '../../../sim/engine/types.js'
import { createHarness, pinSimpleBook, SPOT } from './fixtures.js'

describe('price-time priority', () => {
  it('fills the better price first, then the older order at the same price', () => {
    const { engine, clock } = createHarness()
    engine.setBook(SPOT.symbol, { bids: [], asks: [['64100', '5']] })
    const first = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'buy',
      type: 'limit',
      amount: '0.1',
      price: '64000',
    })
    clock.now += 1
    const second = engine.placeOrder('bob', {
      symbol: SPOT.symbol,
      side: 'buy',
      type: 'limit',
      amount: '0.1',
      price: '64000',
    })
    const better = engine.placeOrder('bob', {
      symbol: SPOT.symbol,
      side: 'buy',
      type: 'limit',
      amount: '0.1',
      price: '64001',
    })

    const taker = engine.placeOrder('alice', { symbol: SPOT.symbol, side: 'sell', type: 'market', amount: '0.15' })

    expect(taker.status).toBe('filled')
    expect(taker.fills.map((fill) => [fill.price, fill.amount])).toEqual([
      ['64001', '0.1'],
      ['64000', '0.05'],
    ])
    expect(engine.getOrder('bob', { id: better.id })?.status).toBe('filled')
    const firstNow = engine.getOrder('alice', { id: first.id })!
    expect(firstNow.status).toBe('partially_filled')
    expect(firstNow.filled).toBe('0.05')
    expect(engine.getOrder('bob', { id: second.id })?.filled).toBe('0')
    expect(engine.book(SPOT.symbol).bids).toEqual([['64000', '0.15']])
  })

  it('walks several levels for a market order and reports maker and taker fills', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const order = engine.placeOrder('alice', { symbol: SPOT.symbol, side: 'buy', type: 'market', amount: '1.5' })
    expect(order.status).toBe('filled')
    expect(order.filledQuote).toBe('96020')
    expect(order.fills.every((fill) => fill.liquidity === 'taker')).toBe(true)
    expect(engine.book(SPOT.symbol).asks).toEqual([['64020', '0.5']])
    expect(engine.trades(SPOT.symbol, 2).map((trade) => [trade.price, trade.amount, trade.side])).toEqual([
      ['64010', '1', 'buy'],
      ['64020', '0.5', 'buy'],
    ])
  })

  it('rests the unfilled part of a crossing limit order at its limit price', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const order = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'buy',
      type: 'limit',
      amount: '1.2',
      price: '64010',
    })
    expect(order.status).toBe('partially_filled')
    expect(order.filled).toBe('1')
    expect(engine.book(SPOT.symbol).bids[0]).toEqual(['64010', '0.2'])
    expect(engine.openOrders('alice').map((open) => open.id)).toEqual([order.id])
  })

  it('buys for a quote amount without exceeding it', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const order = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'buy',
      type: 'market',
      quoteAmount: '100000',
    })
    expect(order.status).toBe('filled')
    expect(order.amount).toBe(order.filled)
    expect(Number(order.filledQuote)).toBeLessThanOrEqual(100000)
    // 1 BTC at 64010, then (100000 - 64010) / 64020 = 0.562168… floored to the 0.00001 step
    expect(order.filled).toBe('1.56216')
  })

  it('rejects a market order against an empty side', () => {
    const { engine } = createHarness()
    engine.setBook(SPOT.symbol, { bids: [['63990', '1']], asks: [] })
    expect(() =>
      engine.placeOrder('alice', { symbol: SPOT.symbol, side: 'buy', type: 'market', amount: '0.1' })
    ).toThrowError(expect.objectContaining({ code: 'NO_LIQUIDITY' }) as SimError)
  })

  it('cancels a resting order once, then refuses', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const order = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'buy',
      type: 'limit',
      amount: '0.5',
      price: '63000',
      clientOrderId: 'c-1',
    })
    expect(engine.cancelOrder('alice', { clientOrderId: 'c-1' }).status).toBe('canceled')
    expect(engine.book(SPOT.symbol).bids.map(([price]) => price)).toEqual(['63990', '63980'])
    expect(() => engine.cancelOrder('alice', { id: order.id })).toThrowError(
      expect.objectContaining({ code: 'ORDER_NOT_CANCELABLE' }) as SimError
    )
    expect(() => engine.cancelOrder('bob', { id: order.id })).toThrowError(
      expect.objectContaining({ code: 'UNKNOWN_ORDER' }) as SimError
    )
    expect(engine.closedOrders('alice')[0]?.id).toBe(order.id)
  })
})
