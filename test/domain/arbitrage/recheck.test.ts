// Rechecking an opportunity on fresh books: confirmed unchanged, shrunk with the book, never grown, and gone
// (with the reason) when the margin has closed.
import { describe, expect, it } from 'vitest'

import { findOpportunities, recheckOpportunity } from '../../../domain/arbitrage/index.js'
import type { ArbitrageOpportunity } from '../../../domain/arbitrage/index.js'
import type { BookLevel } from '../../../domain/types.js'
import { book } from '../fixtures.js'

const options = { minProfitPct: 0.1 }
const asks: BookLevel[] = [['100', '1']]
const bids: BookLevel[] = [['100.5', '1']]

function original(): ArbitrageOpportunity {
  const [found] = findOpportunities(
    'BTC/USDT',
    [
      { exchange: 'binance', book: book('binance', { asks }), fees: { maker: '0', taker: '0.001' } },
      { exchange: 'kraken', book: book('kraken', { bids }), fees: { maker: '0', taker: '0.001' } },
    ],
    options
  )
  if (found === undefined) throw new Error('fixture must yield an opportunity')
  return found
}

describe('recheckOpportunity', () => {
  it('confirms an unchanged opportunity', () => {
    const opportunity = original()
    const fresh = { buyBook: book('binance', { asks }), sellBook: book('kraken', { bids }) }
    const result = recheckOpportunity(opportunity, fresh, options)
    expect(result).toEqual({ ok: true, opportunity, resized: false })
  })

  it('shrinks with the fresh depth and never grows', () => {
    const opportunity = original()
    const thinner = recheckOpportunity(
      opportunity,
      { buyBook: book('binance', { asks: [['100', '0.4']] }), sellBook: book('kraken', { bids }) },
      options
    )
    expect(thinner).toMatchObject({ ok: true, resized: true, opportunity: { amount: '0.4', netProfit: '0.1198' } })
    const deeper = recheckOpportunity(
      opportunity,
      { buyBook: book('binance', { asks: [['100', '50']] }), sellBook: book('kraken', { bids: [['100.5', '50']] }) },
      options
    )
    expect(deeper).toMatchObject({ ok: true, resized: false, opportunity: { amount: '1' } })
  })

  it('says why the opportunity vanished', () => {
    const result = recheckOpportunity(
      original(),
      { buyBook: book('binance', { asks }), sellBook: book('kraken', { bids: [['100.2', '1']] }) },
      options
    )
    expect(result).toEqual({
      ok: false,
      reason:
        'opportunity vanished: buy binance at 100 (100.1 after fee), sell kraken at 100.2 (100.0998 after fee): ' +
        'net -0.0002% is not above 0.1%',
    })
  })

  it('applies fresh fees when given', () => {
    // a 0.3 % taker on the sell side: 100.5 × 0.997 = 100.1985, margin 0.098 %
    const result = recheckOpportunity(
      original(),
      {
        buyBook: book('binance', { asks }),
        sellBook: book('kraken', { bids }),
        sellFees: { maker: '0', taker: '0.003' },
      },
      options
    )
    expect(result.ok).toBe(false)
  })

  it('refuses books from other venues', () => {
    const fresh = { buyBook: book('coinbase', { asks }), sellBook: book('kraken', { bids }) }
    const result = recheckOpportunity(original(), fresh, options)
    expect(result).toEqual({ ok: false, reason: 'fresh books are not from binance and kraken' })
  })
})
