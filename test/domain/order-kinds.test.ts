// What each venue takes of an order spec (domain/order-kinds.ts), and the OrderType word the Temporal UI shows.
import { describe, expect, it } from 'vitest'

import { orderKind, orderKindProblem } from '../../domain/order-kinds.js'
import type { OrderSpec } from '../../domain/types.js'

const spec = (over: Partial<OrderSpec>): OrderSpec => ({
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  amount: '1',
  ...over,
})

describe('orderKindProblem', () => {
  it('takes every kind where its venue has it', () => {
    expect(
      orderKindProblem('binance', spec({ symbol: 'BTC/USDT:USDT', leverage: 10, reduceOnly: true }))
    ).toBeUndefined()
    expect(orderKindProblem('kraken', spec({ symbol: 'BTC/USD', leverage: 2, reduceOnly: true }))).toBeUndefined()
    expect(
      orderKindProblem('kraken', spec({ type: 'take-profit-limit', triggerPrice: '1', price: '2' }))
    ).toBeUndefined()
    expect(
      orderKindProblem(
        'coinbase',
        spec({ type: 'limit', price: '1', timeInForce: 'GTT', cancelAfter: 'hour', postOnly: true })
      )
    ).toBeUndefined()
    expect(orderKindProblem('binance', spec({ type: 'limit', price: '1', timeInForce: 'IOC' }))).toBeUndefined()
  })

  it.each([
    ['coinbase', { symbol: 'BTC/USDT:USDT' }, 'symbol'],
    ['binance', { type: 'take-profit', triggerPrice: '1' }, 'type'],
    ['kraken', { type: 'take-profit' }, 'triggerPrice'],
    ['kraken', { type: 'stop-loss', triggerPrice: '1', price: '1' }, 'price'],
    ['kraken', { type: 'stop-loss', triggerPrice: '1', timeInForce: 'IOC' }, 'timeInForce'],
    ['binance', { triggerPrice: '1' }, 'triggerPrice'],
    ['kraken', { reduceOnly: true }, 'reduceOnly'],
    ['binance', { timeInForce: 'GTT', cancelAfter: 'min' }, 'timeInForce'],
    ['coinbase', { cancelAfter: 'day' }, 'cancelAfter'],
  ] as const)('%s refuses %j naming %s', (exchange, over, field) => {
    expect(orderKindProblem(exchange, spec(over as Partial<OrderSpec>))?.field).toBe(field)
  })
})

describe('orderKind', () => {
  it('names the kind', () => {
    expect(orderKind(spec({ symbol: 'ETH/USDT:USDT', type: 'limit' }))).toBe('futures-limit')
    expect(orderKind(spec({ leverage: 2 }))).toBe('margin-market')
    expect(orderKind(spec({ type: 'stop-loss-limit' }))).toBe('stop-loss-limit')
    expect(orderKind(spec({ type: 'limit', timeInForce: 'GTT' }))).toBe('limit-gtt')
    expect(orderKind(spec({}))).toBe('market')
  })
})
