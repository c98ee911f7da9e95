// Realised profit from reported fills: a buy, a sell that only partly filled, and the unwind that sold the rest
// back; fees in quote, in base and in a third currency.
import { describe, expect, it } from 'vitest'

import { realisedProfit } from '../../../domain/arbitrage/index.js'
import type { RealisedLeg } from '../../../domain/arbitrage/index.js'

const symbol = 'BTC/USDT'
const buy: RealisedLeg = { symbol, side: 'buy', filled: '1', cost: '100', fee: { cost: '0.1', currency: 'USDT' } }
const partialSell: RealisedLeg = {
  symbol,
  side: 'sell',
  filled: '0.6',
  cost: '60.6',
  fee: { cost: '0.0606', currency: 'USDT' },
}
const unwind: RealisedLeg = {
  symbol,
  side: 'sell',
  filled: '0.4',
  cost: '39.8',
  fee: { cost: '0.0398', currency: 'USDT' },
}

describe('realisedProfit', () => {
  it('nets a partial fill and its unwind', () => {
    // 60.6 + 39.8 − 100 − (0.1 + 0.0606 + 0.0398) = 0.1996
    expect(realisedProfit([buy, partialSell, unwind])).toEqual({
      currency: 'USDT',
      boughtAmount: '1',
      soldAmount: '1',
      buyCost: '100',
      sellProceeds: '100.4',
      fees: '0.2004',
      netProfit: '0.1996',
      residualAmount: '0',
      unconvertedFees: [],
    })
  })

  it('reports the residual position when the unwind has not happened yet', () => {
    const result = realisedProfit([buy, partialSell])
    // 60.6 − 100 − 0.1606: a loss until the 0.4 left over is sold
    expect(result.netProfit).toBe('-39.5606')
    expect(result.residualAmount).toBe('0.4')
  })

  it('prices a base-currency fee at its leg average and takes it off the position', () => {
    const baseFeeBuy: RealisedLeg = { ...buy, cost: '100.5', fee: { cost: '0.001', currency: 'BTC' } }
    const result = realisedProfit([baseFeeBuy, partialSell, unwind])
    // fee 0.001 × 100.5 = 0.1005 quote; the buy delivered 0.999 BTC, so selling 1 leaves −0.001
    expect(result.fees).toBe('0.2009')
    expect(result.netProfit).toBe('-0.3009')
    expect(result.residualAmount).toBe('-0.001')
  })

  it('lists fees in a third currency without pricing them', () => {
    const bnbFee = { cost: '0.0002', currency: 'BNB' }
    const result = realisedProfit([{ ...buy, fee: bnbFee }, partialSell, unwind])
    expect(result.fees).toBe('0.1004')
    expect(result.unconvertedFees).toEqual([bnbFee])
  })

  it('is zero for no legs and refuses mixed symbols', () => {
    expect(realisedProfit([])).toMatchObject({ netProfit: '0', residualAmount: '0', fees: '0' })
    expect(() => realisedProfit([buy, { ...unwind, symbol: 'ETH/USDT' }])).toThrow(RangeError)
  })
})
