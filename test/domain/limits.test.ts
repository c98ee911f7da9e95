// Pre-trade checks against a market with known steps and minimums; every violation must name its limit.
import { describe, expect, it } from 'vitest'

import { DEFAULT_ORDER_LIMITS, maxNotionalViolation, validateAgainstMarket } from '../../domain/limits.js'
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

describe('validateAgainstMarket', () => {
  it('rounds amount down and a buy price down to the steps', () => {
    expect(
      validateAgainstMarket({ side: 'buy', type: 'limit', amount: '0.12345', price: '64000.123' }, btcUsdt),
    ).toEqual({ ok: true, amount: '0.1234', price: '64000.12', notional: '7897.614808' })
  })

  it('rounds a sell price up, so the order never sells cheaper than asked', () => {
    const result = validateAgainstMarket({ side: 'sell', type: 'limit', amount: '0.1', price: '64000.121' }, btcUsdt)
    expect(result).toMatchObject({ ok: true, price: '64000.13' })
  })

  it('stays exact where floats drift', () => {
    // 0.1 + 0.2 = 0.30000000000000004 in floats, which a float floor to 0.1 would keep as 0.3 or make 0.2
    const result = validateAgainstMarket(
      { side: 'buy', type: 'limit', amount: '0.3', price: '100' },
      { ...btcUsdt, amountStep: '0.1', minNotional: '1' },
    )
    expect(result).toMatchObject({ ok: true, amount: '0.3', notional: '30' })
  })

  it('names the amount step, minimum amount and minimum notional', () => {
    const belowStep = validateAgainstMarket({ side: 'buy', type: 'limit', amount: '0.00005', price: '100' }, btcUsdt)
    expect(belowStep).toEqual({
      ok: false,
      violations: [
        { limit: 'amountStep', message: 'amount 0.00005 is below the amount step 0.0001 of BTC/USDT on binance' },
        { limit: 'minNotional', message: 'order value 0 is below the minimum notional 5 of BTC/USDT on binance' },
      ],
    })
    const belowMin = validateAgainstMarket(
      { side: 'buy', type: 'limit', amount: '0.0015', price: '64000' },
      { ...btcUsdt, minAmount: '0.002' },
    )
    expect(belowMin.ok === false && belowMin.violations.map((v) => v.limit)).toEqual(['minAmount'])
    const small = validateAgainstMarket({ side: 'sell', type: 'limit', amount: '0.0001', price: '40000' }, btcUsdt)
    // 0.0001 × 40000 = 4 < 5
    expect(small.ok === false && small.violations.map((v) => v.limit)).toEqual(['minNotional'])
  })

  it('requires a usable limit price and an open market', () => {
    const noPrice = validateAgainstMarket({ side: 'buy', type: 'limit', amount: '1' }, { ...btcUsdt, active: false })
    expect(noPrice.ok === false && noPrice.violations.map((v) => v.limit)).toEqual(['active', 'price'])
    const tinyPrice = validateAgainstMarket({ side: 'buy', type: 'limit', amount: '1', price: '0.001' }, btcUsdt)
    expect(tinyPrice.ok === false && tinyPrice.violations[0]?.limit).toBe('priceStep')
    const badAmount = validateAgainstMarket({ side: 'buy', type: 'market', amount: '-1' }, btcUsdt)
    expect(badAmount.ok === false && badAmount.violations.map((v) => v.limit)).toEqual(['amount'])
  })

  it('values a market order at its reference price', () => {
    const result = validateAgainstMarket({ side: 'buy', type: 'market', amount: '0.5' }, btcUsdt, {
      referencePrice: '64000',
    })
    expect(result).toEqual({ ok: true, amount: '0.5', notional: '32000' })
  })

  it('guards the maximum notional per order, failing closed without a price', () => {
    const limits = { maxNotionalQuote: '10000' }
    const big = validateAgainstMarket({ side: 'buy', type: 'limit', amount: '1', price: '64000' }, btcUsdt, { limits })
    expect(big).toEqual({
      ok: false,
      violations: [
        { limit: 'maxNotional', message: 'order value 64000 is above the maximum notional 10000 per order' },
      ],
    })
    const unpriced = validateAgainstMarket({ side: 'buy', type: 'market', amount: '0.01' }, btcUsdt, { limits })
    expect(unpriced.ok === false && unpriced.violations.map((v) => v.limit)).toEqual(['maxNotional'])
    // with no ceiling configured, an unpriced market order passes and the venue checks its minimum
    const unguarded = validateAgainstMarket({ side: 'buy', type: 'market', amount: '0.01' }, btcUsdt, { limits: {} })
    expect(unguarded).toEqual({ ok: true, amount: '0.01' })
    // the default ceiling applies when none is given
    const huge = validateAgainstMarket({ side: 'buy', type: 'limit', amount: '100', price: '64000' }, btcUsdt)
    expect(huge.ok).toBe(false)
    expect(DEFAULT_ORDER_LIMITS.maxNotionalQuote).toBe('1000000')
  })

  it('exposes the notional guard alone', () => {
    expect(maxNotionalViolation('10000', '10000')).toBeUndefined()
    expect(maxNotionalViolation('10000.01', '10000')?.limit).toBe('maxNotional')
    expect(maxNotionalViolation(undefined, undefined)).toBeUndefined()
  })
})
