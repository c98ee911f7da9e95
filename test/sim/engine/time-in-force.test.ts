// Time in force and post-only: IOC keeps what fills and expires the rest, FOK fills completely or is refused
// with nothing filled, post-only never takes, GTT leaves the book when its time comes.
import { describe, expect, it } from 'vitest'

import type { SimError } from '../../../sim/engine/types.js'
import { createHarness, pinSimpleBook, SPOT } from './fixtures.js'

const code = (value: string) => expect.objectContaining({ code: value }) as SimError

describe('time in force', () => {
  it('IOC fills what crosses and expires the remainder', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const order = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'buy',
      type: 'limit',
      amount: '1.5',
      price: '64010',
      timeInForce: 'IOC',
    })
    expect(order.status).toBe('expired')
    expect(order.filled).toBe('1')
    expect(engine.book(SPOT.symbol).bids.map(([price]) => price)).toEqual(['63990', '63980'])
  })

  it('FOK that cannot fill completely is refused and changes nothing', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const before = engine.balances('alice')
    expect(() =>
      engine.placeOrder('alice', {
        symbol: SPOT.symbol,
        side: 'buy',
        type: 'limit',
        amount: '1.5',
        price: '64010',
        timeInForce: 'FOK',
        clientOrderId: 'fok-1',
      })
    ).toThrowError(code('FOK_NOT_FILLABLE'))
    expect(engine.balances('alice')).toEqual(before)
    expect(engine.book(SPOT.symbol).asks).toEqual([
      ['64010', '1'],
      ['64020', '1'],
    ])
    expect(engine.receivedOrders()).toEqual([])
  })

  it('FOK that can fill fills completely', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const order = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'buy',
      type: 'limit',
      amount: '1.5',
      price: '64020',
      timeInForce: 'FOK',
    })
    expect(order.status).toBe('filled')
    expect(order.filled).toBe('1.5')
  })

  it('post-only that would cross is rejected, one that would not rests', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    expect(() =>
      engine.placeOrder('alice', {
        symbol: SPOT.symbol,
        side: 'sell',
        type: 'limit',
        amount: '0.1',
        price: '63990',
        postOnly: true,
      })
    ).toThrowError(code('POST_ONLY_WOULD_CROSS'))
    const resting = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'sell',
      type: 'limit',
      amount: '0.1',
      price: '64000',
      postOnly: true,
    })
    expect(resting.status).toBe('new')
    expect(engine.book(SPOT.symbol).asks[0]).toEqual(['64000', '0.1'])
  })

  it('GTT rests until expireAt, then expires and releases its funds', () => {
    const { engine, clock } = createHarness()
    pinSimpleBook(engine)
    const order = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'buy',
      type: 'limit',
      amount: '0.5',
      price: '63000',
      timeInForce: 'GTT',
      expireAt: clock.now + 60_000,
    })
    expect(engine.balances('alice').USDT?.locked).not.toBe('0')
    clock.now += 59_999
    engine.tick()
    expect(engine.getOrder('alice', { id: order.id })?.status).toBe('new')
    clock.now += 1
    engine.tick()
    expect(engine.getOrder('alice', { id: order.id })?.status).toBe('expired')
    expect(engine.balances('alice').USDT).toEqual({ free: '1000000', locked: '0' })
    expect(engine.book(SPOT.symbol).bids.map(([price]) => price)).toEqual(['63990', '63980'])
  })

  it('GTT needs an expiry in the future', () => {
    const { engine, clock } = createHarness()
    expect(() =>
      engine.placeOrder('alice', {
        symbol: SPOT.symbol,
        side: 'buy',
        type: 'limit',
        amount: '0.5',
        price: '63000',
        timeInForce: 'GTT',
        expireAt: clock.now,
      })
    ).toThrowError(code('INVALID_ORDER'))
  })
})
