// Smart order routing: fetch every enabled venue's book in parallel, rank the venues by effective price after fees
// (with penalties for latency and poor health), place on the best one — or split across venues when no single book
// is deep enough — and move on to the next-ranked venue after a definitive failure.
import { patched, setHandler, uuid4 } from '@temporalio/workflow'

import {
  bestPriceAcross,
  planSplit,
  rankVenues,
  tighterLimit,
  worstAcceptablePrice,
  type RoutingDecision,
  type RoutingRequest,
  type SplitPlan,
  type VenueSnapshot,
} from '../domain/routing/index.js'
import { add, bps, cmp, div, isPositive, str, sub, sum } from '../domain/money.js'
import type { DecimalString, ExchangeId, OrderRequest, Side, UnifiedOrder } from '../domain/types.js'
import type { OrderRole } from '../activities/index.js'
import { smartOrderStateQuery } from './definitions.js'
import { records } from './lib/activities.js'
import { recordEnd, recordStart } from './lib/execution.js'
import { PATCHES, placeAndSettle, settleOpenOrder, type PlacementOptions } from './lib/placement.js'
import { summarise, type AttemptSummary } from './lib/summaries.js'
import { unresolvedOrders, type UnresolvedOrder } from './lib/unresolved.js'
import { fetchSnapshots } from './lib/venues.js'

export interface SmartOrderInput {
  order: Omit<OrderRequest, 'clientOrderId' | 'postOnly'>
  /** Venues to consider; all enabled venues when absent. */
  exchanges: ExchangeId[]
  maxSlippageBps?: number
  /** Split across venues when no single venue can fill the whole amount (default true). */
  allowSplit?: boolean
  /** Book depth to fetch per venue (default 50 levels). */
  depth?: number
  idempotencyKey?: string
  reconcileGraceMs?: number
  unresolvedAfterMs?: number
}

export interface SmartOrderResult {
  workflowId: string
  outcome: 'filled' | 'partially_filled' | 'placed' | 'failed' | 'unknown'
  selectedExchanges: ExchangeId[]
  reason: string
  expectedAveragePrice?: DecimalString
  actualAveragePrice?: DecimalString
  liquidityScore?: number
  expectedSlippageBps?: number
  /** Actual average vs expected, in bps (positive is worse for the taker). */
  realisedSlippageBps?: number
  /** Actual average vs the best price across venues when routed, in bps: what maxSlippageBps bounds. */
  realisedSlippageVsMarketBps?: number
  /** The worst price sent (an IOC limit) when maxSlippageBps was given: the bound as enforced. */
  slippageLimitPrice?: DecimalString
  filled: DecimalString
  fees: { cost: DecimalString; currency: string }[]
  orders: UnifiedOrder[]
  attempts: AttemptSummary[]
  decision: RoutingDecision
  splitPlan?: SplitPlan
}

export interface SmartOrderState {
  phase: 'routing' | 'placing' | 'done'
  decision?: RoutingDecision
  attempts: AttemptSummary[]
  unresolved?: UnresolvedOrder[]
}

export async function smartOrderWorkflow(input: SmartOrderInput): Promise<SmartOrderResult> {
  const state: SmartOrderState = { phase: 'routing', attempts: [] }
  setHandler(smartOrderStateQuery, () => ({ ...state, unresolved: unresolvedOrders() }))
  const { order } = input
  const workflowId = await recordStart({
    strategy: 'smart',
    symbol: order.symbol,
    side: order.side,
    exchanges: input.exchanges.join(','),
    idempotencyKey: input.idempotencyKey ?? null,
    request: input,
  })

  const venues = await snapshots(input.exchanges, order.symbol, input.depth ?? 50)
  const request = {
    symbol: order.symbol,
    side: order.side,
    amount: order.amount,
    type: order.type,
    limitPrice: order.price,
    maxSlippageBps: input.maxSlippageBps,
  }
  const decision = rankVenues(request, venues)
  state.decision = decision
  const split =
    !decision.selected && decision.splitRecommended && input.allowSplit !== false
      ? planSplit(request, venues)
      : undefined
  await records.recordRoutingDecision({
    executionId: workflowId,
    seq: 1,
    selected: decision.selected ?? (split ? split.allocations.map((a) => a.exchange).join(',') : null),
    reason: split ? `${decision.reason} ${split.reason}` : decision.reason,
    expectedAveragePrice: split?.expectedAveragePrice ?? decision.expectedAveragePrice ?? null,
    liquidityScore: decision.liquidityScore === undefined ? null : String(decision.liquidityScore),
    expectedSlippageBps: decision.expectedSlippageBps === undefined ? null : String(decision.expectedSlippageBps),
    candidates: decision.candidates,
    splitPlan: split ?? null,
  })

  state.phase = 'placing'
  const placer = createPlacer(workflowId, order, state.attempts, {
    reconcileGraceMs: input.reconcileGraceMs ?? 5_000,
    unresolvedAfterMs: input.unresolvedAfterMs,
  })
  const marketBest = bestPriceAcross(venues, order.side)
  const slippageLimitPrice =
    input.maxSlippageBps !== undefined && marketBest
      ? worstAcceptablePrice(order.side, marketBest, input.maxSlippageBps)
      : undefined
  let filledOrders: UnifiedOrder[] = []
  let unknown = false
  if (split && split.allocations.length > 0) {
    const filled = await fillBySplit(split, { workflowId, input, request, placer })
    filledOrders = filled.orders
    unknown = filled.unknown
  } else {
    // Walk the ranking: the next venue only after a definitive failure of the previous one. With a slippage bound
    // the order goes out as an IOC limit at the worst acceptable price, so it cannot walk the book past the bound.
    const bounded = slippageLimitPrice ? slippageBounded(order, slippageLimitPrice) : {}
    const ranked = decision.candidates.filter((c) => c.rank !== undefined && c.fullFill)
    for (const candidate of ranked) {
      const placed = await placer.place(candidate.exchange, 'routed', bounded)
      if (placed.order) filledOrders = [placed.order]
      if (placed.order || placed.unknown) {
        unknown = placed.unknown
        break
      }
    }
  }

  const result = summariseResult(
    workflowId,
    order.side,
    order.amount,
    decision,
    split,
    filledOrders,
    state.attempts,
    unknown
  )
  if (slippageLimitPrice) result.slippageLimitPrice = slippageLimitPrice
  if (marketBest && result.actualAveragePrice) {
    result.realisedSlippageVsMarketBps = bps(
      order.side === 'buy' ? sub(result.actualAveragePrice, marketBest) : sub(marketBest, result.actualAveragePrice),
      marketBest
    )
  }
  state.phase = 'done'
  await recordEnd({
    status: result.outcome === 'failed' ? 'failed' : 'completed',
    outcome: result.outcome,
    result,
    error: result.outcome === 'failed' ? result.reason : undefined,
  })
  return result
}

/** Rounds of a split: the plan, then re-plans of what is still unfilled. */
const MAX_SPLIT_ROUNDS = 3

interface SplitContext {
  workflowId: string
  input: SmartOrderInput
  request: RoutingRequest
  placer: ReturnType<typeof createPlacer>
}

/**
 * Places every allocation of the plan at once, each an IOC limit at the worst level it was planned to reach (it
 * cannot walk further). What is still unfilled — an allocation the venue refused, or an IOC that met a thinner
 * book — is planned again on fresh books without the venues that refused, a bounded number of times. Nothing is
 * re-routed while any allocation's outcome is unknown: that order may be live.
 */
async function fillBySplit(first: SplitPlan, { workflowId, input, request, placer }: SplitContext) {
  const orders: UnifiedOrder[] = []
  const refused = new Set<ExchangeId>()
  let plan = first
  for (let round = 1; ; round++) {
    // An IOC still reported open has not finished matching: it is settled before its fill counts, or the re-plan
    // would send its amount again and overfill.
    const settleOpen = patched(PATCHES.splitSettlesOpen)
    const results = await Promise.all(
      plan.allocations.map(async (a) => ({
        exchange: a.exchange,
        ...(await placer.place(
          a.exchange,
          'split',
          { amount: a.amount, type: 'limit', price: a.worstPrice, timeInForce: 'IOC' },
          settleOpen
        )),
      }))
    )
    for (const r of results) {
      if (r.order) orders.push(r.order)
      else if (!r.unknown) refused.add(r.exchange)
    }
    if (results.some((r) => r.unknown)) return { orders, unknown: true }
    const remaining = sub(request.amount, sum(orders.map((o) => o.filled)))
    const usable = input.exchanges.filter((e) => !refused.has(e))
    if (!isPositive(remaining) || round >= MAX_SPLIT_ROUNDS || usable.length === 0) return { orders, unknown: false }
    plan = planSplit({ ...request, amount: remaining }, await snapshots(usable, request.symbol, input.depth ?? 50))
    if (plan.allocations.length === 0) return { orders, unknown: false }
    await records.recordRoutingDecision({
      executionId: workflowId,
      seq: round + 1,
      selected: plan.allocations.map((a) => a.exchange).join(','),
      reason: `re-plan of the unfilled ${remaining}${refused.size ? ` without ${[...refused].join(', ')}` : ''}: ${plan.reason}`,
      expectedAveragePrice: plan.expectedAveragePrice ?? null,
      liquidityScore: null,
      expectedSlippageBps: null,
      candidates: [],
      splitPlan: plan,
    })
  }
}

async function snapshots(exchanges: ExchangeId[], symbol: string, depth: number): Promise<VenueSnapshot[]> {
  const settled = await fetchSnapshots(
    exchanges.map((exchange) => ({ exchange, symbol })),
    depth
  )
  // A venue whose book cannot be read is down for this decision; the router lists it with the reason.
  return settled.map((s, i) =>
    s.status === 'fulfilled'
      ? s.value
      : {
          exchange: exchanges[i]!,
          book: { exchange: exchanges[i]!, symbol, bids: [], asks: [], timestamp: 0 },
          fees: { maker: '0', taker: '0' },
          health: 'down' as const,
          errorRate: 1,
        }
  )
}

/** The order as an IOC limit no worse than `limit` (a caller's limit order keeps its price when it is tighter). */
function slippageBounded(order: SmartOrderInput['order'], limit: DecimalString): Partial<OrderRequest> {
  const price = order.type === 'limit' && order.price ? tighterLimit(order.side, order.price, limit) : limit
  return { type: 'limit', price, timeInForce: 'IOC' }
}

function createPlacer(
  workflowId: string,
  order: SmartOrderInput['order'],
  attempts: AttemptSummary[],
  options: PlacementOptions
) {
  let seq = 0
  return {
    async place(exchange: ExchangeId, role: OrderRole, overrides: Partial<OrderRequest>, settleOpen = false) {
      seq += 1
      const mySeq = seq
      const clientOrderId = uuid4()
      const request = { ...order, ...overrides, clientOrderId }
      const input = { executionId: workflowId, exchange, request, role, seq: mySeq }
      const placed = await placeAndSettle(input, options)
      const outcome = settleOpen ? await settleOpenOrder(input, placed, options) : placed
      attempts.push(summarise(mySeq, exchange, role, clientOrderId, outcome))
      return {
        order: outcome.kind === 'placed' ? outcome.order : undefined,
        unknown: outcome.kind === 'unknown',
      }
    },
  }
}

function summariseResult(
  workflowId: string,
  side: Side,
  amount: DecimalString,
  decision: RoutingDecision,
  split: SplitPlan | undefined,
  orders: UnifiedOrder[],
  attempts: AttemptSummary[],
  unknown: boolean
): SmartOrderResult {
  const filled = sum(orders.map((o) => o.filled))
  const cost = sum(orders.map((o) => o.cost))
  const actualAveragePrice = isPositive(filled) ? div(cost, filled) : undefined
  const expectedAveragePrice = split?.expectedAveragePrice ?? decision.expectedAveragePrice
  const fees = orders.flatMap((o) => (o.fee ? [o.fee] : []))
  const outcome: SmartOrderResult['outcome'] = unknown
    ? 'unknown'
    : orders.length === 0
      ? 'failed'
      : cmp(filled, amount) >= 0
        ? 'filled'
        : isPositive(filled)
          ? 'partially_filled'
          : 'placed'
  const selectedExchanges = [...new Set(orders.map((o) => o.exchange))]
  const realisedSlippageBps =
    actualAveragePrice && expectedAveragePrice
      ? bps(
          side === 'buy'
            ? sub(actualAveragePrice, expectedAveragePrice)
            : sub(expectedAveragePrice, actualAveragePrice),
          expectedAveragePrice
        )
      : undefined
  const reason =
    outcome === 'failed'
      ? `no venue accepted the order: ${attempts.map((a) => `${a.exchange} ${a.errorType ?? a.outcome}`).join('; ') || decision.reason}`
      : split
        ? `split across ${selectedExchanges.join(', ')}: ${split.reason}`
        : selectedExchanges[0] === decision.selected
          ? decision.reason
          : `${decision.reason} Moved on to ${selectedExchanges.join(', ')} after ${attempts
              .filter((a) => a.outcome !== 'placed')
              .map((a) => `${a.exchange} failed (${a.errorType})`)
              .join(', ')}.`
  return {
    workflowId,
    outcome,
    selectedExchanges,
    reason,
    expectedAveragePrice,
    actualAveragePrice: actualAveragePrice ? str(actualAveragePrice) : undefined,
    liquidityScore: decision.liquidityScore,
    expectedSlippageBps: decision.expectedSlippageBps,
    realisedSlippageBps,
    filled,
    fees: mergeFees(fees),
    orders,
    attempts,
    decision,
    splitPlan: split,
  }
}

function mergeFees(fees: { cost: DecimalString; currency: string }[]) {
  const byCurrency = new Map<string, DecimalString>()
  for (const fee of fees) byCurrency.set(fee.currency, add(byCurrency.get(fee.currency) ?? '0', fee.cost))
  return [...byCurrency].map(([currency, cost]) => ({ cost, currency }))
}
