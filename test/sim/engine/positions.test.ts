// Positions: USD-M perps post notional / leverage as USDT margin and track a net position with entry price,
// unrealized PnL at the mid and an approximate liquidation price; spot margin (Kraken) opens a position
// instead of moving the base balance.
import { describe, expect, it } from 'vitest'

import type { SimError } from '../../../sim/engine/types.js'
import { createHarness, MARGIN, PERP, SPOT } from './fixtures.js'

const code = (value: string) => expect.objectContaining({ code: value }) as SimError

function perpHarness() {
  const harness = createHarness()
  harness.engine.setBook(PERP.symbol, { bids: [['63990', '5']], asks: [['64010', '5']] })
  return harness
}

describe('USD-M perpetuals', () => {
  it('opens a long with margin at the default leverage of 20', () => {
    const { engine } = perpHarness()
    expect(engine.leverage('alice', PERP.symbol)).toBe(20)
    const order = engine.placeOrder('alice', { symbol: PERP.symbol, side: 'buy', type: 'market', amount: '1' })
    expect(order.fee).toBe('32.005')
    expect(engine.balances('alice').USDT).toEqual({ free: '996767.495', locked: '3200.5' })
    expect(engine.balances('alice').BTC).toEqual({ free: '10', locked: '0' })
    expect(engine.positions('alice')).toEqual([
      {
        symbol: PERP.symbol,
        side: 'long',
        amount: '1',
        entryPrice: '64010',
        leverage: 20,
        margin: '3200.5',
        unrealizedPnl: '-10',
        markPrice: '64000',
        liquidationPrice: '61129.6',
      },
    ])
  })

  it('closes with a reduce-only order, realizing PnL and releasing the margin', () => {
    const { engine } = perpHarness()
    engine.placeOrder('alice', { symbol: PERP.symbol, side: 'buy', type: 'market', amount: '1' })
    engine.placeOrder('alice', { symbol: PERP.symbol, side: 'sell', type: 'market', amount: '1', reduceOnly: true })
    expect(engine.positions('alice')).toEqual([])
    // -20 PnL, 32.005 + 31.995 fees.
    expect(engine.balances('alice').USDT).toEqual({ free: '999916', locked: '0' })
  })

  it('rejects reduce-only orders that would open or grow a position', () => {
    const { engine } = perpHarness()
    expect(() =>
      engine.placeOrder('alice', { symbol: PERP.symbol, side: 'sell', type: 'market', amount: '1', reduceOnly: true })
    ).toThrowError(code('INVALID_ORDER'))
    engine.placeOrder('alice', { symbol: PERP.symbol, side: 'buy', type: 'market', amount: '1' })
    expect(() =>
      engine.placeOrder('alice', { symbol: PERP.symbol, side: 'buy', type: 'market', amount: '1', reduceOnly: true })
    ).toThrowError(code('INVALID_ORDER'))
    expect(() =>
      engine.placeOrder('alice', { symbol: PERP.symbol, side: 'sell', type: 'market', amount: '2', reduceOnly: true })
    ).toThrowError(code('INVALID_ORDER'))
  })

  it('uses the leverage set for the symbol and validates it', () => {
    const { engine } = perpHarness()
    engine.setLeverage('alice', PERP.symbol, 10)
    engine.placeOrder('alice', { symbol: PERP.symbol, side: 'sell', type: 'market', amount: '0.5' })
    expect(engine.positions('alice')).toMatchObject([{ side: 'short', amount: '0.5', leverage: 10, margin: '3199.5' }])
    for (const bad of [0, 126, 1.5]) {
      expect(() => engine.setLeverage('alice', PERP.symbol, bad)).toThrowError(code('INVALID_LEVERAGE'))
    }
    expect(() => engine.setLeverage('alice', SPOT.symbol, 2)).toThrowError(code('MARGIN_NOT_ALLOWED'))
  })

  it('flips a position when an order is larger than the opposite position', () => {
    const { engine } = perpHarness()
    engine.placeOrder('alice', { symbol: PERP.symbol, side: 'buy', type: 'market', amount: '1' })
    engine.placeOrder('alice', { symbol: PERP.symbol, side: 'sell', type: 'market', amount: '1.5' })
    expect(engine.positions('alice')).toMatchObject([{ side: 'short', amount: '0.5', entryPrice: '63990' }])
  })

  it('applies the perp minimum notional', () => {
    const { engine } = perpHarness()
    expect(() =>
      engine.placeOrder('alice', { symbol: PERP.symbol, side: 'buy', type: 'limit', amount: '0.001', price: '64000' })
    ).toThrowError(code('INVALID_ORDER'))
  })
})

describe('spot margin', () => {
  it('a leveraged order opens a margin position instead of moving the base balance', () => {
    const { engine } = createHarness()
    engine.setBook(MARGIN.symbol, { bids: [['63990', '5']], asks: [['64010', '5']] })
    const order = engine.placeOrder('alice', {
      symbol: MARGIN.symbol,
      side: 'buy',
      type: 'market',
      amount: '0.3',
      leverage: 3,
    })
    expect(order.leverage).toBe(3)
    expect(engine.balances('alice').BTC).toEqual({ free: '10', locked: '0' })
    expect(engine.balances('alice').USD?.locked).toBe('6401')
    expect(engine.positions('alice')).toMatchObject([
      { symbol: MARGIN.symbol, side: 'long', amount: '0.3', leverage: 3 },
    ])
  })

  it('refuses margin where it is not allowed or above the maximum leverage', () => {
    const { engine } = createHarness()
    expect(() =>
      engine.placeOrder('alice', { symbol: SPOT.symbol, side: 'buy', type: 'market', amount: '0.1', leverage: 2 })
    ).toThrowError(code('MARGIN_NOT_ALLOWED'))
    expect(() =>
      engine.placeOrder('alice', { symbol: MARGIN.symbol, side: 'buy', type: 'market', amount: '0.1', leverage: 6 })
    ).toThrowError(code('INVALID_LEVERAGE'))
  })
})
