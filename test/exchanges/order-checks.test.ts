// Goal: orders are rounded to the market's steps and refused before sending when below a minimum, with a message
// naming the limit. Method: the pure pre-flight over a Binance-like market.
import { describe, expect, it } from 'vitest'

import { InvalidOrderError } from '../../exchanges/errors.js'
import { exactNumber, prepareOrder } from '../../exchanges/order-checks.js'
import type { MarketInfo, OrderRequest } from '../../domain/types.js'

const market: MarketInfo = {
  exchange: 'binance',
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  type: 'spot',
  active: true,
  amountStep: '0.00001',
  priceStep: '0.01',
  minAmount: '0.00001',
  minNotional: '5',
  makerFee: '0.001',
  takerFee: '0.001',
}
const limit = (fields: Partial<OrderRequest>): OrderRequest => ({
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  amount: '0.001',
  price: '30000',
  ...fields,
})

describe('prepareOrder', () => {
  it('rounds the amount down to the step and the price to the tick, never worse than asked', () => {
    expect(prepareOrder(limit({ amount: '0.0012345', price: '30000.129' }), market)).toEqual({
      amount: '0.00123',
      price: '30000.12',
    })
    expect(prepareOrder(limit({ side: 'sell', amount: '0.0012399', price: '30000.121' }), market)).toEqual({
      amount: '0.00123',
      price: '30000.13',
    })
  })

  it('names the minimum amount', () => {
    expect(() => prepareOrder(limit({ amount: '0.000001' }), market)).toThrow(
      new InvalidOrderError('amount 0.000001 is below the minimum amount 0.00001 for BTC/USDT on binance', {
        exchange: 'binance',
        operation: 'placeOrder',
      })
    )
  })

  it('names the minimum notional, priced at the limit or at the reference price for market orders', () => {
    expect(() => prepareOrder(limit({ amount: '0.0001', price: '30000' }), market)).toThrow(
      /notional 3 \(amount 0.0001 × price 30000\) is below the minimum notional 5 for BTC\/USDT on binance/
    )
    const marketBuy = limit({ type: 'market', price: undefined, amount: '0.0001' })
    expect(() => prepareOrder(marketBuy, market, '30000')).toThrow(/minimum notional 5/)
    expect(prepareOrder({ ...marketBuy, amount: '0.001' }, market, '30000')).toEqual({ amount: '0.001' })
  })

  it('refuses non-positive or malformed amounts and limit orders without a price', () => {
    expect(() => prepareOrder(limit({ amount: '-1' }), market)).toThrow(InvalidOrderError)
    expect(() => prepareOrder(limit({ amount: 'abc' }), market)).toThrow(/not a positive decimal/)
    expect(() => prepareOrder(limit({ price: undefined }), market)).toThrow(/needs a positive price/)
    expect(() => prepareOrder(limit({}), { ...market, minAmount: undefined, amountStep: '1' })).toThrow(/rounds to 0/)
  })

  it('refuses inactive markets', () => {
    expect(() => prepareOrder(limit({}), { ...market, active: false })).toThrow(/not active/)
  })
})

describe('exactNumber', () => {
  const context = { exchange: 'binance' as const, operation: 'placeOrder' }
  it('converts a decimal on a venue step exactly', () => {
    expect(exactNumber('0.00012345', 'amount', context)).toBe(0.00012345)
    expect(exactNumber('64012.59', 'price', context)).toBe(64012.59)
  })
  it('refuses a decimal a float would change', () => {
    expect(() => exactNumber('0.12345678901234567891', 'amount', context)).toThrow(/more significant digits/)
  })
})
