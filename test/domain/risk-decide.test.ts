// The pre-trade decision (domain/risk/decide.ts): every limit named with its figures, the trading states, and the
// unwind exemption. Pure: the facts are what the risk activity would have read.
import { describe, expect, it } from 'vitest'

import { assetsOf, decideOrderRisk, exposureCeiling, reducesHolding, stricterState } from '../../domain/risk/decide.js'
import type { RiskCheckInput, RiskFacts, RiskLimits } from '../../domain/risk/types.js'

const limits: RiskLimits = {
  maxOrderNotional: '100000',
  maxOrderNotionalBySymbol: { 'BTC/USDT': '50000' },
  maxExposure: { BTC: '2', 'kraken:BTC': '1' },
  maxOrdersPerMinutePerVenue: 10,
  maxDailyArbitrageLoss: '500',
  maxAutoExecutionsPerMonitorPerHour: 5,
  maxUnresolvedOrders: 3,
  venueErrorHalt: { rate: 0.5, minRequests: 10, windowMs: 60_000 },
}

const facts = (over: Partial<RiskFacts> = {}): RiskFacts => ({
  limits,
  state: 'ACTIVE',
  stateReason: 'default',
  valuationPrice: '60000',
  netPosition: '0',
  sentLastMinute: 0,
  slotReserved: true,
  ...over,
})

const order = (
  over: Partial<RiskCheckInput['request']> = {},
  rest: Partial<Omit<RiskCheckInput, 'request'>> = {}
): RiskCheckInput => ({
  executionId: 'exec-1',
  exchange: 'binance',
  request: {
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    amount: '0.5',
    price: '60000',
    clientOrderId: 'c1',
    ...over,
  },
  ...rest,
})

describe('decideOrderRisk: within every limit', () => {
  it('allows an order within notional, exposure and rate under ACTIVE', () => {
    expect(decideOrderRisk(facts(), order())).toEqual({ allowed: true })
  })
})

describe('decideOrderRisk: notional per order', () => {
  it('refuses an order above the general ceiling, naming the value and the ceiling', () => {
    // ETH has no per-symbol ceiling: 40 * 3000 = 120000 > 100000
    const decision = decideOrderRisk(
      facts({ valuationPrice: '3000' }),
      order({ symbol: 'ETH/USDT', amount: '40', price: '3000' })
    )
    expect(decision).toEqual({
      allowed: false,
      limit: 'maxOrderNotional',
      message: 'buy 40 ETH/USDT on binance: order value 120000 USDT is above maxOrderNotional 100000 USDT',
    })
  })

  it('allows an order exactly at the ceiling (the ceiling is inclusive)', () => {
    const decision = decideOrderRisk(facts({ valuationPrice: '2500' }), order({ symbol: 'ETH/USDT', amount: '40' }))
    expect(decision).toEqual({ allowed: true })
  })

  it('checks the per-symbol ceiling before the general one', () => {
    // 2 * 60000 = 120000: above both; the tighter per-symbol ceiling is the one named
    const decision = decideOrderRisk(facts(), order({ amount: '2' }))
    expect(decision).toMatchObject({ allowed: false, limit: 'maxOrderNotionalBySymbol' })
    expect(decision.allowed === false && decision.message).toBe(
      'buy 2 BTC/USDT on binance: order value 120000 USDT is above maxOrderNotionalBySymbol 50000 USDT for BTC/USDT'
    )
  })

  it('refuses by the per-symbol ceiling an order the general one would allow', () => {
    // 1 * 60000 = 60000: below 100000, above 50000
    expect(decideOrderRisk(facts(), order({ amount: '1' }))).toMatchObject({
      allowed: false,
      limit: 'maxOrderNotionalBySymbol',
    })
  })

  it('values exactly, with no float drift', () => {
    // 0.1 * 500000.000000000000001 is just above 50000: a float product would round it to 50000 and allow it
    const decision = decideOrderRisk(facts({ valuationPrice: '500000.000000000000001' }), order({ amount: '0.1' }))
    expect(decision).toMatchObject({ allowed: false, limit: 'maxOrderNotionalBySymbol' })
    expect(decision.allowed === false && decision.message).toContain('order value 50000.0000000000000001 USDT')
  })

  it('fails closed: an order that cannot be valued (no price) is refused', () => {
    const decision = decideOrderRisk(facts({ valuationPrice: undefined }), order({ type: 'market', price: undefined }))
    expect(decision).toMatchObject({ allowed: false, limit: 'maxOrderNotional' })
    expect(decision.allowed === false && decision.message).toMatch(/no price to value it/)
  })
})

describe('decideOrderRisk: exposure per venue and asset', () => {
  it('refuses an order that grows the net position beyond the ceiling', () => {
    // binance:BTC has no venue key: the asset key "BTC" (2) applies; 1.8 + 0.5 = 2.3
    const decision = decideOrderRisk(facts({ netPosition: '1.8' }), order())
    expect(decision).toEqual({
      allowed: false,
      limit: 'maxExposure',
      message:
        'buy 0.5 BTC/USDT on binance: net BTC position on binance would be 2.3 (now 1.8), beyond maxExposure 2 BTC',
    })
  })

  it('fails closed when a ceiling applies but no position was read', () => {
    const { netPosition: _, ...unread } = facts()
    const decision = decideOrderRisk(unread, order())
    expect(decision).toMatchObject({ allowed: false, limit: 'maxExposure' })
    expect(decision.allowed === false && decision.message).toContain('no net BTC position was read')
  })

  it('allows an order that ends exactly at the ceiling', () => {
    expect(decideOrderRisk(facts({ netPosition: '1.5' }), order())).toEqual({ allowed: true })
  })

  it('holds a short to the ceiling too: a sell growing a negative position', () => {
    const decision = decideOrderRisk(facts({ netPosition: '-1.8' }), order({ side: 'sell' }))
    expect(decision).toMatchObject({ allowed: false, limit: 'maxExposure' })
    expect(decision.allowed === false && decision.message).toContain('would be -2.3 (now -1.8)')
  })

  it('allows an order that shrinks a position already beyond the ceiling', () => {
    // 3 long (the ceiling was lowered): selling 0.5 leaves 2.5, still beyond 2, but less than before
    expect(decideOrderRisk(facts({ netPosition: '3' }), order({ side: 'sell' }))).toEqual({ allowed: true })
  })

  it('refuses an order that flips a position to a larger one on the other side', () => {
    // 1 long, sell 3.5: 1 - 3.5 = -2.5, larger than the 1 held and beyond the ceiling of 2
    const decision = decideOrderRisk(
      facts({ netPosition: '1', valuationPrice: '10' }),
      order({ side: 'sell', amount: '3.5' })
    )
    expect(decision).toMatchObject({ allowed: false, limit: 'maxExposure' })
  })

  it('uses the venue key before the asset key', () => {
    // kraken:BTC is 1: 0.8 + 0.5 = 1.3 is beyond it although within the asset-wide 2
    const decision = decideOrderRisk(facts({ netPosition: '0.8' }), order({}, { exchange: 'kraken' }))
    expect(decision).toMatchObject({ allowed: false, limit: 'maxExposure' })
    expect(decision.allowed === false && decision.message).toContain('beyond maxExposure 1 BTC')
    expect(exposureCeiling(limits, 'kraken', 'BTC')).toBe('1')
    expect(exposureCeiling(limits, 'binance', 'BTC')).toBe('2')
  })

  it('has no ceiling for an asset without a key', () => {
    expect(exposureCeiling(limits, 'binance', 'ETH')).toBeUndefined()
    const decision = decideOrderRisk(
      facts({ netPosition: '1000', valuationPrice: '10' }),
      order({ symbol: 'ETH/USDT', amount: '100' })
    )
    expect(decision).toEqual({ allowed: true })
  })

  it('counts a futures symbol against its base asset', () => {
    const decision = decideOrderRisk(facts({ netPosition: '1.8' }), order({ symbol: 'BTC/USDT:USDT' }))
    expect(decision).toMatchObject({ allowed: false, limit: 'maxExposure' })
  })
})

describe('decideOrderRisk: send rate per venue', () => {
  it('refuses an order for which no send slot was reserved, naming the count', () => {
    const decision = decideOrderRisk(facts({ slotReserved: false, sentLastMinute: 10 }), order())
    expect(decision).toEqual({
      allowed: false,
      limit: 'maxOrdersPerMinutePerVenue',
      message:
        'buy 0.5 BTC/USDT on binance: 10 orders sent to binance in the last 60 s, at maxOrdersPerMinutePerVenue 10',
    })
  })
})

describe('decideOrderRisk: trading state', () => {
  it('HALTED refuses everything, naming the reason', () => {
    const decision = decideOrderRisk(facts({ state: 'HALTED', stateReason: 'kill switch' }), order())
    expect(decision).toEqual({
      allowed: false,
      limit: 'tradingState',
      message: 'trading is HALTED (kill switch): buy 0.5 BTC/USDT on binance not sent',
    })
  })

  it('REDUCING lets a spot sell within the free balance through', () => {
    const decision = decideOrderRisk(facts({ state: 'REDUCING', heldAtVenue: '0.5' }), order({ side: 'sell' }))
    expect(decision).toEqual({ allowed: true })
  })

  it('REDUCING refuses a spot sell above the free balance', () => {
    const decision = decideOrderRisk(
      facts({ state: 'REDUCING', stateReason: 'desk', heldAtVenue: '0.4' }),
      order({ side: 'sell' })
    )
    expect(decision).toEqual({
      allowed: false,
      limit: 'tradingState',
      message: 'trading is REDUCING (desk): sell 0.5 BTC/USDT on binance does not reduce (0.4 BTC held at the venue)',
    })
  })

  it('REDUCING refuses a spot buy, whatever is held', () => {
    const decision = decideOrderRisk(facts({ state: 'REDUCING', heldAtVenue: '10' }), order({ side: 'buy' }))
    expect(decision).toMatchObject({ allowed: false, limit: 'tradingState' })
  })

  it('REDUCING counts an unread holding as nothing held', () => {
    const decision = decideOrderRisk(facts({ state: 'REDUCING', heldAtVenue: undefined }), order({ side: 'sell' }))
    expect(decision).toMatchObject({ allowed: false, limit: 'tradingState' })
    expect(decision.allowed === false && decision.message).toContain('(0 BTC held at the venue)')
  })

  it('REDUCING lets a futures sell reduce a long, and a buy reduce a short, up to the position size', () => {
    const futures = { symbol: 'BTC/USDT:USDT' }
    expect(
      decideOrderRisk(facts({ state: 'REDUCING', heldAtVenue: '0.5' }), order({ ...futures, side: 'sell' }))
    ).toEqual({ allowed: true })
    expect(
      decideOrderRisk(facts({ state: 'REDUCING', heldAtVenue: '-0.5' }), order({ ...futures, side: 'buy' }))
    ).toEqual({ allowed: true })
  })

  it('REDUCING refuses a futures order that adds to the position or goes beyond it', () => {
    const futures = { symbol: 'BTC/USDT:USDT' }
    // a buy on a long, a sell on a short: adds
    expect(
      decideOrderRisk(facts({ state: 'REDUCING', heldAtVenue: '0.5' }), order({ ...futures, side: 'buy' }))
    ).toMatchObject({ allowed: false, limit: 'tradingState' })
    expect(
      decideOrderRisk(facts({ state: 'REDUCING', heldAtVenue: '-0.5' }), order({ ...futures, side: 'sell' }))
    ).toMatchObject({ allowed: false, limit: 'tradingState' })
    // a sell of 0.5 against a 0.4 long would flip it short
    expect(
      decideOrderRisk(facts({ state: 'REDUCING', heldAtVenue: '0.4' }), order({ ...futures, side: 'sell' }))
    ).toMatchObject({ allowed: false, limit: 'tradingState' })
    // flat: nothing to reduce
    expect(
      decideOrderRisk(facts({ state: 'REDUCING', heldAtVenue: '0' }), order({ ...futures, side: 'sell' }))
    ).toMatchObject({ allowed: false, limit: 'tradingState' })
  })

  it('REDUCING still holds a reducing order to the other limits', () => {
    const decision = decideOrderRisk(
      facts({ state: 'REDUCING', heldAtVenue: '5' }),
      order({ side: 'sell', amount: '2' })
    )
    expect(decision).toMatchObject({ allowed: false, limit: 'maxOrderNotionalBySymbol' })
  })
})

describe('decideOrderRisk: an arbitrage unwind (reducing: true)', () => {
  const unwind = (over: Partial<RiskCheckInput['request']> = {}) =>
    order({ type: 'market', price: undefined, ...over }, { reducing: true })

  it('passes notional, exposure and rate, and needs no price', () => {
    const broken = facts({ valuationPrice: undefined, netPosition: '100', slotReserved: false, sentLastMinute: 99 })
    expect(decideOrderRisk(broken, unwind({ amount: '50' }))).toEqual({ allowed: true })
    expect(decideOrderRisk(facts({ valuationPrice: '60000' }), unwind({ amount: '50' }))).toEqual({ allowed: true })
  })

  it('passes under REDUCING even when the venue shows nothing held', () => {
    expect(decideOrderRisk(facts({ state: 'REDUCING', heldAtVenue: '0' }), unwind({ side: 'buy' }))).toEqual({
      allowed: true,
    })
  })

  it('is refused under HALTED: nothing is sent', () => {
    const decision = decideOrderRisk(facts({ state: 'HALTED', stateReason: 'daily loss' }), unwind())
    expect(decision).toMatchObject({ allowed: false, limit: 'tradingState' })
  })
})

describe('the helpers', () => {
  it('assetsOf splits spot and futures symbols', () => {
    expect(assetsOf('BTC/USDT')).toEqual({ base: 'BTC', quote: 'USDT', futures: false })
    expect(assetsOf('BTC/USDT:USDT')).toEqual({ base: 'BTC', quote: 'USDT', futures: true })
  })

  it('stricterState picks the stricter of the platform and venue state', () => {
    expect(stricterState('ACTIVE', 'REDUCING')).toBe('REDUCING')
    expect(stricterState('HALTED', 'REDUCING')).toBe('HALTED')
    expect(stricterState('ACTIVE', 'ACTIVE')).toBe('ACTIVE')
    expect(stricterState('REDUCING', 'HALTED')).toBe('HALTED')
  })

  it('reducesHolding: a spot sell of exactly the free balance reduces', () => {
    expect(reducesHolding(order({ side: 'sell', amount: '0.5' }), '0.5')).toBe(true)
    expect(reducesHolding(order({ side: 'sell', amount: '0.50000001' }), '0.5')).toBe(false)
  })
})

describe('decideOrderRisk: leverage and reduce-only', () => {
  it('values a leveraged order at its notional times the leverage', () => {
    // 0.5 x 60000 = 30000 is within 50000 for BTC/USDT; at 2x leverage it is 60000, above it.
    expect(decideOrderRisk(facts(), order({ leverage: 1 }))).toEqual({ allowed: true })
    const refused = decideOrderRisk(facts(), order({ leverage: 2 }))
    expect(refused).toMatchObject({ allowed: false, limit: 'maxOrderNotionalBySymbol' })
    expect((refused as { message: string }).message).toContain('60000 USDT (notional x 2 leverage)')
  })

  it('counts the leverage in the exposure a position would reach', () => {
    // 0.5 BTC at 3x is 1.5 BTC of exposure on kraken, whose ceiling is 1.
    const refused = decideOrderRisk(facts(), order({ symbol: 'BTC/USD', leverage: 3 }, { exchange: 'kraken' }))
    expect(refused).toMatchObject({ allowed: false, limit: 'maxExposure' })
    expect(decideOrderRisk(facts(), order({ symbol: 'BTC/USD' }, { exchange: 'kraken' }))).toEqual({ allowed: true })
  })

  it('lets a reduce-only order through REDUCING and past the exposure ceiling', () => {
    const reducing = facts({ state: 'REDUCING', stateReason: 'desk', heldAtVenue: '0', netPosition: '5' })
    expect(decideOrderRisk(reducing, order({ symbol: 'BTC/USDT:USDT', side: 'buy' }))).toMatchObject({
      allowed: false,
      limit: 'tradingState',
    })
    expect(decideOrderRisk(reducing, order({ symbol: 'BTC/USDT:USDT', side: 'buy', reduceOnly: true }))).toEqual({
      allowed: true,
    })
  })
})
