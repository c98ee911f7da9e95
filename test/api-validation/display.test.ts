// Goal: prices, averages and costs in answers are rounded to the market's precision (exact decimal arithmetic),
// while amounts, the venue's own fees and scores are left alone.
// Method: the pure rounding over answers shaped as the workflows return them.
import { describe, expect, it } from 'vitest'

import { finest, precisionOfMarket, roundForDisplay, symbolsIn, type PrecisionOf } from '../../api/display.js'
import { placesOf, roundToPlaces } from '../../domain/money.js'

const BINANCE = precisionOfMarket({ priceStep: '0.01', amountStep: '0.00001' })!
const KRAKEN = precisionOfMarket({ priceStep: '0.1', amountStep: '0.0001' })!
const precisionOf: PrecisionOf = (symbol, exchange) => {
  if (symbol !== 'BTC/USDT') return undefined
  if (exchange === 'binance') return BINANCE
  if (exchange === 'kraken') return KRAKEN
  return finest([BINANCE, KRAKEN])
}

const order = (exchange: string, average: string, cost: string) => ({
  exchange,
  id: '1',
  clientOrderId: 'c',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  status: 'closed',
  amount: '0.3',
  filled: '0.3',
  remaining: '0',
  average,
  cost,
  fee: { cost: '0.000123456789', currency: 'BNB' },
  timestamp: 1,
})

describe('rounding for display', () => {
  it('rounds half away from zero to a number of places, exactly', () => {
    expect(roundToPlaces('64042.17335626666666666666666666666666667', 2)).toBe('64042.17')
    expect(roundToPlaces('0.125', 2)).toBe('0.13')
    expect(roundToPlaces('-0.125', 2)).toBe('-0.13')
    expect(roundToPlaces('64042.1', 2)).toBe('64042.1')
    expect(roundToPlaces('0.30000000000000000000000000000000000001', 1)).toBe('0.3')
    expect(roundToPlaces('99999999999999999999.995', 2)).toBe('100000000000000000000')
    expect([placesOf('0.01'), placesOf('0.5'), placesOf('10'), placesOf('1e-8')]).toEqual([2, 1, 0, 8])
  })

  it("takes a market's precision from its tick and step; a venue that gives no tick gives none", () => {
    expect(BINANCE).toEqual({ pricePlaces: 2, quotePlaces: 7 })
    expect(precisionOfMarket({ priceStep: '0', amountStep: '0.001' })).toBeUndefined()
    expect(finest([BINANCE, undefined, KRAKEN])).toEqual({ pricePlaces: 2, quotePlaces: 7 })
  })

  it("rounds a smart order's averages and each order's figures to its own venue's precision", () => {
    const result = {
      workflowId: 'smart-1',
      outcome: 'filled',
      expectedAveragePrice: '64033.3333333333333333333333333333333333',
      actualAveragePrice: '64042.17335626666666666666666666666666667',
      realisedSlippageBps: 1.3805833,
      filled: '0.3',
      fees: [{ cost: '0.000123456789', currency: 'BNB' }],
      orders: [
        order('binance', '64042.17335626666666666666666666666666667', '19212.652006880000000000001'),
        order('kraken', '64100.05', '19230.015'),
      ],
    }
    const shown = roundForDisplay(result, precisionOf, 'BTC/USDT')
    expect(shown.expectedAveragePrice).toBe('64033.33')
    expect(shown.actualAveragePrice).toBe('64042.17')
    expect(shown.orders[0]).toMatchObject({ average: '64042.17', cost: '19212.6520069', amount: '0.3', filled: '0.3' })
    expect(shown.orders[1]).toMatchObject({ average: '64100.1', cost: '19230.015' })
    // the venue's fees, amounts and scores are not figures to round
    expect(shown.orders[0]!.fee).toEqual({ cost: '0.000123456789', currency: 'BNB' })
    expect(shown.fees).toEqual(result.fees)
    expect(shown.realisedSlippageBps).toBe(1.3805833)
    expect(JSON.stringify(shown)).not.toMatch(/\d{20}/)
    // a copy: the exact result is untouched
    expect(result.actualAveragePrice).toBe('64042.17335626666666666666666666666666667')
  })

  it("rounds an arbitrage's profit and its opportunity, and leaves what it cannot place exact", () => {
    const result = {
      outcome: 'completed',
      profit: '-1.234567891234',
      realisedProfit: {
        currency: 'USDT',
        buyCost: '6300',
        sellProceeds: '6400',
        fees: '22.123456789',
        netProfit: '-1.234567891234',
        boughtAmount: '0.1',
      },
      opportunity: {
        symbol: 'BTC/USDT',
        buyExchange: 'binance',
        sellExchange: 'kraken',
        buyAveragePrice: '63000.005',
        netProfitPct: 1.23,
      },
      legs: [{ exchange: 'kraken', outcome: 'placed', order: order('kraken', '64000.04', '6400.004') }],
    }
    const shown = roundForDisplay(result, precisionOf, 'BTC/USDT')
    expect(shown.profit).toBe('-1.2345679')
    expect(shown.realisedProfit).toMatchObject({
      fees: '22.1234568',
      netProfit: '-1.2345679',
      buyCost: '6300',
      boughtAmount: '0.1',
    })
    expect(shown.opportunity).toMatchObject({ buyAveragePrice: '63000.01', netProfitPct: 1.23 })
    expect(shown.legs[0]!.order).toMatchObject({ average: '64000', cost: '6400.004' })
    expect(roundForDisplay(result, () => undefined, 'BTC/USDT')).toEqual(result)
  })

  it('needs no market for an answer without figures', () => {
    expect(symbolsIn({ workflowId: 'x', outcome: 'placed' }, 'BTC/USDT').size).toBe(0)
    expect([...symbolsIn({ orders: [order('binance', '1', '1')] }, 'ETH/USDT')].sort()).toEqual([
      'BTC/USDT',
      'ETH/USDT',
    ])
    expect(symbolsIn({ fees: [{ cost: '1', currency: 'BNB' }] }, 'BTC/USDT').size).toBe(0)
  })
})
