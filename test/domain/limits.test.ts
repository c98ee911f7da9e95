// An order against a market with known steps and minimums: rounded exactly, never worse than asked, and each refusal
// names its limit. (test/exchanges/order-checks.test.ts covers the connectors' use: the refusal as InvalidOrderError.)
import { describe, expect, it } from 'vitest'

import { checkAgainstMarket } from '../../domain/limits.js'
import type { MarketInfo } from '../../domain/types.js'

const btcUsdt: MarketInfo = {
  exchange: 'binance',
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  type: 'spot',
  active: true,
  amountStep: '0.0001',
  priceStep: '0.01',
  minAmount: '0.0001',
  minNotional: '5',
  makerFee: '0.001',
  takerFee: '0.001',
}

describe('checkAgainstMarket', () => {
  it('rounds the amount down and a buy price down to the steps', () => {
    expect(checkAgainstMarket({ side: 'buy', type: 'limit', amount: '0.12345', price: '64000.123' }, btcUsdt)).toEqual({
      ok: true,
      amount: '0.1234',
      price: '64000.12',
    })
  })

  it('rounds a sell price up, so the order never sells cheaper than asked', () => {
    const result = checkAgainstMarket({ side: 'sell', type: 'limit', amount: '0.1', price: '64000.121' }, btcUsdt)
    expect(result).toEqual({ ok: true, amount: '0.1', price: '64000.13' })
  })

  it('stays exact where floats drift', () => {
    // 0.1 + 0.2 = 0.30000000000000004 in floats, which a float floor to 0.1 would keep as 0.3 or make 0.2
    const result = checkAgainstMarket(
      { side: 'buy', type: 'limit', amount: '0.3', price: '100' },
      { ...btcUsdt, amountStep: '0.1', minAmount: undefined, minNotional: '1' }
    )
    expect(result).toEqual({ ok: true, amount: '0.3', price: '100' })
  })

  it('names the minimum amount, the amount step and the minimum notional', () => {
    expect(checkAgainstMarket({ side: 'buy', type: 'limit', amount: '0.00005', price: '100' }, btcUsdt)).toEqual({
      ok: false,
      limit: 'minAmount',
      message: 'amount 0.00005 is below the minimum amount 0.0001 for BTC/USDT on binance',
    })
    const noMinimum = { ...btcUsdt, minAmount: undefined }
    expect(checkAgainstMarket({ side: 'buy', type: 'limit', amount: '0.00005', price: '100' }, noMinimum)).toEqual({
      ok: false,
      limit: 'amountStep',
      message: 'amount 0.00005 rounds to 0 at the amount step 0.0001 for BTC/USDT on binance',
    })
    // 0.0001 × 40000 = 4 < 5
    expect(checkAgainstMarket({ side: 'sell', type: 'limit', amount: '0.0001', price: '40000' }, btcUsdt)).toEqual({
      ok: false,
      limit: 'minNotional',
      message: 'notional 4 (amount 0.0001 × price 40000) is below the minimum notional 5 for BTC/USDT on binance',
    })
  })

  it('refuses a closed market, a bad amount and a limit order without a usable price', () => {
    const refusal = (result: ReturnType<typeof checkAgainstMarket>) => (result.ok ? 'accepted' : result.limit)
    expect(
      refusal(
        checkAgainstMarket({ side: 'buy', type: 'limit', amount: '1', price: '1' }, { ...btcUsdt, active: false })
      )
    ).toBe('active')
    expect(refusal(checkAgainstMarket({ side: 'buy', type: 'market', amount: '-1' }, btcUsdt))).toBe('amount')
    expect(refusal(checkAgainstMarket({ side: 'buy', type: 'market', amount: 'abc' }, btcUsdt))).toBe('amount')
    expect(refusal(checkAgainstMarket({ side: 'buy', type: 'limit', amount: '1' }, btcUsdt))).toBe('price')
    expect(refusal(checkAgainstMarket({ side: 'buy', type: 'limit', amount: '1', price: '0.001' }, btcUsdt))).toBe(
      'priceStep'
    )
  })

  it('values a market order at its reference price, and leaves an unpriced one to the venue', () => {
    const small = { side: 'buy', type: 'market', amount: '0.0001' } as const
    expect(checkAgainstMarket(small, btcUsdt, '40000')).toMatchObject({ ok: false, limit: 'minNotional' })
    expect(checkAgainstMarket(small, btcUsdt)).toEqual({ ok: true, amount: '0.0001' })
    expect(checkAgainstMarket({ ...small, amount: '0.5' }, btcUsdt, '64000')).toEqual({ ok: true, amount: '0.5' })
  })
})
