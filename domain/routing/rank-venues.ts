// Venue selection for a whole order: which one venue gives the best price after fees, adjusted for how
// reliable the venue has been.
//
// Liquidity is measured against the *best price across venues*, not each venue's own top of book: the
// slippage tolerance is about what the caller pays relative to the market, so a venue whose top of book is
// already 60 bps above the market has no useful depth within 50 bps, however deep its own book is.
//
// The figures are exact decimals (domain/exact) computed as decimal.js computed them before, so decisions, and the
// workflow histories that record them, are the same to the last digit; only the levels a decision needs are read.
import { walkLevels, type LevelStream } from '../book-levels.js'
import {
  basisPoints,
  compare,
  dividedBy,
  isPositive,
  minus,
  parseExact,
  ratio,
  toDecimalString,
  ZERO,
  type Exact,
} from '../exact/index.js'
import type { Side } from '../types.js'
import { feeFactor, feeOn, priceAfterFee } from './fees.js'
import { baseOf, formatFeePct, formatPct, formatPrice } from './format.js'
import { bestPriceAcross, liquidityWithin, slippageFrom } from './market-reference.js'
import { assertRoutingRequest } from './request.js'
import type { RoutingDecision, RoutingRequest, RoutingWeights, VenueCandidate, VenueSnapshot } from './types.js'
import { screenVenues } from './venue-eligibility.js'
import { compareExchangeIds } from './venue-order.js'

/**
 * Defaults for the operational penalties. Half a bp per 100 ms makes a 400 ms venue lose a near-tie (< 2 bps)
 * against a fast one without overriding a real price difference; a degraded venue must be 5 bps cheaper to win.
 */
export const DEFAULT_ROUTING_WEIGHTS: RoutingWeights = {
  latencyBpsPer100Ms: 0.5,
  degradedPenaltyBps: 5,
  errorRatePenaltyBps: 50,
}

/** A ranked candidate with the exact figures its comparisons and sentences need. */
interface Evaluation {
  candidate: VenueCandidate
  fillable: Exact
  average: Exact
  effectivePrice: Exact
  takerFee: Exact
}

/**
 * Ranks `venues` for `request` and picks the one venue to send the whole order to.
 *
 * Each usable venue's book is walked for the full amount (buy: asks, sell: bids; limit orders only count
 * levels at or better than the limit). Venues that can fill the whole amount rank first, then partial ones by
 * fillable amount; within a tier by `scoreBps` (effective-price gap to the best venue plus latency, health and
 * error-rate penalties), then by exchange id. Down and disabled venues are listed with a rejection, not ranked.
 * When no venue can fill the full amount, nothing is selected and `splitRecommended` points to planSplit.
 */
export function rankVenues(
  request: RoutingRequest,
  venues: readonly VenueSnapshot[],
  weights: Partial<RoutingWeights> = {}
): RoutingDecision {
  const { amount, slippageBps } = assertRoutingRequest(request)
  const w = { ...DEFAULT_ROUTING_WEIGHTS, ...weights }
  const screened = screenVenues(request, venues)
  const usable = screened.flatMap((s) => ('levels' in s ? [s.venue] : []))
  const bestText = bestPriceAcross(usable, request.side)
  const marketBest = bestText === undefined ? undefined : parseExact(bestText)

  const rejected: VenueCandidate[] = []
  const evaluated: Evaluation[] = []
  for (const screenedVenue of screened) {
    const { venue } = screenedVenue
    if ('rejection' in screenedVenue || marketBest === undefined) {
      const why = 'rejection' in screenedVenue ? screenedVenue.rejection : 'no liquidity'
      const reason = `${venue.exchange}: ${why}`
      rejected.push({ exchange: venue.exchange, takerFee: venue.fees.taker, rejection: why, reason })
      continue
    }
    evaluated.push(evaluateVenue(request.side, amount, venue, screenedVenue.levels, marketBest, slippageBps, w))
  }

  scorePriceGaps(evaluated, request.side)
  const rankedEvaluations = evaluated.sort(compareCandidates)
  const ranked = rankedEvaluations.map(({ candidate }, index) => {
    candidate.rank = index + 1
    return candidate
  })

  const decision: RoutingDecision = {
    request,
    candidates: [...ranked, ...rejected],
    reason: '',
    splitRecommended: false,
  }
  const best = rankedEvaluations[0]
  if (best === undefined) {
    decision.reason = `No venue can take this order: ${rejected.map((c) => c.reason).join('; ')}`
    return decision
  }
  const chosen = best.candidate
  if (chosen.fullFill !== true) {
    decision.splitRecommended = true
    decision.reason =
      `No single venue can fill ${request.amount} ${baseOf(request.symbol)} ` +
      `(most: ${chosen.exchange} ${chosen.fillableAmount ?? '0'}); split the order across venues with planSplit`
    return decision
  }
  decision.selected = chosen.exchange
  if (chosen.expectedAveragePrice !== undefined) decision.expectedAveragePrice = chosen.expectedAveragePrice
  if (chosen.liquidityScore !== undefined) decision.liquidityScore = chosen.liquidityScore
  if (chosen.expectedSlippageBps !== undefined) decision.expectedSlippageBps = chosen.expectedSlippageBps
  decision.reason = explainSelection(best, rankedEvaluations, request.side, slippageBps)
  return decision
}

function evaluateVenue(
  side: Side,
  amount: Exact,
  venue: VenueSnapshot,
  levels: LevelStream,
  marketBest: Exact,
  slippageBps: number,
  w: RoutingWeights
): Evaluation {
  const walk = walkLevels(levels, amount)
  const average = isPositive(walk.filled) ? dividedBy(walk.cost, walk.filled) : ZERO
  const takerFee = parseExact(venue.fees.taker)
  const effectivePrice = priceAfterFee(average, feeFactor(takerFee, side))
  const latencyPenaltyBps = ((venue.latencyMs ?? 0) / 100) * w.latencyBpsPer100Ms
  const healthPenaltyBps =
    (venue.health === 'degraded' ? w.degradedPenaltyBps : 0) + (venue.errorRate ?? 0) * w.errorRatePenaltyBps
  const candidate: VenueCandidate = {
    exchange: venue.exchange,
    fillableAmount: toDecimalString(walk.filled),
    fillRatio: ratio(walk.filled, amount),
    fullFill: !walk.exhausted,
    expectedAveragePrice: toDecimalString(average),
    expectedCost: toDecimalString(walk.cost),
    expectedFee: toDecimalString(feeOn(walk.cost, takerFee)),
    takerFee: venue.fees.taker,
    effectivePrice: toDecimalString(effectivePrice),
    liquidityScore: liquidityWithin(levels, amount, marketBest, slippageBps, side),
    expectedSlippageBps: slippageFrom(average, marketBest, side),
    latencyPenaltyBps,
    healthPenaltyBps,
    reason: '',
  }
  if (walk.worstPrice !== undefined && isPositive(walk.filled)) candidate.worstPrice = toDecimalString(walk.worstPrice)
  return { candidate, fillable: walk.filled, average, effectivePrice, takerFee }
}

// The price gap is measured against the best effective price among venues that fill the whole amount (among
// all, when none does), so that a tiny cheap level on a thin venue does not set the bar for the others.
function scorePriceGaps(evaluations: Evaluation[], side: Side): void {
  const full = evaluations.filter((e) => e.candidate.fullFill === true)
  const pool = full.length > 0 ? full : evaluations
  let reference: Exact | undefined
  for (const e of pool) {
    if (reference === undefined || isBetter(e.effectivePrice, reference, side)) reference = e.effectivePrice
  }
  for (const e of evaluations) {
    const c = e.candidate
    const gap = reference === undefined ? 0 : worseBy(e.effectivePrice, reference, side)
    c.priceGapBps = gap
    c.scoreBps = gap + (c.latencyPenaltyBps ?? 0) + (c.healthPenaltyBps ?? 0)
    c.reason = describeCandidate(e)
  }
}

function compareCandidates(x: Evaluation, y: Evaluation): number {
  const [a, b] = [x.candidate, y.candidate]
  if (a.fullFill !== b.fullFill) return a.fullFill === true ? -1 : 1
  if (a.fullFill !== true) {
    const byFill = compare(y.fillable, x.fillable)
    if (byFill !== 0) return byFill
  }
  const byScore = (a.scoreBps ?? 0) - (b.scoreBps ?? 0)
  if (byScore !== 0) return byScore
  return compareExchangeIds(a.exchange, b.exchange)
}

function isBetter(price: Exact, than: Exact, side: Side): boolean {
  return side === 'buy' ? compare(price, than) < 0 : compare(price, than) > 0
}

/** How much worse `price` is than `reference` for a taker of `side`, in bps (negative when better). */
function worseBy(price: Exact, reference: Exact, side: Side): number {
  return basisPoints(side === 'buy' ? minus(price, reference) : minus(reference, price), reference)
}

function describeCandidate(e: Evaluation): string {
  const c = e.candidate
  const parts = [
    `${c.exchange}: fills ${c.fillableAmount ?? '0'} (${formatPct((c.fillRatio ?? 0) * 100)})`,
    `avg ${formatPrice(e.average)}`,
    `effective ${formatPrice(e.effectivePrice)} after ${formatFeePct(e.takerFee)} taker fee`,
    `${formatPct((c.liquidityScore ?? 0) * 100)} of the amount within the slippage bound`,
  ]
  const penalties = (c.latencyPenaltyBps ?? 0) + (c.healthPenaltyBps ?? 0)
  if (penalties > 0) parts.push(`+${penalties.toFixed(1)} bps for latency and health`)
  return parts.join(', ')
}

function explainSelection(best: Evaluation, ranked: Evaluation[], side: Side, slippageBps: number): string {
  const cheapest = ranked
    .filter((e) => e.candidate.fullFill === true)
    .every((e) => !isBetter(e.effectivePrice, best.effectivePrice, side))
  const chosen = best.candidate
  const depth =
    chosen.liquidityScore === 1
      ? `full depth within ${slippageBps} bps`
      : `${formatPct((chosen.liquidityScore ?? 0) * 100)} of the amount within ${slippageBps} bps`
  const lead =
    `${chosen.exchange}: ${cheapest ? 'best effective price' : 'best score, effective price'} ` +
    `${formatPrice(best.effectivePrice)} after ${formatFeePct(best.takerFee)} taker fee, ${depth}`
  const runnerUp = ranked[1]
  if (runnerUp === undefined) return lead
  return `${lead}; ${compareRunnerUp(best, runnerUp, side)}`
}

function compareRunnerUp(best: Evaluation, runnerUp: Evaluation, side: Side): string {
  const other = runnerUp.candidate
  if (other.fullFill !== true) return `${other.exchange} can fill only ${other.fillableAmount ?? '0'}`
  const pct = worseBy(runnerUp.effectivePrice, best.effectivePrice, side) / 100
  if (pct > 0) return `${other.exchange} ${formatPct(pct)} worse`
  const penalty = (other.scoreBps ?? 0) - (other.priceGapBps ?? 0)
  const price = pct < 0 ? `${formatPct(-pct)} better price` : 'same price'
  return `${other.exchange} ${price} but ${penalty.toFixed(1)} bps of latency and health penalties`
}
