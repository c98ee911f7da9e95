// Pure decisions on a fixed three-venue market: what one routing or arbitrage decision costs in CPU.
import { findOpportunities } from '../domain/arbitrage/index.js'
import { dec, str } from '../domain/money.js'
import { planSplit, rankVenues, type RoutingRequest } from '../domain/routing/index.js'
import { askDepth, BENCH_SYMBOL, crossedVenues, routingVenues } from './support/books.js'
import { measure, type CaseResult } from './support/measure.js'
import { BenchFailure } from './support/failure.js'

export interface DomainSizes {
  warmup: number
  rank: number
  split: number
  arbitrage: number
}

const GROUP = 'domain'

/** Enough to need every venue: more than the deepest book holds alone. */
function amountNeedingAllVenues(): string {
  const deepest = routingVenues.map(askDepth).reduce((a, b) => (dec(a).greaterThan(b) ? a : b))
  return str(dec(deepest).floor().plus(5))
}

export async function runDomainBenchmarks(sizes: DomainSizes): Promise<CaseResult[]> {
  const whole: RoutingRequest = { symbol: BENCH_SYMBOL, side: 'buy', amount: '2', type: 'market' }
  const decision = rankVenues(whole, routingVenues)
  if (decision.selected === undefined || decision.candidates.filter((c) => c.fullFill).length !== 3) {
    throw new BenchFailure(`rankVenues fixture: expected three venues able to fill 2 BTC, got: ${decision.reason}`)
  }

  const large: RoutingRequest = { ...whole, amount: amountNeedingAllVenues() }
  const plan = planSplit(large, routingVenues)
  if (plan.allocations.length !== 3 || dec(plan.unfilledAmount).greaterThan(0)) {
    throw new BenchFailure(`planSplit fixture: expected a full fill across three venues, got: ${plan.reason}`)
  }

  const arbitrage = { minProfitPct: 0.1, maxAmount: '5', amountStep: '0.00001' }
  if (findOpportunities(BENCH_SYMBOL, crossedVenues, arbitrage).length === 0) {
    throw new BenchFailure('findOpportunities fixture: expected the crossed market to yield an opportunity')
  }

  return [
    await measure(GROUP, 'rankVenues: buy 2 BTC, 3 venues x 50 levels', { warmup: sizes.warmup, count: sizes.rank }, () =>
      rankVenues(whole, routingVenues)
    ),
    await measure(
      GROUP,
      `planSplit: buy ${large.amount} BTC over 3 venues`,
      { warmup: sizes.warmup, count: sizes.split },
      () => planSplit(large, routingVenues)
    ),
    await measure(
      GROUP,
      'findOpportunities: 3 venues (6 pairs), max 5 BTC',
      { warmup: sizes.warmup, count: sizes.arbitrage },
      () => findOpportunities(BENCH_SYMBOL, crossedVenues, arbitrage)
    ),
  ]
}
