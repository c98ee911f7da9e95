// When an auto-executed arbitrage ends badly, the monitor leaves its venue pair alone for a while: the same
// books would start the same losing trade on the next scan (a leg refused, the other unwound at a loss).
import type { ExchangeId } from '../types.js'

/** A venue pair the monitor does not execute until `until`. */
export interface PairBackoff {
  /** The opportunity id, one per symbol and venue pair: `BTC/USDT:binance->kraken`. */
  opportunityId: string
  symbol: string
  buyExchange: ExchangeId
  sellExchange: ExchangeId
  /** Bad ends in a row: each doubles the pause. */
  failures: number
  /** Epoch ms (workflow time) until which the pair is paused. */
  until: number
  lastOutcome: string
  lastChildId: string
}

export interface EndedChild {
  workflowId: string
  opportunityId: string
  symbol: string
  buyExchange: ExchangeId
  sellExchange: ExchangeId
  /** The child's ArbitrageOutcome; 'failed' when it threw, 'closed' when it closed without saying how. */
  outcome: string
}

/** Longest pause, however often a pair has failed. */
export const MAX_BACKOFF_MS = 3_600_000

/** Outcomes that leave the pair as it was: no order was sent, so nothing was lost. */
const NEUTRAL_OUTCOMES = new Set(['no_opportunity'])

/**
 * The pair's back-off after `child` ended at `now`: cleared by a completed trade, unchanged when nothing was sent,
 * and otherwise (rejected, unwound, unwind_failed, unknown, failed, or an end nobody reported) `baseMs` doubled for
 * every bad end in a row, at most MAX_BACKOFF_MS (or `baseMs` if that is longer).
 *
 * @example
 * nextBackoff(undefined, { ...child, outcome: 'unwound' }, 1_000, 60_000).until // 61_000
 */
export function nextBackoff(
  previous: PairBackoff | undefined,
  child: EndedChild,
  now: number,
  baseMs: number
): PairBackoff | undefined {
  if (child.outcome === 'completed') return undefined
  if (NEUTRAL_OUTCOMES.has(child.outcome)) return previous
  const failures = (previous?.failures ?? 0) + 1
  const pause = Math.min(baseMs * 2 ** (failures - 1), Math.max(baseMs, MAX_BACKOFF_MS))
  const { opportunityId, symbol, buyExchange, sellExchange } = child
  return {
    opportunityId,
    symbol,
    buyExchange,
    sellExchange,
    failures,
    until: now + pause,
    lastOutcome: child.outcome,
    lastChildId: child.workflowId,
  }
}

/** The ids of the pairs still paused at `now`. */
export function pausedPairs(backoffs: readonly PairBackoff[], now: number): Set<string> {
  return new Set(backoffs.filter((b) => b.until > now).map((b) => b.opportunityId))
}
