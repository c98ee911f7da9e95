// Stop-loss and take-profit orders wait in pending_trigger, reserve their funds, and become market or limit
// orders once the mid or a later trade crosses the trigger price.
import { describe, expect, it } from 'vitest'

import { createHarness, pinSimpleBook, SPOT } from './fixtures.js'

describe('conditional orders', () => {
  it('a stop-loss sell waits, then sells at market when the price falls to the trigger', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const stop = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'sell',
      type: 'stop_loss',
      amount: '0.5',
      triggerPrice: '63500',
    })
    expect(stop.status).toBe('pending_trigger')
    expect(engine.balances('alice').BTC).toEqual({ free: '9.5', locked: '0.5' })
    engine.tick()
    expect(engine.getOrder('alice', { id: stop.id })?.status).toBe('pending_trigger')

    engine.setBook(SPOT.symbol, { bids: [['63400', '2']], asks: [['63420', '2']] })

    const fired = engine.getOrder('alice', { id: stop.id })!
    expect(fired.status).toBe('filled')
    expect(fired.fills.map((fill) => [fill.price, fill.amount])).toEqual([['63400', '0.5']])
    expect(engine.balances('alice').BTC).toEqual({ free: '9.5', locked: '0' })
  })

  it('a take-profit-limit sell becomes a resting limit order when the price rises to the trigger', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const order = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'sell',
      type: 'take_profit_limit',
      amount: '0.5',
      triggerPrice: '64500',
      price: '64700',
    })
    expect(order.status).toBe('pending_trigger')
    engine.setBook(SPOT.symbol, { bids: [['64490', '1']], asks: [['64520', '1']] })
    const fired = engine.getOrder('alice', { id: order.id })!
    expect(fired.status).toBe('new')
    expect(engine.book(SPOT.symbol).asks).toEqual([
      ['64520', '1'],
      ['64700', '0.5'],
    ])
  })

  it('a stop buy fires on a trade at or above the trigger', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const stop = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'buy',
      type: 'stop_loss_limit',
      amount: '0.2',
      triggerPrice: '64020',
      price: '64030',
    })
    // bob's market buy prints trades at 64010 and 64020; the second reaches the trigger.
    engine.placeOrder('bob', { symbol: SPOT.symbol, side: 'buy', type: 'market', amount: '1.1' })
    const fired = engine.getOrder('alice', { id: stop.id })!
    expect(fired.status).toBe('filled')
    expect(fired.fills.map((fill) => [fill.price, fill.amount])).toEqual([['64020', '0.2']])
  })

  it('a pending trigger order can be canceled and releases its reservation', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const stop = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'sell',
      type: 'stop_loss_limit',
      amount: '1',
      triggerPrice: '63000',
      price: '62900',
    })
    expect(engine.cancelOrder('alice', { id: stop.id }).status).toBe('canceled')
    expect(engine.balances('alice').BTC).toEqual({ free: '10', locked: '0' })
  })
})
