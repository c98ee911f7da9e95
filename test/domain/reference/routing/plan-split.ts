// Reference copy of domain/routing/plan-split.ts as it was at 991155f, on decimal.js: the equivalence tests compare the exact
// scaled-integer implementation with it. Test-only; not imported by production code.
// Splitting one order across venues when no single book is deep enough (or when splitting is cheaper).
//
// With fees linear in the quote amount, the cheapest way to take X units from several books is to take units in
// order of their price after each venue's taker fee: merge all levels by effective price and walk the merged
// list. That is optimal. Venue order-size rules (amount step, minimum amount, minimum notional) make the problem
// integer-constrained; they are handled by a repair on top of the greedy optimum: round each allocation down to
// its step, hand the remainder to the venues whose next unit is cheapest, and drop a venue whose allocation is
// below its minimums, then plan again without it.
import { walkBook } from '../book.js'
import { add, cmp, dec, div, floorToStep, isPositive, min, str, sub, sum } from '../money.js'
import type { BookLevel, DecimalString, ExchangeId, Side } from '../../../../domain/types.js'
import { feeOn, priceAfterFee } from './fees.js'
import { baseOf, formatPrice } from './format.js'
import { assertRoutingRequest } from './request.js'
import type { RoutingRequest, SplitAllocation, SplitPlan, VenueSnapshot } from '../../../../domain/routing/types.js'
import { screenVenues, usableLevels } from './venue-eligibility.js'
import { compareExchangeIds } from '../../../../domain/routing/venue-order.js'

interface Participant {
  venue: VenueSnapshot
  levels: BookLevel[]
  depth: DecimalString
}

/**
 * The allocation of `request` across `venues` that minimises total cost after taker fees, respecting each
 * venue's `market` rules when given. Allocations sum to the requested amount exactly whenever the usable depth
 * (and the venues' steps) allow; otherwise the shortfall is `unfilledAmount`. Latency and health do not enter
 * the cost; down and disabled venues are excluded with a reason.
 */
export function planSplit(request: RoutingRequest, venues: readonly VenueSnapshot[]): SplitPlan {
  assertRoutingRequest(request)
  const excluded: SplitPlan['excluded'] = []
  let participants: Participant[] = []
  for (const { venue, rejection } of screenVenues(request, venues)) {
    if (rejection !== undefined) {
      excluded.push({ exchange: venue.exchange, reason: rejection })
      continue
    }
    const levels = usableLevels(request, venue)
    participants.push({ venue, levels, depth: sum(levels.map(([, size]) => size)) })
  }

  // Each pass either keeps every allocation or drops at least one venue, so this ends.
  for (;;) {
    const amounts = allocateToSteps(participants, request)
    const belowMinimum = participants
      .map((p) => ({ p, why: minimumViolation(p, amounts.get(p.venue.exchange) ?? '0') }))
      .filter((entry): entry is { p: Participant; why: string } => entry.why !== undefined)
    if (belowMinimum.length === 0) return buildPlan(request, participants, amounts, excluded)
    for (const { p, why } of belowMinimum) excluded.push({ exchange: p.venue.exchange, reason: why })
    participants = participants.filter((p) => !belowMinimum.some((entry) => entry.p === p))
  }
}

/** Greedy allocation by effective price, rounded down to each venue's step, remainder redistributed. */
type Allocation = Map<ExchangeId, DecimalString>

function allocateToSteps(participants: Participant[], request: RoutingRequest): Allocation {
  const amounts: Allocation = new Map()
  for (const [exchange, amount] of greedyAllocation(participants, request)) {
    const step = participants.find((p) => p.venue.exchange === exchange)?.venue.market?.amountStep ?? '0'
    amounts.set(exchange, floorToStep(amount, step))
  }
  let leftover = sub(request.amount, sum([...amounts.values()]))
  const byNextUnit = participants
    .map((p) => ({ p, next: nextUnitPrice(p, amounts.get(p.venue.exchange) ?? '0', request.side) }))
    .filter((entry): entry is { p: Participant; next: DecimalString } => entry.next !== undefined)
    .sort(
      (a, b) =>
        compareEffective(a.next, b.next, request.side) || compareExchangeIds(a.p.venue.exchange, b.p.venue.exchange)
    )
  for (const { p } of byNextUnit) {
    if (!isPositive(leftover)) break
    const current = amounts.get(p.venue.exchange) ?? '0'
    const extra = floorToStep(min(leftover, sub(p.depth, current)), p.venue.market?.amountStep ?? '0')
    if (!isPositive(extra)) continue
    amounts.set(p.venue.exchange, add(current, extra))
    leftover = sub(leftover, extra)
  }
  return amounts
}

/** The unconstrained optimum: all levels merged by price after fee, walked for the requested amount. */
function greedyAllocation(participants: Participant[], request: RoutingRequest): Allocation {
  const units = participants.flatMap((p) =>
    p.levels.map(([price, size], level) => ({
      exchange: p.venue.exchange,
      level,
      size,
      effective: priceAfterFee(price, p.venue.fees.taker, request.side),
    }))
  )
  units.sort(
    (a, b) =>
      compareEffective(a.effective, b.effective, request.side) ||
      compareExchangeIds(a.exchange, b.exchange) ||
      a.level - b.level
  )
  const amounts: Allocation = new Map()
  let remaining = dec(request.amount)
  for (const unit of units) {
    if (!remaining.greaterThan(0)) break
    const take = remaining.lessThan(unit.size) ? remaining : dec(unit.size)
    amounts.set(unit.exchange, add(amounts.get(unit.exchange) ?? '0', take))
    remaining = remaining.minus(take)
  }
  return amounts
}

/** Price after fee of the first unit beyond `allocated` on this venue; undefined when its depth is used up. */
function nextUnitPrice(p: Participant, allocated: DecimalString, side: Side): DecimalString | undefined {
  let cumulative = dec(0)
  for (const [price, size] of p.levels) {
    cumulative = cumulative.plus(size)
    if (cumulative.greaterThan(allocated)) return priceAfterFee(price, p.venue.fees.taker, side)
  }
  return undefined
}

/** Negative when `a` is the better price for a taker of `side`. */
function compareEffective(a: DecimalString, b: DecimalString, side: Side): number {
  return side === 'buy' ? cmp(a, b) : cmp(b, a)
}

function minimumViolation(p: Participant, amount: DecimalString): string | undefined {
  if (!isPositive(amount)) return undefined
  const market = p.venue.market
  if (market?.minAmount !== undefined && cmp(amount, market.minAmount) < 0) {
    return `its share ${amount} is below the minimum amount ${market.minAmount}`
  }
  if (market?.minNotional !== undefined) {
    const cost = walkBook(p.levels, amount).cost
    if (cmp(cost, market.minNotional) < 0) {
      return `its share ${amount} is worth ${cost}, below the minimum notional ${market.minNotional}`
    }
  }
  return undefined
}

function buildPlan(
  request: RoutingRequest,
  participants: Participant[],
  amounts: Allocation,
  excluded: SplitPlan['excluded']
): SplitPlan {
  const allocations: SplitAllocation[] = []
  for (const p of participants) {
    const amount = amounts.get(p.venue.exchange) ?? '0'
    if (!isPositive(amount)) continue
    const walk = walkBook(p.levels, amount)
    allocations.push({
      exchange: p.venue.exchange,
      amount,
      expectedAveragePrice: walk.average ?? '0',
      expectedCost: walk.cost,
      fee: feeOn(walk.cost, p.venue.fees.taker),
      worstPrice: walk.worstPrice ?? '0',
    })
  }
  const totalAmount = sum(allocations.map((a) => a.amount))
  const totalCost = sum(allocations.map((a) => a.expectedCost))
  const plan: SplitPlan = {
    request,
    allocations,
    totalAmount,
    unfilledAmount: sub(request.amount, totalAmount),
    totalCost,
    totalFees: sum(allocations.map((a) => a.fee)),
    excluded,
    reason: '',
  }
  if (isPositive(totalAmount)) plan.expectedAveragePrice = div(totalCost, totalAmount)
  plan.reason = explainPlan(plan)
  return plan
}

function explainPlan(plan: SplitPlan): string {
  const base = baseOf(plan.request.symbol)
  if (plan.allocations.length === 0) {
    const why = plan.excluded.map((e) => `${e.exchange} ${e.reason}`).join('; ')
    return `No venue can take any of ${plan.request.amount} ${base}${why === '' ? '' : `: ${why}`}`
  }
  const shares = plan.allocations.map((a) => `${a.exchange} ${a.amount}`).join(', ')
  const average = formatPrice(plan.expectedAveragePrice ?? '0')
  const figures = `average ${average}, fees ${formatPrice(plan.totalFees)}`
  const lead =
    plan.allocations.length === 1
      ? `${shares} ${base} on a single venue is the cheapest after fees (${figures})`
      : `Split ${plan.totalAmount} ${base} across ${shares} for the lowest cost after fees (${figures})`
  if (!isPositive(plan.unfilledAmount)) return lead
  const unfilled = `${str(plan.unfilledAmount)} ${base}`
  return `${lead}; ${unfilled} cannot be filled with the depth and order-size rules available`
}
