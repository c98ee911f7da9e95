// Cross-venue arbitrage: check the opportunity again on fresh books, send both IOC legs at once, and when one leg
// filled more than the other, trade the difference back where it was filled so that the position ends flat.
import {
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  patched,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow'

import { realisedProfit, type ArbitrageOpportunity, type RealisedProfit } from '../domain/arbitrage/index.js'
import { isDecimalString, isPositive, min } from '../domain/money.js'
import type { DecimalString, ExchangeId, Side, UnifiedOrder } from '../domain/types.js'
import { SA } from '../temporal.config.js'
import { arbitrageStateQuery } from './definitions.js'
import { checkPair, type PairCheckResult } from './lib/arbitrage-check.js'
import { placeLeg, planUnwind, unwindImbalance, type LegContext, type PlacedLeg } from './lib/arbitrage-legs.js'
import { recordEnd, recordStart } from './lib/execution.js'
import { childClosedSignal, childProbeSignal, REPORTS_TO_MONITOR } from './lib/monitor-children.js'
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
  /** Both legs filled the same amount (or amounts that differ only by dust, which `dust` reports). */
  | 'completed'
  /** The legs filled different amounts and the difference was traded back: flat (within `dust`, if any). */
  | 'unwound'
  /** The re-check found no profitable size that both venues' steps and minimums allow: no order was sent. */
  | 'no_opportunity'
  /** Neither leg filled anything (or one filled only dust, which `dust` reports). */
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
  /**
   * What the legs left over that the venue cannot trade back: less than its amount step, or below its minimum
   * amount or notional. No order is sent for it (it could only be refused); the position counts as flat within it.
   */
  dust?: Dust
}

export interface Dust {
  exchange: ExchangeId
  /** The side an order would need to flatten it. */
  side: Side
  amount: DecimalString
  reason: string
}

export interface ArbitrageState {
  phase: 'checking' | 'placing' | 'unwinding' | 'done'
  opportunity?: ArbitrageOpportunity
  legs: AttemptSummary[]
  result?: ArbitrageResult
}

export async function arbitrageWorkflow(input: ArbitrageInput): Promise<ArbitrageResult> {
  // A monitor that started this child asks, after its continue-as-new, whether it still runs (see monitor-children).
  setHandler(childProbeSignal, () => undefined)
  let outcome = 'failed'
  try {
    const result = await arbitrage(input)
    outcome = result.outcome
    return result
  } finally {
    await reportToMonitor(outcome)
  }
}

/** Tells the monitor that started this child how it ended, so that the monitor frees the symbol (and backs off). */
async function reportToMonitor(outcome: string): Promise<void> {
  const { parent, workflowId } = workflowInfo()
  if (!parent || !patched(REPORTS_TO_MONITOR)) return
  const monitor = getExternalWorkflowHandle(parent.workflowId)
  await CancellationScope.nonCancellable(() => monitor.signal(childClosedSignal, { workflowId, outcome })).catch(
    (error: unknown) => log.info('monitor not told of the end of its child: it has stopped', { error: String(error) })
  )
}

async function arbitrage(input: ArbitrageInput): Promise<ArbitrageResult> {
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

  let check: PairCheckResult
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
    const settled = await executeLegs(ctx, check, state)
    return finish(
      workflowId,
      input.symbol,
      state,
      settled.outcome,
      `${settled.reason}${resized}`,
      settled.error,
      settled.dust
    )
  })
}

interface Settled {
  outcome: ArbitrageOutcome
  reason: string
  error?: string
  dust?: Dust
}

async function executeLegs(
  ctx: LegContext,
  check: PairCheckResult & { ok: true },
  state: ArbitrageState
): Promise<Settled> {
  const { opportunity } = check
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
      request: {
        symbol,
        side: 'buy',
        type: 'limit',
        amount,
        price: opportunity.buyLimitPrice,
        timeInForce: 'IOC',
        clientOrderId: buyId,
      },
    }),
    placeLeg(ctx, {
      exchange: sellExchange,
      role: 'sell-leg',
      seq: 2,
      request: {
        symbol,
        side: 'sell',
        type: 'limit',
        amount,
        price: opportunity.sellLimitPrice,
        timeInForce: 'IOC',
        clientOrderId: sellId,
      },
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
  // The unwind values its venue's minimum notional at the price the opportunity traded there.
  const plan = planUnwind(buyExchange, sellExchange, bought, sold, {
    buy: { market: check.buyMarket, referencePrice: opportunity.buyAveragePrice },
    sell: { market: check.sellMarket, referencePrice: opportunity.sellAveragePrice },
  })
  if (!plan) {
    if (!isPositive(bought)) return { outcome: 'rejected', reason: `neither leg filled: ${legsText}` }
    return { outcome: 'completed', reason: `bought and sold ${bought} ${symbol}: ${legsText}` }
  }
  if (!isPositive(plan.amount)) {
    // The legs differ by less than the venue can trade: sending it would only be refused. Flat within dust.
    const dust = { exchange: plan.exchange, side: plan.side, amount: plan.dust, reason: plan.dustReason ?? '' }
    const within = `bought ${bought}, sold ${sold}: ${dustText(dust)}, flat within it (${legsText})`
    if (!isPositive(min(bought, sold))) return { outcome: 'rejected', reason: within, dust }
    return { outcome: 'completed', reason: within, dust }
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
  if (isPositive(unwound.dust)) {
    const dust = { exchange: plan.exchange, side: plan.side, amount: unwound.dust, reason: unwound.dustReason ?? '' }
    return { outcome: 'unwound', reason: `${what}, now flat within ${dustText(dust)}`, dust }
  }
  return { outcome: 'unwound', reason: `${what}, now flat` }
}

function dustText({ exchange, side, amount, reason }: Dust): string {
  return `dust of ${amount} that ${exchange} cannot ${side} (${reason})`
}

async function finish(
  workflowId: string,
  symbol: string,
  state: ArbitrageState,
  outcome: ArbitrageOutcome,
  reason: string,
  error?: string,
  dust?: Dust
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
    ...(dust ? { dust } : {}),
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
  if (input.depth !== undefined && !(Number.isInteger(input.depth) && input.depth > 0))
    return 'depth must be a positive integer'
  return undefined
}
