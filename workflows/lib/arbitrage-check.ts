// The last look before an arbitrage's legs go out: both books read again, the pair evaluated on them.
import { evaluatePair, recheckOpportunity, type ArbitrageOpportunity } from '../../domain/arbitrage/index.js'
import type { VenueMarketRules } from '../../domain/routing/index.js'
import type { DecimalString, ExchangeId } from '../../domain/types.js'
import { readVenues } from './venues.js'

export interface PairCheck {
  symbol: string
  buyExchange: ExchangeId
  sellExchange: ExchangeId
  minProfitPct: number
  /** Largest base amount to trade. */
  amount?: DecimalString
  /** Found earlier (by the monitor or the API): its size is a ceiling, never grown. */
  opportunity?: ArbitrageOpportunity
  depth: number
}

/** The pair's opportunity on fresh books, with each venue's order-size rules (an unwind must keep them too). */
export type PairCheckResult =
  | {
      ok: true
      opportunity: ArbitrageOpportunity
      resized: boolean
      buyMarket?: VenueMarketRules
      sellMarket?: VenueMarketRules
    }
  | { ok: false; reason: string }

/** The opportunity as it stands on fresh books, sized within both venues' rules, or why there is none. */
export async function checkPair(check: PairCheck): Promise<PairCheckResult> {
  const { symbol, buyExchange, sellExchange, opportunity } = check
  if (buyExchange === sellExchange) return { ok: false, reason: `buy and sell exchange are both ${buyExchange}` }
  if (
    opportunity &&
    (opportunity.symbol !== symbol ||
      opportunity.buyExchange !== buyExchange ||
      opportunity.sellExchange !== sellExchange)
  ) {
    return {
      ok: false,
      reason: `the opportunity ${opportunity.id} is not for ${symbol} ${buyExchange}->${sellExchange}`,
    }
  }
  const reads = await readVenues(
    [
      { exchange: buyExchange, symbol },
      { exchange: sellExchange, symbol },
    ],
    check.depth
  )
  const buy = reads.snapshots.find((s) => s.exchange === buyExchange)
  const sell = reads.snapshots.find((s) => s.exchange === sellExchange)
  if (!buy || !sell) {
    return { ok: false, reason: `cannot trade: ${reads.errors.map((e) => `${e.exchange}: ${e.message}`).join('; ')}` }
  }
  // Each snapshot carries its venue's step and minimums: the domain sizes both legs within them.
  const options = { minProfitPct: check.minProfitPct, maxAmount: check.amount }
  const markets = { buyMarket: buy.market, sellMarket: sell.market }
  if (opportunity) {
    const fresh = { buyBook: buy.book, sellBook: sell.book, buyFees: buy.fees, sellFees: sell.fees, ...markets }
    const recheck = recheckOpportunity(opportunity, fresh, options)
    return recheck.ok ? { ...recheck, ...markets } : recheck
  }
  const evaluation = evaluatePair(symbol, buy, sell, options)
  if ('reason' in evaluation) return { ok: false, reason: `no opportunity: ${evaluation.reason}` }
  return { ok: true, opportunity: evaluation.opportunity, resized: false, ...markets }
}
