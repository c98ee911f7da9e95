// Arbitrage sizing within both venues' order-size rules (the simulator's BTC/USDT figures: binance step 0.00001,
// minimum 0.00001 and 5 USDT; kraken step 0.00000001, minimum 0.0001 and 0.5 USDT), and unwinds split into what a
// venue can trade and the dust it cannot.
import { describe, expect, it } from 'vitest'

import {
  commonStep,
  evaluatePair,
  recheckOpportunity,
  scanPairs,
  splitUnwind,
  type ArbitrageVenue,
} from '../../../domain/arbitrage/index.js'
import type { VenueMarketRules } from '../../../domain/routing/index.js'
import type { BookLevel, ExchangeId } from '../../../domain/types.js'
import { book } from '../fixtures.js'

const SYMBOL = 'BTC/USDT'
const BINANCE: VenueMarketRules = { amountStep: '0.00001', minAmount: '0.00001', minNotional: '5' }
const KRAKEN: VenueMarketRules = { amountStep: '0.00000001', minAmount: '0.0001', minNotional: '0.5' }

function venue(
  exchange: ExchangeId,
  sides: { bids?: BookLevel[]; asks?: BookLevel[] },
  market: VenueMarketRules
): ArbitrageVenue {
  return { exchange, book: book(exchange, sides), fees: { maker: '0', taker: '0.001' }, market }
}

// Buy at 63000 on binance, sell at 64000 on kraken: about 1.4 % after 0.1 % fees on each side.
const binanceAsks = (size: string) => venue('binance', { asks: [['63000', size]] }, BINANCE)
const krakenBids = (size: string) => venue('kraken', { bids: [['64000', size]] }, KRAKEN)

describe('commonStep', () => {
  it('is the least common multiple of the steps, ignoring absent and zero ones', () => {
    expect(commonStep(['0.00001', '0.00000001', undefined])).toBe('0.00001')
    expect(commonStep(['0.25', '0.1'])).toBe('0.5')
    expect(commonStep(['0', undefined])).toBeUndefined()
  })
})

describe('evaluatePair within the venues rules', () => {
  it('rounds the size down to a step both venues accept', () => {
    // kraken alone would take 0.12345678; binance only takes multiples of 0.00001.
    const found = evaluatePair(SYMBOL, binanceAsks('1'), krakenBids('0.12345678'), { minProfitPct: 0.1 })
    expect(found).toMatchObject({ opportunity: { amount: '0.12345' } })
  })

  it('skips a profitable size below one venue minimum amount, naming the venue and the rule', () => {
    // 0.00009 BTC is worth 5.67 USDT (above binance's 5) but is below kraken's minimum amount 0.0001.
    const evaluation = evaluatePair(SYMBOL, binanceAsks('1'), krakenBids('1'), {
      minProfitPct: 0.1,
      maxAmount: '0.00009',
    })
    expect(evaluation).toEqual({
      reason: "profitable size 0.00009 cannot be traded: 0.00009 is below kraken's minimum amount 0.0001",
      unmet: 'minAmount',
    })
  })

  it('skips a profitable size whose leg is worth less than the venue minimum notional at its limit price', () => {
    // 0.00007 BTC at 63000 is 4.41 USDT, below binance's 5; kraken would take it were its minimum lower.
    const kraken = venue('kraken', { bids: [['64000', '1']] }, { ...KRAKEN, minAmount: '0.00001' })
    const evaluation = evaluatePair(SYMBOL, binanceAsks('0.00007'), kraken, { minProfitPct: 0.1 })
    expect(evaluation).toEqual({
      reason:
        "profitable size 0.00007 cannot be traded: 0.00007 at 63000 is worth 4.41, below binance's minimum notional 5",
      unmet: 'minNotional',
    })
  })

  it('skips a profitable size that is below the common step', () => {
    const evaluation = evaluatePair(SYMBOL, binanceAsks('1'), krakenBids('0.000005'), { minProfitPct: 0.1 })
    expect(evaluation).toMatchObject({ unmet: 'amountStep' })
  })

  it('keeps the minimums on a recheck with the fresh rules', () => {
    const [opportunity] = scanPairs(SYMBOL, [binanceAsks('1'), krakenBids('1')], { minProfitPct: 0.1 }).opportunities
    const fresh = {
      buyBook: book('binance', { asks: [['63000', '1']] }),
      sellBook: book('kraken', { bids: [['64000', '0.00009']] }),
      buyMarket: BINANCE,
      sellMarket: KRAKEN,
    }
    expect(recheckOpportunity(opportunity!, fresh, { minProfitPct: 0.1 })).toEqual({
      ok: false,
      reason:
        "opportunity vanished: profitable size 0.00009 cannot be traded: 0.00009 is below kraken's minimum amount 0.0001",
    })
  })
})

describe('scanPairs', () => {
  it('lists the profitable pairs it skipped beside the opportunities, and not the unprofitable ones', () => {
    const binance = venue('binance', { asks: [['63000', '1']], bids: [['62900', '1']] }, BINANCE)
    const kraken = venue('kraken', { asks: [['64100', '1']], bids: [['64000', '1']] }, KRAKEN)
    const scan = scanPairs(SYMBOL, [kraken, binance], { minProfitPct: 0.1, maxAmount: '0.00009' })
    expect(scan.opportunities).toEqual([])
    expect(scan.skipped).toEqual([
      {
        id: 'BTC/USDT:binance->kraken',
        symbol: SYMBOL,
        buyExchange: 'binance',
        sellExchange: 'kraken',
        unmet: 'minAmount',
        reason: "profitable size 0.00009 cannot be traded: 0.00009 is below kraken's minimum amount 0.0001",
      },
    ])
    const roomy = scanPairs(SYMBOL, [kraken, binance], { minProfitPct: 0.1, maxAmount: '0.5' })
    expect(roomy.opportunities.map((o) => [o.id, o.amount])).toEqual([['BTC/USDT:binance->kraken', '0.5']])
    expect(roomy.skipped).toEqual([])
  })
})

describe('splitUnwind', () => {
  it('floors to the venue step and reports the rest as dust', () => {
    expect(splitUnwind('binance', '0.49999877', BINANCE, '64100')).toEqual({
      amount: '0.49999',
      dust: '0.00000877',
      dustReason: "0.00000877 is below binance's amount step 0.00001",
    })
  })

  it('calls all of it dust when the venue would refuse it (minimum amount, minimum notional, step)', () => {
    expect(splitUnwind('kraken', '0.00005', KRAKEN, '64000')).toEqual({
      amount: '0',
      dust: '0.00005',
      dustReason: "0.00005 is below kraken's minimum amount 0.0001",
    })
    expect(splitUnwind('binance', '0.00007', BINANCE, '63000')).toMatchObject({ amount: '0', dust: '0.00007' })
    expect(splitUnwind('binance', '0.000004', BINANCE, '63000')).toMatchObject({ amount: '0', dust: '0.000004' })
  })

  it('sends everything when it keeps the rules, or when the rules are unknown', () => {
    expect(splitUnwind('binance', '12', BINANCE, '62900')).toEqual({ amount: '12', dust: '0' })
    expect(splitUnwind('binance', '0.123456789', undefined)).toEqual({ amount: '0.123456789', dust: '0' })
    expect(splitUnwind('binance', '0', BINANCE)).toEqual({ amount: '0', dust: '0' })
  })
})
