// Balances move exactly: a buy reserves amount × price plus the taker fee, fills pay from the reservation,
// and whatever is left returns to free when the order ends. Fees are charged in the quote asset.
import { describe, expect, it } from 'vitest'

import type { SimError } from '../../../sim/engine/types.js'
import { createHarness, pinSimpleBook, SPOT } from './fixtures.js'

const code = (value: string) => expect.objectContaining({ code: value }) as SimError

describe('balances, fees and reservations', () => {
  it('a resting buy locks amount × price + taker fee; cancel gives it all back', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const order = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'buy',
      type: 'limit',
      amount: '0.5',
      price: '63000',
    })
    expect(engine.balances('alice').USDT).toEqual({ free: '968437', locked: '31563' })
    engine.cancelOrder('alice', { id: order.id })
    expect(engine.balances('alice').USDT).toEqual({ free: '1000000', locked: '0' })
  })

  it('a taker buy pays price × amount + taker fee and returns the price improvement', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const order = engine.placeOrder('alice', {
      symbol: SPOT.symbol,
      side: 'buy',
      type: 'limit',
      amount: '1',
      price: '64100',
    })
    expect(order.fee).toBe('128.02')
    expect(order.feeAsset).toBe('USDT')
    expect(engine.balances('alice').USDT).toEqual({ free: '935861.98', locked: '0' })
    expect(engine.balances('alice').BTC).toEqual({ free: '11', locked: '0' })
  })

  it('a partial fill keeps exactly the remainder reserved', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    engine.placeOrder('alice', { symbol: SPOT.symbol, side: 'buy', type: 'limit', amount: '1.5', price: '64010' })
    // 1 BTC bought for 64010 + 128.02 fee; 0.5 × 64010 × 1.002 still reserved for the rest.
    expect(engine.balances('alice').USDT).toEqual({ free: '903792.97', locked: '32069.01' })
  })

  it('maker and taker each pay their own fee rate', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    engine.placeOrder('alice', { symbol: SPOT.symbol, side: 'sell', type: 'limit', amount: '0.5', price: '64000' })
    expect(engine.balances('alice').BTC).toEqual({ free: '9.5', locked: '0.5' })
    const taker = engine.placeOrder('bob', { symbol: SPOT.symbol, side: 'buy', type: 'market', amount: '0.5' })

    expect(taker.fills).toMatchObject([{ price: '64000', amount: '0.5', fee: '64', liquidity: 'taker' }])
    expect(engine.fills('alice')).toMatchObject([{ price: '64000', amount: '0.5', fee: '32', liquidity: 'maker' }])
    expect(engine.balances('alice')).toMatchObject({
      BTC: { free: '9.5', locked: '0' },
      USDT: { free: '1031968', locked: '0' },
    })
    expect(engine.balances('bob')).toMatchObject({
      BTC: { free: '10.5', locked: '0' },
      USDT: { free: '967936', locked: '0' },
    })
  })

  it('refuses orders the account cannot pay for, leaving balances and client ids untouched', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    expect(() =>
      engine.placeOrder('bob', {
        symbol: SPOT.symbol,
        side: 'buy',
        type: 'limit',
        amount: '100',
        price: '64000',
        clientOrderId: 'x',
      })
    ).toThrowError(code('INSUFFICIENT_FUNDS'))
    expect(() =>
      engine.placeOrder('bob', { symbol: SPOT.symbol, side: 'sell', type: 'market', amount: '11' })
    ).toThrowError(code('INSUFFICIENT_FUNDS'))
    expect(engine.balances('bob').USDT).toEqual({ free: '1000000', locked: '0' })
    // The rejected order was never placed, so its client order id is still free.
    const accepted = engine.placeOrder('bob', {
      symbol: SPOT.symbol,
      side: 'buy',
      type: 'limit',
      amount: '1',
      price: '60000',
      clientOrderId: 'x',
    })
    expect(engine.receivedOrders().map((order) => order.id)).toEqual([accepted.id])
  })

  it('refuses a client order id the same owner already used; another owner may use it', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    const params = {
      symbol: SPOT.symbol,
      side: 'buy' as const,
      type: 'limit' as const,
      amount: '0.1',
      price: '60000',
      clientOrderId: 'dup',
    }
    engine.placeOrder('alice', params)
    expect(() => engine.placeOrder('alice', params)).toThrowError(code('DUPLICATE_CLIENT_ORDER_ID'))
    expect(engine.placeOrder('bob', params).clientOrderId).toBe('dup')
    expect(engine.receivedOrders().filter((order) => order.clientOrderId === 'dup')).toHaveLength(2)
    expect(engine.getOrder('alice', { clientOrderId: 'dup' })?.owner).toBe('alice')
  })

  it.each([
    ['an unknown symbol', { symbol: 'DOGE/USDT', amount: '1', price: '1' }, 'UNKNOWN_SYMBOL'],
    ['a limit order without price', { amount: '0.1' }, 'INVALID_ORDER'],
    ['a price off the tick', { amount: '0.1', price: '64000.001' }, 'INVALID_ORDER'],
    ['an amount off the step', { amount: '0.000015', price: '64000' }, 'INVALID_ORDER'],
    ['a notional below the minimum', { amount: '0.00005', price: '64000' }, 'INVALID_ORDER'],
    ['an amount above the maximum', { amount: '9001', price: '1' }, 'INVALID_ORDER'],
  ])('rejects %s', (_name, overrides, expected) => {
    const { engine } = createHarness()
    expect(() =>
      engine.placeOrder('alice', { symbol: SPOT.symbol, side: 'buy', type: 'limit', ...overrides })
    ).toThrowError(code(expected))
  })

  it('checks a market order notional at the mid', () => {
    const { engine } = createHarness()
    pinSimpleBook(engine)
    expect(() =>
      engine.placeOrder('alice', { symbol: SPOT.symbol, side: 'sell', type: 'market', amount: '0.00007' })
    ).toThrowError(code('INVALID_ORDER'))
    expect(
      engine.placeOrder('alice', { symbol: SPOT.symbol, side: 'sell', type: 'market', amount: '0.00008' }).status
    ).toBe('filled')
  })
})
