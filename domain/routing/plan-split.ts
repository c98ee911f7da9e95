// Splitting one order across venues when no single book is deep enough (or when splitting is cheaper).
//
// With fees linear in the quote amount, the cheapest way to take X units from several books is to take units in
// order of their price after each venue's taker fee: merge all levels by effective price and walk the merged
// list. That is optimal. Venue order-size rules (amount step, minimum amount, minimum notional) make the problem
// integer-constrained; they are handled by a repair on top of the greedy optimum: round each allocation down to
// its step, hand the remainder to the venues whose next unit is cheapest, and drop a venue whose allocation is
// below its minimums, then plan again without it.
//
// The arithmetic is exact (domain/exact) and follows, operation for operation, what decimal.js computed before, so
// plans are the same to the last digit. Each venue's usable levels are parsed once; the greedy walk merges the
// venues' levels, already in price order as books come, instead of sorting every level of every book.
import { allLevels, walkLevels, type ExactLevel, type LevelStream } from '../book-levels.js'
import {
  compare,
  dividedBy,
  floorToStep,
  isPositive,
  minOf,
  minus,
  parseExact,
  plus,
  toDecimalString,
  ZERO,
  type Exact,
} from '../exact/index.js'
import type { ExchangeId, Side } from '../types.js'
import { feeFactor, feeOn, priceAfterFee } from './fees.js'
import { baseOf, formatPrice } from './format.js'
import { assertRoutingRequest } from './request.js'
import type { RoutingRequest, SplitAllocation, SplitPlan, VenueSnapshot } from './types.js'
import { screenVenues } from './venue-eligibility.js'
import { compareExchangeIds } from './venue-order.js'

interface Participant {
  venue: VenueSnapshot
  /** Usable levels in book order. */
  levels: ExactLevel[]
  /** Price after the taker fee of each level. */
  effective: Exact[]
  /** Level indices in the order the greedy walk takes them: by price after fee, then book order. */
  takeOrder: number[]
  /** Sizes summed in book order: cumulative[i] holds levels 0..i. */
  cumulative: Exact[]
  /** All the usable size. */
  depth: Exact
  takerFee: Exact
  step: Exact
}

/**
 * The allocation of `request` across `venues` that minimises total cost after taker fees, respecting each
 * venue's `market` rules when given. Allocations sum to the requested amount exactly whenever the usable depth
 * (and the venues' steps) allow; otherwise the shortfall is `unfilledAmount`. Latency and health do not enter
 * the cost; down and disabled venues are excluded with a reason.
 */
export function planSplit(request: RoutingRequest, venues: readonly VenueSnapshot[]): SplitPlan {
  const { amount } = assertRoutingRequest(request)
  const excluded: SplitPlan['excluded'] = []
  let participants: Participant[] = []
  for (const screened of screenVenues(request, venues)) {
    if ('rejection' in screened) {
      excluded.push({ exchange: screened.venue.exchange, reason: screened.rejection })
      continue
    }
    participants.push(participantOf(screened.venue, allLevels(screened.levels), request.side))
  }

  // Each pass either keeps every allocation or drops at least one venue, so this ends.
  for (;;) {
    const amounts = allocateToSteps(participants, amount, request.side)
    const belowMinimum = participants
      .map((p) => ({ p, why: minimumViolation(p, amounts.get(p.venue.exchange) ?? ZERO) }))
      .filter((entry): entry is { p: Participant; why: string } => entry.why !== undefined)
    if (belowMinimum.length === 0) return buildPlan(request, amount, participants, amounts, excluded)
    for (const { p, why } of belowMinimum) excluded.push({ exchange: p.venue.exchange, reason: why })
    participants = participants.filter((p) => !belowMinimum.some((entry) => entry.p === p))
  }
}

function participantOf(venue: VenueSnapshot, levels: ExactLevel[], side: Side): Participant {
  const takerFee = parseExact(venue.fees.taker)
  const factor = feeFactor(takerFee, side)
  const effective = levels.map((level) => priceAfterFee(level.price, factor))
  const cumulative: Exact[] = []
  let depth = ZERO
  for (const level of levels) {
    depth = plus(depth, level.size)
    cumulative.push(depth)
  }
  const takeOrder = levels.map((_, index) => index)
  // Books come best first, so this is nearly always already true; a book out of order is sorted, not trusted.
  const inOrder = effective.every(
    (price, index) => index === 0 || compareEffective(effective[index - 1] as Exact, price, side) <= 0
  )
  if (!inOrder) {
    takeOrder.sort((a, b) => compareEffective(effective[a] as Exact, effective[b] as Exact, side) || a - b)
  }
  const step = parseExact(venue.market?.amountStep ?? '0')
  return { venue, levels, effective, takeOrder, cumulative, depth, takerFee, step }
}

/** Greedy allocation by effective price, rounded down to each venue's step, remainder redistributed. */
type Allocation = Map<ExchangeId, Exact>

function allocateToSteps(participants: Participant[], amount: Exact, side: Side): Allocation {
  const amounts: Allocation = new Map()
  for (const [exchange, allocated] of greedyAllocation(participants, amount, side)) {
    const step = participants.find((p) => p.venue.exchange === exchange)?.step ?? ZERO
    amounts.set(exchange, floorToStep(allocated, step))
  }
  let leftover = minus(amount, sumOf([...amounts.values()]))
  const byNextUnit = participants
    .map((p) => ({ p, next: nextUnitPrice(p, amounts.get(p.venue.exchange) ?? ZERO) }))
    .filter((entry): entry is { p: Participant; next: Exact } => entry.next !== undefined)
    .sort(
      (a, b) => compareEffective(a.next, b.next, side) || compareExchangeIds(a.p.venue.exchange, b.p.venue.exchange)
    )
  for (const { p } of byNextUnit) {
    if (!isPositive(leftover)) break
    const current = amounts.get(p.venue.exchange) ?? ZERO
    const extra = floorToStep(minOf(leftover, minus(p.depth, current)), p.step)
    if (!isPositive(extra)) continue
    amounts.set(p.venue.exchange, plus(current, extra))
    leftover = minus(leftover, extra)
  }
  return amounts
}

/**
 * The unconstrained optimum: all levels taken in order of price after fee (ties: exchange order, then book order),
 * for the requested amount. Merges the venues' take orders, reading only the levels it takes.
 */
function greedyAllocation(participants: Participant[], amount: Exact, side: Side): Allocation {
  const amounts: Allocation = new Map()
  const next = participants.map(() => 0)
  let remaining = amount
  while (isPositive(remaining)) {
    let chosen = -1
    let chosenPrice: Exact | undefined
    participants.forEach((p, index) => {
      const level = p.takeOrder[next[index] as number]
      if (level === undefined) return
      const price = p.effective[level] as Exact
      // Participants are in exchange order, so on a tie the earlier one keeps its place.
      if (chosenPrice === undefined || compareEffective(price, chosenPrice, side) < 0) {
        chosen = index
        chosenPrice = price
      }
    })
    const p = participants[chosen]
    if (p === undefined) break
    const position = next[chosen] as number
    next[chosen] = position + 1
    const size = (p.levels[p.takeOrder[position] as number] as ExactLevel).size
    const take = compare(remaining, size) < 0 ? remaining : size
    amounts.set(p.venue.exchange, plus(amounts.get(p.venue.exchange) ?? ZERO, take))
    remaining = minus(remaining, take)
  }
  return amounts
}

/** Price after fee of the first unit beyond `allocated` on this venue; undefined when its depth is used up. */
function nextUnitPrice(p: Participant, allocated: Exact): Exact | undefined {
  // The first level whose running total passes `allocated`; the totals never decrease, so bisect.
  let low = 0
  let high = p.cumulative.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (compare(p.cumulative[middle] as Exact, allocated) > 0) high = middle
    else low = middle + 1
  }
  return p.effective[low]
}

/** Negative when `a` is the better price for a taker of `side`. */
function compareEffective(a: Exact, b: Exact, side: Side): number {
  return side === 'buy' ? compare(a, b) : compare(b, a)
}

function sumOf(values: readonly Exact[]): Exact {
  return values.reduce((total, value) => plus(total, value), ZERO)
}

function levelsOf(p: Participant): LevelStream {
  return { at: (index) => p.levels[index] }
}

function minimumViolation(p: Participant, amount: Exact): string | undefined {
  if (!isPositive(amount)) return undefined
  const market = p.venue.market
  const share = toDecimalString(amount)
  if (market?.minAmount !== undefined && compare(amount, parseExact(market.minAmount)) < 0) {
    return `its share ${share} is below the minimum amount ${market.minAmount}`
  }
  if (market?.minNotional !== undefined) {
    const cost = walkLevels(levelsOf(p), amount).cost
    if (compare(cost, parseExact(market.minNotional)) < 0) {
      return `its share ${share} is worth ${toDecimalString(cost)}, below the minimum notional ${market.minNotional}`
    }
  }
  return undefined
}

function buildPlan(
  request: RoutingRequest,
  amount: Exact,
  participants: Participant[],
  amounts: Allocation,
  excluded: SplitPlan['excluded']
): SplitPlan {
  const allocations: SplitAllocation[] = []
  const shares: Exact[] = []
  const costs: Exact[] = []
  const fees: Exact[] = []
  for (const p of participants) {
    const share = amounts.get(p.venue.exchange) ?? ZERO
    if (!isPositive(share)) continue
    const walk = walkLevels(levelsOf(p), share)
    const filled = isPositive(walk.filled)
    const fee = feeOn(walk.cost, p.takerFee)
    allocations.push({
      exchange: p.venue.exchange,
      amount: toDecimalString(share),
      expectedAveragePrice: filled ? toDecimalString(dividedBy(walk.cost, walk.filled)) : '0',
      expectedCost: toDecimalString(walk.cost),
      fee: toDecimalString(fee),
      worstPrice: filled && walk.worstPrice !== undefined ? toDecimalString(walk.worstPrice) : '0',
    })
    shares.push(share)
    costs.push(walk.cost)
    fees.push(fee)
  }
  const totalAmount = sumOf(shares)
  const totalCost = sumOf(costs)
  const totalFees = sumOf(fees)
  const unfilled = minus(amount, totalAmount)
  const plan: SplitPlan = {
    request,
    allocations,
    totalAmount: toDecimalString(totalAmount),
    unfilledAmount: toDecimalString(unfilled),
    totalCost: toDecimalString(totalCost),
    totalFees: toDecimalString(totalFees),
    excluded,
    reason: '',
  }
  const average = isPositive(totalAmount) ? dividedBy(totalCost, totalAmount) : undefined
  if (average !== undefined) plan.expectedAveragePrice = toDecimalString(average)
  plan.reason = explainPlan(plan, average ?? ZERO, totalFees, isPositive(unfilled))
  return plan
}

function explainPlan(plan: SplitPlan, average: Exact, totalFees: Exact, unfilled: boolean): string {
  const base = baseOf(plan.request.symbol)
  if (plan.allocations.length === 0) {
    const why = plan.excluded.map((e) => `${e.exchange} ${e.reason}`).join('; ')
    return `No venue can take any of ${plan.request.amount} ${base}${why === '' ? '' : `: ${why}`}`
  }
  const shares = plan.allocations.map((a) => `${a.exchange} ${a.amount}`).join(', ')
  const figures = `average ${formatPrice(average)}, fees ${formatPrice(totalFees)}`
  const lead =
    plan.allocations.length === 1
      ? `${shares} ${base} on a single venue is the cheapest after fees (${figures})`
      : `Split ${plan.totalAmount} ${base} across ${shares} for the lowest cost after fees (${figures})`
  if (!unfilled) return lead
  return `${lead}; ${plan.unfilledAmount} ${base} cannot be filled with the depth and order-size rules available`
}
