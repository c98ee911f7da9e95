// Scanning every ordered venue pair for cross-venue arbitrage.
import { cmp } from '../money.js'
import { byExchange, compareExchangeIds } from '../routing/venue-order.js'
import { evaluatePair } from './evaluate-pair.js'
import type { ArbitrageOpportunity, ArbitrageOptions, ArbitrageVenue } from './types.js'

/**
 * Every (buy venue, sell venue) pair whose executable size, from the depth of both books, nets more than
 * `options.minProfitPct` after both taker fees; sorted by net profit (quote) descending, then by buy and sell
 * exchange id. The same inputs in any order give the same list.
 *
 * @example
 * findOpportunities('BTC/USDT', [binance, kraken], { minProfitPct: 0.1, maxAmount: '0.5' })
 */
export function findOpportunities(
  symbol: string,
  venues: readonly ArbitrageVenue[],
  options: ArbitrageOptions,
): ArbitrageOpportunity[] {
  const ordered = byExchange(venues)
  const found: ArbitrageOpportunity[] = []
  for (const buy of ordered) {
    for (const sell of ordered) {
      if (buy.exchange === sell.exchange) continue
      const evaluation = evaluatePair(symbol, buy, sell, options)
      if ('opportunity' in evaluation) found.push(evaluation.opportunity)
    }
  }
  return found.sort(
    (a, b) =>
      cmp(b.netProfit, a.netProfit) ||
      compareExchangeIds(a.buyExchange, b.buyExchange) ||
      compareExchangeIds(a.sellExchange, b.sellExchange),
  )
}
