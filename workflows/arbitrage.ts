// Cross-venue arbitrage: check the opportunity again on fresh books, send both IOC legs at once, and when one leg
// filled more than the other, trade the difference back where it was filled so that the position ends flat.
import {
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  defineQuery,
  isCancellation,
  log,
  setHandler,
  upsertSearchAttributes,
  uuid4,
} from '@temporalio/workflow'

import { realisedProfit, type ArbitrageOpportunity, type RealisedProfit } from '../domain/arbitrage/index.js'
import { isDecimalString, isPositive } from '../domain/money.js'
import type { DecimalString, ExchangeId, UnifiedOrder } from '../domain/types.js'
import { SA } from '../temporal.config.js'
import { checkPair } from './lib/arbitrage-check.js'
import { placeLeg, planUnwind, unwindImbalance, type LegContext, type PlacedLeg } from './lib/arbitrage-legs.js'
import { recordEnd, recordStart } from './lib/execution.js'
import type { AttemptSummary } from './lib/summaries.js'

/** Book depth read for the re-check when the caller gives none. */
export const DEFAULT_ARBITRAGE_DEPTH = 20

export interface ArbitrageInput {
  symbol: string
  buyExchange: ExchangeId
  sellExchange: ExchangeId
  /** Largest base amount per leg; the books decide when absent. */
  amount?: DecimalString
  /** Minimum net profit after both taker fees, in percent (0.1 means 0.1 %). */
  minProfitPct: number
  /** Found earlier (by the monitor or the API): re-checked, and its size is never grown. */
  opportunity?: ArbitrageOpportunity
  idempotencyKey?: string
  /** Lookup grace window after an unknown placement outcome (default 5 s). */
  reconcileGraceMs?: number
  depth?: number
}

export type ArbitrageOutcome =
  /** Both legs filled the same amount. */
  | 'completed'
  /** The legs filled different amounts and the difference was traded back: flat. */
  | 'unwound'
  /** The re-check found no profitable size: no order was sent. */
  | 'no_opportunity'
  /** Neither leg filled anything. */
  | 'rejected'
  /** The difference could not be traded back: the position is not flat. OrderStatus = UNWIND_FAILED. */
  | 'unwind_failed'
  /** A leg's outcome could not be established: nothing was unwound, a person must look. */
  | 'unknown'

export interface ArbitrageResult {
  workflowId: string
  outcome: ArbitrageOutcome
  /** The opportunity as re-checked (absent when there was none). */
  opportunity?: ArbitrageOpportunity
  /** Buy leg, sell leg, then every unwind order. */
  legs: AttemptSummary[]
  realisedProfit: RealisedProfit
  /** realisedProfit.netProfit, in the quote currency. */
  profit: DecimalString
  flat: boolean
  reason: string
  /** Set when someone must act (unwind_failed, unknown). */
  error?: string
}

export interface ArbitrageState {
  phase: 'checking' | 'placing' | 'unwinding' | 'done'
  opportunity?: ArbitrageOpportunity
  legs: AttemptSummary[]
  result?: ArbitrageResult
}
export const arbitrageStateQuery = defineQuery<ArbitrageState>('state')

export async function arbitrageWorkflow(input: ArbitrageInput): Promise<ArbitrageResult> {
  const state: ArbitrageState = { phase: 'checking', legs: [] }
  setHandler(arbitrageStateQuery, () => state)
  const problem = inputProblem(input)
  if (problem) throw ApplicationFailure.nonRetryable(problem, 'ValidationError')
  const workflowId = await recordStart({
    strategy: 'arbitrage',
    symbol: input.symbol,
    exchanges: `${input.buyExchange},${input.sellExchange}`,
    idempotencyKey: input.idempotencyKey ?? null,
    request: input,
  })

  let check: Awaited<ReturnType<typeof checkPair>>
  try {
    check = await checkPair({ ...input, depth: input.depth ?? DEFAULT_ARBITRAGE_DEPTH })
    // A cancel that came in during the check stops the trade before any order goes out.
    if (CancellationScope.current().consideredCancelled) throw new CancelledFailure('cancelled during the re-check')
  } catch (error) {
    if (isCancellation(error)) {
      await CancellationScope.nonCancellable(() =>
        recordEnd({ status: 'failed', outcome: 'cancelled', error: 'cancelled before any order was sent' })
      )
    }
    throw error
  }
  if (!check.ok) return finish(workflowId, input.symbol, state, 'no_opportunity', check.reason)

  const opportunity = check.opportunity
  state.opportunity = opportunity
  const resized = check.resized ? ` (cut from ${input.opportunity?.amount} on fresh books)` : ''
  // Once an order may be out, a cancel must not leave a one-legged position: legs, unwind and record run to the end.
  return CancellationScope.nonCancellable(async () => {
    const ctx: LegContext = { executionId: workflowId, reconcileGraceMs: input.reconcileGraceMs ?? 5_000 }
    const settled = await executeLegs(ctx, opportunity, state)
    return finish(workflowId, input.symbol, state, settled.outcome, `${settled.reason}${resized}`, settled.error)
  })
}

interface Settled {
  outcome: ArbitrageOutcome
  reason: string
  error?: string
}

async function executeLegs(ctx: LegContext, opportunity: ArbitrageOpportunity, state: ArbitrageState): Promise<Settled> {
  state.phase = 'placing'
  const { symbol, amount, buyExchange, sellExchange } = opportunity
  // Both ids are chosen before either order goes out: every retry and lookup uses them.
  const buyId = uuid4()
  const sellId = uuid4()
  const [buy, sell] = await Promise.all([
    placeLeg(ctx, {
      exchange: buyExchange,
      role: 'buy-leg',
      seq: 1,
      request: { symbol, side: 'buy', type: 'limit', amount, price: opportunity.buyLimitPrice, timeInForce: 'IOC', clientOrderId: buyId },
    }),
    placeLeg(ctx, {
      exchange: sellExchange,
      role: 'sell-leg',
      seq: 2,
      request: { symbol, side: 'sell', type: 'limit', amount, price: opportunity.sellLimitPrice, timeInForce: 'IOC', clientOrderId: sellId },
    }),
  ])
  state.legs.push(buy.summary, sell.summary)

  const unknown = [buy, sell].filter((leg) => leg.outcome.kind === 'unknown')
  if (unknown.length > 0) {
    const which = unknown.map((leg) => `${leg.summary.role} ${leg.summary.clientOrderId} on ${leg.summary.exchange}`)
    const error = `check ${which.join(' and ')} by hand: its outcome is unknown, so nothing was unwound`
    return { outcome: 'unknown', reason: `${error} (${unknown.map(legText).join('; ')})`, error }
  }
  const bought = filledOf(buy)
  const sold = filledOf(sell)
  const legsText = `buy ${legText(buy)}; sell ${legText(sell)}`
  const plan = planUnwind(buyExchange, sellExchange, bought, sold)
  if (!plan) {
    if (!isPositive(bought)) return { outcome: 'rejected', reason: `neither leg filled: ${legsText}` }
    return { outcome: 'completed', reason: `bought and sold ${bought} ${symbol}: ${legsText}` }
  }

  state.phase = 'unwinding'
  upsertSearchAttributes([{ key: SA.orderStatus, value: 'UNWINDING' }])
  const unwound = await unwindImbalance(ctx, symbol, plan, state.legs)
  const what = `bought ${bought}, sold ${sold} (${legsText}); unwind: ${plan.side} ${plan.amount} on ${plan.exchange}`
  if (!unwound.flat) {
    const error = `position is not flat: ${unwound.reason}`
    log.error('arbitrage unwind failed', { workflowId: ctx.executionId, error })
    return { outcome: 'unwind_failed', reason: `${what} failed`, error }
  }
  return { outcome: 'unwound', reason: `${what}, now flat` }
}

async function finish(
  workflowId: string,
  symbol: string,
  state: ArbitrageState,
  outcome: ArbitrageOutcome,
  reason: string,
  error?: string
): Promise<ArbitrageResult> {
  const profit = profitOf(symbol, state.legs)
  const result: ArbitrageResult = {
    workflowId,
    outcome,
    opportunity: state.opportunity,
    legs: state.legs,
    realisedProfit: profit,
    profit: profit.netProfit,
    flat: outcome !== 'unwind_failed' && outcome !== 'unknown',
    reason,
    ...(error ? { error } : {}),
  }
  const failed = outcome === 'rejected' || outcome === 'unwind_failed' || outcome === 'unknown'
  await recordEnd({
    status: failed ? 'failed' : 'completed',
    outcome,
    result,
    error: failed ? (error ?? reason) : undefined,
    profit: profit.netProfit,
  })
  state.result = result
  state.phase = 'done'
  return result
}

function profitOf(symbol: string, legs: AttemptSummary[]): RealisedProfit {
  const orders: UnifiedOrder[] = legs.flatMap((leg) => (leg.order ? [leg.order] : []))
  // With no fill at all the figures are still in the symbol's quote currency.
  return realisedProfit(orders.length > 0 ? orders : [{ symbol, side: 'buy', filled: '0', cost: '0' }])
}

function filledOf(leg: PlacedLeg): DecimalString {
  return leg.outcome.kind === 'placed' ? leg.outcome.order.filled : '0'
}

function legText({ outcome, summary }: PlacedLeg): string {
  const where = `on ${summary.exchange}`
  if (outcome.kind !== 'placed') return `${outcome.kind} ${where} (${outcome.errorType}: ${outcome.message})`
  const { filled, amount, average } = outcome.order
  return `filled ${filled} of ${amount} ${where}${average ? ` at ${average}` : ''}`
}

function inputProblem(input: ArbitrageInput): string | undefined {
  if (!Number.isFinite(input.minProfitPct)) return 'minProfitPct must be a finite number'
  if (input.amount !== undefined && !(isDecimalString(input.amount) && isPositive(input.amount))) {
    return `amount must be a positive decimal string, not ${JSON.stringify(input.amount)}`
  }
  if (input.depth !== undefined && !(Number.isInteger(input.depth) && input.depth > 0)) return 'depth must be a positive integer'
  return undefined
}
