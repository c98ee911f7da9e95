// Reference copy of domain/arbitrage/find-opportunities.ts as it was at 991155f, on decimal.js: the equivalence tests compare the exact
// scaled-integer implementation with it. Test-only; not imported by production code.
// Scanning every ordered venue pair for cross-venue arbitrage.
import { cmp } from '../money.js'
import { byExchange, compareExchangeIds } from '../../../../domain/routing/venue-order.js'
import { evaluatePair } from './evaluate-pair.js'
import type {
  ArbitrageOpportunity,
  ArbitrageOptions,
  ArbitrageVenue,
  SkippedPair,
} from '../../../../domain/arbitrage/types.js'

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
  options: ArbitrageOptions
): ArbitrageOpportunity[] {
  return scanPairs(symbol, venues, options).opportunities
}

export interface PairScan {
  /** As findOpportunities returns them. */
  opportunities: ArbitrageOpportunity[]
  /** Profitable pairs whose size a venue would refuse (its step, minimum amount or minimum notional), in pair order. */
  skipped: SkippedPair[]
}

/** findOpportunities, plus the profitable pairs it had to leave out because a venue's rules forbid their size. */
export function scanPairs(symbol: string, venues: readonly ArbitrageVenue[], options: ArbitrageOptions): PairScan {
  const ordered = byExchange(venues)
  const found: ArbitrageOpportunity[] = []
  const skipped: SkippedPair[] = []
  for (const buy of ordered) {
    for (const sell of ordered) {
      if (buy.exchange === sell.exchange) continue
      const evaluation = evaluatePair(symbol, buy, sell, options)
      if ('opportunity' in evaluation) found.push(evaluation.opportunity)
      else if (evaluation.unmet !== undefined) {
        const pair = {
          id: `${symbol}:${buy.exchange}->${sell.exchange}`,
          symbol,
          buyExchange: buy.exchange,
          sellExchange: sell.exchange,
        }
        skipped.push({ ...pair, unmet: evaluation.unmet, reason: evaluation.reason })
      }
    }
  }
  return { opportunities: sortByProfit(found), skipped }
}

function sortByProfit(found: ArbitrageOpportunity[]): ArbitrageOpportunity[] {
  return found.sort(
    (a, b) =>
      cmp(b.netProfit, a.netProfit) ||
      compareExchangeIds(a.buyExchange, b.buyExchange) ||
      compareExchangeIds(a.sellExchange, b.sellExchange)
  )
}
