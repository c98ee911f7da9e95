// Confirming an opportunity on fresh books just before its legs are sent.
import { cmp, min } from '../money.js'
import type { TradingFees } from '../types.js'
import { evaluatePair } from './evaluate-pair.js'
import type { ArbitrageOpportunity, ArbitrageOptions, FreshBooks, RecheckResult } from './types.js'

/**
 * Re-evaluates `opportunity` on `fresh` books with the same threshold. The size never grows beyond what was first
 * found (nor beyond `options.maxAmount`); it may shrink, which `resized` reports. When the margin is gone the
 * result says why, so the workflow can record it.
 */
export function recheckOpportunity(
  opportunity: ArbitrageOpportunity,
  fresh: FreshBooks,
  options: ArbitrageOptions
): RecheckResult {
  const { buyExchange, sellExchange } = opportunity
  if (fresh.buyBook.exchange !== buyExchange || fresh.sellBook.exchange !== sellExchange) {
    return { ok: false, reason: `fresh books are not from ${buyExchange} and ${sellExchange}` }
  }
  const cap = options.maxAmount
  const maxAmount = cap === undefined ? opportunity.amount : min(opportunity.amount, cap)
  const evaluation = evaluatePair(
    opportunity.symbol,
    {
      exchange: opportunity.buyExchange,
      book: fresh.buyBook,
      fees: fresh.buyFees ?? takerOnly(opportunity.buyTakerFee),
      market: fresh.buyMarket,
    },
    {
      exchange: opportunity.sellExchange,
      book: fresh.sellBook,
      fees: fresh.sellFees ?? takerOnly(opportunity.sellTakerFee),
      market: fresh.sellMarket,
    },
    { ...options, maxAmount }
  )
  if ('reason' in evaluation) return { ok: false, reason: `opportunity vanished: ${evaluation.reason}` }
  const refreshed = evaluation.opportunity
  return { ok: true, opportunity: refreshed, resized: cmp(refreshed.amount, opportunity.amount) < 0 }
}

// Both legs are IOC takers, so only the taker rate matters.
function takerOnly(taker: string): TradingFees {
  return { maker: taker, taker }
}
