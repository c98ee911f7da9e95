// Reference copy of domain/routing/rank-venues.ts as it was at 991155f, on decimal.js: the equivalence tests compare the exact
// scaled-integer implementation with it. Test-only; not imported by production code.
// Venue selection for a whole order: which one venue gives the best price after fees, adjusted for how
// reliable the venue has been.
//
// Liquidity is measured against the *best price across venues*, not each venue's own top of book: the
// slippage tolerance is about what the caller pays relative to the market, so a venue whose top of book is
// already 60 bps above the market has no useful depth within 50 bps, however deep its own book is.
import { walkBook } from '../book.js'
import { bps, cmp, dec } from '../money.js'
import type { DecimalString, Side } from '../../../../domain/types.js'
import { feeOn, priceAfterFee } from './fees.js'
import { baseOf, formatFeePct, formatPct, formatPrice } from './format.js'
import { assertRoutingRequest } from './request.js'
import { bestPriceAcross, liquidityWithin, slippageFrom } from './market-reference.js'
import type {
  RoutingDecision,
  RoutingRequest,
  RoutingWeights,
  VenueCandidate,
  VenueSnapshot,
} from '../../../../domain/routing/types.js'
import { screenVenues, usableLevels } from './venue-eligibility.js'
import { compareExchangeIds } from '../../../../domain/routing/venue-order.js'

/**
 * Defaults for the operational penalties. Half a bp per 100 ms makes a 400 ms venue lose a near-tie (< 2 bps)
 * against a fast one without overriding a real price difference; a degraded venue must be 5 bps cheaper to win.
 */
export const DEFAULT_ROUTING_WEIGHTS: RoutingWeights = {
  latencyBpsPer100Ms: 0.5,
  degradedPenaltyBps: 5,
  errorRatePenaltyBps: 50,
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
  const slippageBps = assertRoutingRequest(request)
  const w = { ...DEFAULT_ROUTING_WEIGHTS, ...weights }
  const screened = screenVenues(request, venues)
  const usable = screened.filter((s) => s.rejection === undefined).map((s) => s.venue)
  const marketBest = bestPriceAcross(usable, request.side)

  const rejected: VenueCandidate[] = []
  const evaluated: VenueCandidate[] = []
  for (const { venue, rejection } of screened) {
    if (rejection !== undefined || marketBest === undefined) {
      const why = rejection ?? 'no liquidity'
      const reason = `${venue.exchange}: ${why}`
      rejected.push({ exchange: venue.exchange, takerFee: venue.fees.taker, rejection: why, reason })
      continue
    }
    evaluated.push(evaluateVenue(request, venue, marketBest, slippageBps, w))
  }

  scorePriceGaps(evaluated, request.side)
  const ranked = evaluated.sort(compareCandidates)
  ranked.forEach((candidate, index) => {
    candidate.rank = index + 1
  })

  const decision: RoutingDecision = {
    request,
    candidates: [...ranked, ...rejected],
    reason: '',
    splitRecommended: false,
  }
  const best = ranked[0]
  if (best === undefined) {
    decision.reason = `No venue can take this order: ${rejected.map((c) => c.reason).join('; ')}`
    return decision
  }
  if (best.fullFill !== true) {
    decision.splitRecommended = true
    decision.reason =
      `No single venue can fill ${request.amount} ${baseOf(request.symbol)} ` +
      `(most: ${best.exchange} ${best.fillableAmount ?? '0'}); split the order across venues with planSplit`
    return decision
  }
  decision.selected = best.exchange
  if (best.expectedAveragePrice !== undefined) decision.expectedAveragePrice = best.expectedAveragePrice
  if (best.liquidityScore !== undefined) decision.liquidityScore = best.liquidityScore
  if (best.expectedSlippageBps !== undefined) decision.expectedSlippageBps = best.expectedSlippageBps
  decision.reason = explainSelection(best, ranked, request.side, slippageBps)
  return decision
}

function evaluateVenue(
  request: RoutingRequest,
  venue: VenueSnapshot,
  marketBest: DecimalString,
  slippageBps: number,
  w: RoutingWeights
): VenueCandidate {
  const levels = usableLevels(request, venue)
  const walk = walkBook(levels, request.amount)
  const average = walk.average ?? '0'
  const taker = venue.fees.taker
  const latencyPenaltyBps = ((venue.latencyMs ?? 0) / 100) * w.latencyBpsPer100Ms
  const healthPenaltyBps =
    (venue.health === 'degraded' ? w.degradedPenaltyBps : 0) + (venue.errorRate ?? 0) * w.errorRatePenaltyBps
  const candidate: VenueCandidate = {
    exchange: venue.exchange,
    fillableAmount: walk.filled,
    fillRatio: dec(walk.filled).div(request.amount).toNumber(),
    fullFill: !walk.exhausted,
    expectedAveragePrice: average,
    expectedCost: walk.cost,
    expectedFee: feeOn(walk.cost, taker),
    takerFee: taker,
    effectivePrice: priceAfterFee(average, taker, request.side),
    liquidityScore: liquidityWithin(levels, request, marketBest, slippageBps),
    expectedSlippageBps: slippageFrom(average, marketBest, request.side),
    latencyPenaltyBps,
    healthPenaltyBps,
    reason: '',
  }
  if (walk.worstPrice !== undefined) candidate.worstPrice = walk.worstPrice
  return candidate
}

// The price gap is measured against the best effective price among venues that fill the whole amount (among
// all, when none does), so that a tiny cheap level on a thin venue does not set the bar for the others.
function scorePriceGaps(candidates: VenueCandidate[], side: Side): void {
  const full = candidates.filter((c) => c.fullFill === true)
  const pool = full.length > 0 ? full : candidates
  let reference: DecimalString | undefined
  for (const c of pool) {
    const price = c.effectivePrice ?? '0'
    if (reference === undefined || isBetter(price, reference, side)) reference = price
  }
  for (const c of candidates) {
    const price = c.effectivePrice ?? '0'
    const gap = reference === undefined ? 0 : worseBy(price, reference, side)
    c.priceGapBps = gap
    c.scoreBps = gap + (c.latencyPenaltyBps ?? 0) + (c.healthPenaltyBps ?? 0)
    c.reason = describeCandidate(c)
  }
}

function compareCandidates(a: VenueCandidate, b: VenueCandidate): number {
  if (a.fullFill !== b.fullFill) return a.fullFill === true ? -1 : 1
  if (a.fullFill !== true) {
    const byFill = cmp(b.fillableAmount ?? '0', a.fillableAmount ?? '0')
    if (byFill !== 0) return byFill
  }
  const byScore = (a.scoreBps ?? 0) - (b.scoreBps ?? 0)
  if (byScore !== 0) return byScore
  return compareExchangeIds(a.exchange, b.exchange)
}

function isBetter(price: DecimalString, than: DecimalString, side: Side): boolean {
  return side === 'buy' ? cmp(price, than) < 0 : cmp(price, than) > 0
}

/** How much worse `price` is than `reference` for a taker of `side`, in bps (negative when better). */
function worseBy(price: DecimalString, reference: DecimalString, side: Side): number {
  const delta = side === 'buy' ? dec(price).minus(reference) : dec(reference).minus(price)
  return bps(delta, reference)
}

function describeCandidate(c: VenueCandidate): string {
  const parts = [
    `${c.exchange}: fills ${c.fillableAmount ?? '0'} (${formatPct((c.fillRatio ?? 0) * 100)})`,
    `avg ${formatPrice(c.expectedAveragePrice ?? '0')}`,
    `effective ${formatPrice(c.effectivePrice ?? '0')} after ${formatFeePct(c.takerFee)} taker fee`,
    `${formatPct((c.liquidityScore ?? 0) * 100)} of the amount within the slippage bound`,
  ]
  const penalties = (c.latencyPenaltyBps ?? 0) + (c.healthPenaltyBps ?? 0)
  if (penalties > 0) parts.push(`+${penalties.toFixed(1)} bps for latency and health`)
  return parts.join(', ')
}

function explainSelection(best: VenueCandidate, ranked: VenueCandidate[], side: Side, slippageBps: number): string {
  const cheapest = ranked
    .filter((c) => c.fullFill === true)
    .every((c) => !isBetter(c.effectivePrice ?? '0', best.effectivePrice ?? '0', side))
  const depth =
    best.liquidityScore === 1
      ? `full depth within ${slippageBps} bps`
      : `${formatPct((best.liquidityScore ?? 0) * 100)} of the amount within ${slippageBps} bps`
  const lead =
    `${best.exchange}: ${cheapest ? 'best effective price' : 'best score, effective price'} ` +
    `${formatPrice(best.effectivePrice ?? '0')} after ${formatFeePct(best.takerFee)} taker fee, ${depth}`
  const runnerUp = ranked[1]
  if (runnerUp === undefined) return lead
  return `${lead}; ${compareRunnerUp(best, runnerUp, side)}`
}

function compareRunnerUp(best: VenueCandidate, other: VenueCandidate, side: Side): string {
  if (other.fullFill !== true) return `${other.exchange} can fill only ${other.fillableAmount ?? '0'}`
  const bestPrice = best.effectivePrice ?? '0'
  const pct = worseBy(other.effectivePrice ?? '0', bestPrice, side) / 100
  if (pct > 0) return `${other.exchange} ${formatPct(pct)} worse`
  const penalty = (other.scoreBps ?? 0) - (other.priceGapBps ?? 0)
  const price = pct < 0 ? `${formatPct(-pct)} better price` : 'same price'
  return `${other.exchange} ${price} but ${penalty.toFixed(1)} bps of latency and health penalties`
}
