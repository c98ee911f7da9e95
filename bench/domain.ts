// Pure decisions on a fixed three-venue market: what one routing or arbitrage decision costs in CPU, at 50, 200 and
// 1,000 levels a side. A 2 BTC order reads only the top of each book, so its cost should not grow with the depth;
// an order larger than any one book reads every level, and shows the cost growing linearly with the depth.
import { findOpportunities } from '../domain/arbitrage/index.js'
import { dec, str } from '../domain/money.js'
import { planSplit, rankVenues, type RoutingRequest, type VenueSnapshot } from '../domain/routing/index.js'
import { askDepth, BENCH_SYMBOL, crossedVenues, routingVenues } from './support/books.js'
import { BenchFailure } from './support/failure.js'
import { measure, type CaseResult } from './support/measure.js'

export interface DomainSizes {
  warmup: number
  rank: number
  split: number
  arbitrage: number
}

const GROUP = 'domain'
const DEPTHS = [50, 200, 1_000] as const
/** A whole-book walk at 1,000 levels costs about 20 small decisions: fewer calls keep the group under a minute. */
const WHOLE_BOOK_SHARE = 5

/** Enough to need every venue: more than the deepest book holds alone. */
function amountNeedingAllVenues(venues: readonly VenueSnapshot[]): string {
  const deepest = venues.map(askDepth).reduce((a, b) => (dec(a).greaterThan(b) ? a : b))
  return str(dec(deepest).floor().plus(5))
}

const levels = (depth: number) => `3 venues x ${depth.toLocaleString('en')} levels`

// Each fixture must exercise the path its case claims; a change to the books that breaks that fails the run.
function checkFixtures(depth: number, whole: RoutingRequest, large: RoutingRequest): void {
  const venues = routingVenues(depth)
  const decision = rankVenues(whole, venues)
  if (decision.selected === undefined || decision.candidates.filter((c) => c.fullFill).length !== 3) {
    throw new BenchFailure(
      `rankVenues fixture (${depth} levels): expected three venues able to fill 2 BTC, got: ${decision.reason}`
    )
  }
  if (rankVenues(large, venues).candidates.some((c) => c.fullFill)) {
    throw new BenchFailure(`rankVenues fixture (${depth} levels): expected no venue to fill ${large.amount} BTC alone`)
  }
  const plan = planSplit(large, venues)
  if (plan.allocations.length !== 3 || dec(plan.unfilledAmount).greaterThan(0)) {
    throw new BenchFailure(
      `planSplit fixture (${depth} levels): expected a full fill across three venues, got: ${plan.reason}`
    )
  }
  const arbitrage = { minProfitPct: 0.1, maxAmount: '5', amountStep: '0.00001' }
  if (findOpportunities(BENCH_SYMBOL, crossedVenues(depth), arbitrage).length === 0) {
    throw new BenchFailure(
      `findOpportunities fixture (${depth} levels): expected the crossed market to yield an opportunity`
    )
  }
}

export async function runDomainBenchmarks(sizes: DomainSizes): Promise<CaseResult[]> {
  const whole: RoutingRequest = { symbol: BENCH_SYMBOL, side: 'buy', amount: '2', type: 'market' }
  const arbitrage = { minProfitPct: 0.1, maxAmount: '5', amountStep: '0.00001' }
  const results: CaseResult[] = []
  const run = async (name: string, count: number, call: () => unknown) => {
    results.push(await measure(GROUP, name, { warmup: sizes.warmup, count: Math.max(10, Math.round(count)) }, call))
  }

  for (const depth of DEPTHS) {
    const venues = routingVenues(depth)
    const large: RoutingRequest = { ...whole, amount: amountNeedingAllVenues(venues) }
    checkFixtures(depth, whole, large)
    await run(`rankVenues: buy 2 BTC, ${levels(depth)}`, sizes.rank, () => rankVenues(whole, venues))
  }
  for (const depth of [50, 1_000]) {
    const venues = routingVenues(depth)
    const large: RoutingRequest = { ...whole, amount: amountNeedingAllVenues(venues) }
    const share = depth === 1_000 ? WHOLE_BOOK_SHARE : 1
    await run(`rankVenues: buy ${large.amount} BTC (every level), ${levels(depth)}`, sizes.rank / share, () =>
      rankVenues(large, venues)
    )
    await run(`planSplit: buy ${large.amount} BTC over ${levels(depth)}`, sizes.split / share, () =>
      planSplit(large, venues)
    )
  }
  for (const depth of [50, 1_000]) {
    const venues = crossedVenues(depth)
    await run(`findOpportunities: ${levels(depth)} (6 pairs), max 5 BTC`, sizes.arbitrage, () =>
      findOpportunities(BENCH_SYMBOL, venues, arbitrage)
    )
  }
  return results
}
