// The last look before an arbitrage's legs go out: both books read again, the pair evaluated on them.
import { evaluatePair, recheckOpportunity, type ArbitrageOpportunity } from '../../domain/arbitrage/index.js'
import type { RecheckResult } from '../../domain/arbitrage/index.js'
import type { DecimalString, ExchangeId } from '../../domain/types.js'
import { coarsestStep, readVenues } from './venues.js'

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

/** The opportunity as it stands on fresh books, or why there is none. */
export async function checkPair(check: PairCheck): Promise<RecheckResult> {
  const { symbol, buyExchange, sellExchange, opportunity } = check
  if (buyExchange === sellExchange) return { ok: false, reason: `buy and sell exchange are both ${buyExchange}` }
  if (opportunity && (opportunity.symbol !== symbol || opportunity.buyExchange !== buyExchange || opportunity.sellExchange !== sellExchange)) {
    return { ok: false, reason: `the opportunity ${opportunity.id} is not for ${symbol} ${buyExchange}->${sellExchange}` }
  }
  const reads = await readVenues([{ exchange: buyExchange, symbol }, { exchange: sellExchange, symbol }], check.depth)
  const buy = reads.snapshots.find((s) => s.exchange === buyExchange)
  const sell = reads.snapshots.find((s) => s.exchange === sellExchange)
  if (!buy || !sell) {
    return { ok: false, reason: `cannot trade: ${reads.errors.map((e) => `${e.exchange}: ${e.message}`).join('; ')}` }
  }
  const options = { minProfitPct: check.minProfitPct, maxAmount: check.amount, amountStep: coarsestStep([buy, sell]) }
  if (opportunity) {
    const fresh = { buyBook: buy.book, sellBook: sell.book, buyFees: buy.fees, sellFees: sell.fees }
    return recheckOpportunity(opportunity, fresh, options)
  }
  const evaluation = evaluatePair(symbol, buy, sell, options)
  if ('reason' in evaluation) return { ok: false, reason: `no opportunity: ${evaluation.reason}` }
  return { ok: true, opportunity: evaluation.opportunity, resized: false }
}
