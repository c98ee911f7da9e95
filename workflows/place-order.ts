// A single order on a named exchange: record it, place it exactly once, settle an unknown outcome, record the end.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow'

import type { ExecutionStart } from '../db/executions.js'
import { isPerpetual } from '../domain/order-kinds.js'
import { canRest, type AmendChange } from '../domain/order-lifecycle.js'
import { ACTIVITY_OPTIONS } from '../temporal.config.js'
import { isDecimalString, isPositive } from '../domain/money.js'
import type { ExchangeId, OrderSpec, UnifiedOrder } from '../domain/types.js'
import { amendOrderUpdate, cancelOrderUpdate, orderPlacedUpdate, orderStateQuery } from './definitions.js'
import { accountSettings } from './lib/activities.js'
import { recordEnd, recordStart } from './lib/execution.js'
import { createOrderFollower, type OrderFollower, type OrderLife, type OrderLifeView } from './lib/order-life.js'
import { PATCHES, placeAndSettle, type PlacementOutcome } from './lib/placement.js'
import { summarise, type AttemptSummary } from './lib/summaries.js'
import { unresolvedOrders, type UnresolvedOrder } from './lib/unresolved.js'

export interface PlaceOrderWorkflowInput {
  exchange: ExchangeId
  order: OrderSpec
  idempotencyKey?: string
  /** Lookup grace window after an unknown outcome (default 5 s). */
  reconcileGraceMs?: number
  /** How long lookups may fail before the order is reported unresolved (default: the reconcile class's budget). */
  unresolvedAfterMs?: number
  /** Epoch ms: a resting order still open then is cancelled by the workflow's durable timer. */
  expireAt?: number
  /** Set by the workflow itself when it continues as new: the order is followed on from here. */
  resume?: { life: OrderLife; attempts: AttemptSummary[]; clientOrderId: string }
  /** Looks at the venue per run before continuing as new (default LOOKS_PER_RUN). */
  looksPerRun?: number
}

export interface OrderExecutionResult {
  workflowId: string
  exchange: ExchangeId
  clientOrderId: string
  /** placed = the venue has it; rejected = the venue said no; not_placed / unknown as in PlacementOutcome. */
  outcome: PlacementOutcome['kind']
  order?: UnifiedOrder
  error?: { type: string; message: string }
  attempts: AttemptSummary[]
  /** A resting order (limit GTC/GTT): open while it rests, then how it ended, with every fill. */
  status?: OrderLifeView['status']
  /** The amount to buy or sell in all; an amendment changes it. */
  total?: string
  filled?: string
  fills?: OrderLifeView['fills']
  amendments?: OrderLifeView['amendments']
  expireAt?: number
}

export type OrderWorkflowState = {
  /** placing, then following while a placed order rests at the venue, then done. */
  phase: 'placing' | 'following' | 'done'
  result?: OrderExecutionResult
  clientOrderId: string
  /** Orders whose outcome the venue has not told yet: the execution is unresolved while this is not empty. */
  unresolved?: UnresolvedOrder[]
}

export async function placeOrderWorkflow(input: PlaceOrderWorkflowInput): Promise<OrderExecutionResult> {
  const clientOrderId = input.resume?.clientOrderId ?? input.order.clientOrderId ?? uuid4()
  const state: OrderWorkflowState = { phase: 'placing', clientOrderId }
  let placed: OrderExecutionResult | undefined
  let follower: OrderFollower | undefined
  const current = (): OrderExecutionResult =>
    follower && placed ? withLife(placed, follower.view()) : (state.result ?? placed!)
  setHandler(orderStateQuery, () => ({
    ...state,
    ...(follower && placed && { result: withLife(placed, follower.view()) }),
    unresolved: unresolvedOrders(),
  }))
  setHandler(orderPlacedUpdate, async () => {
    await condition(() => placed !== undefined || state.phase === 'done')
    return placed ?? state.result!
  })
  const command = async (run: (f: OrderFollower) => ReturnType<OrderFollower['command']>) => {
    await condition(() => follower !== undefined || state.phase === 'done')
    if (!follower) throw alreadyDone(state.result!)
    const answer = await run(follower)
    if (answer.refusal !== undefined) throw alreadyDone(current(), answer.refusal)
    return current()
  }
  // A command on an order that is done is refused before it is accepted: nothing is recorded in the history.
  const refuseWhenDone = () => {
    const done = state.result ?? (follower?.isDone() ? current() : undefined)
    if (done) throw alreadyDone(done)
  }
  setHandler(cancelOrderUpdate, () => command((f) => f.command({ kind: 'cancel' })), { validator: refuseWhenDone })
  setHandler(amendOrderUpdate, (change) => command((f) => f.command({ kind: 'amend', change })), {
    validator: (change) => {
      refuseWhenDone()
      checkAmendChange(change)
    },
  })

  if (input.resume) {
    placed = { ...(input.resume.life.generations[0]!.order && placedResult(input, clientOrderId, input.resume)) }
    follower = createOrderFollower(input.resume.life, { looksPerRun: input.looksPerRun })
    state.phase = 'following'
    return finishFollowing(input, placed, follower, state)
  }

  const start: Omit<ExecutionStart, 'id'> = {
    strategy: 'order',
    symbol: input.order.symbol,
    side: input.order.side,
    exchanges: input.exchange,
    idempotencyKey: input.idempotencyKey ?? null,
    request: input,
  }
  const { workflowId } = workflowInfo()
  // The start record is written alongside the pre-trade check (one round trip of local activities, not two);
  // placeAndSettle awaits it before anything is recorded or sent under this execution.
  const alongsideRisk = patched(PATCHES.orderStartAlongsideRisk)
  const startRecorded = recordStart(start)
  if (!alongsideRisk) await startRecorded
  const request = { ...input.order, clientOrderId }
  // A perpetual's leverage is the account's: set before the first send (setting the same value again is harmless,
  // so a retry after a crash sets it again rather than guessing). Kraken's margin leverage goes with the order.
  if (input.order.leverage !== undefined && isPerpetual(input.order.symbol)) {
    await startRecorded
    await accountSettings.setAccountLeverage.executeWithOptions(
      { ...ACTIVITY_OPTIONS.accountSetting, summary: `leverage ${input.order.leverage}x on ${input.order.symbol}` },
      [{ exchange: input.exchange, symbol: input.order.symbol, leverage: input.order.leverage }]
    )
  }
  const outcome = await placeAndSettle(
    { executionId: workflowId, exchange: input.exchange, request, role: 'primary', seq: 1 },
    {
      reconcileGraceMs: input.reconcileGraceMs ?? 5_000,
      unresolvedAfterMs: input.unresolvedAfterMs,
      startRecorded,
    }
  )
  const result: OrderExecutionResult = {
    workflowId,
    exchange: input.exchange,
    clientOrderId,
    outcome: outcome.kind,
    ...(outcome.kind === 'placed'
      ? { order: outcome.order }
      : { error: { type: outcome.errorType, message: outcome.message } }),
    attempts: [summarise(1, input.exchange, 'primary', clientOrderId, outcome)],
  }
  // A resting order is followed until the venue shows it done; the caller has its answer (placed) meanwhile.
  if (outcome.kind === 'placed' && canRest(input.order) && patched(PATCHES.orderLifecycle)) {
    const life: OrderLife = {
      exchange: input.exchange,
      executionId: workflowId,
      generations: [{ seq: 1, request, order: outcome.order, fills: [] }],
      total: input.order.amount,
      placedAt: Date.now(),
      ...(input.expireAt !== undefined && { expireAt: input.expireAt }),
      expiredByUs: false,
      amendments: [],
      reconcileGraceMs: input.reconcileGraceMs ?? 5_000,
    }
    follower = createOrderFollower(life, { looksPerRun: input.looksPerRun })
    placed = withLife(result, follower.view())
    state.phase = 'following'
    return finishFollowing(input, placed, follower, state)
  }
  await recordEnd({
    status: outcome.kind === 'placed' ? 'completed' : 'failed',
    outcome: statusLabel(result),
    result,
    error: result.error?.message,
  })
  state.phase = 'done'
  state.result = result
  placed = result
  return result
}

async function finishFollowing(
  input: PlaceOrderWorkflowInput,
  placed: OrderExecutionResult,
  follower: OrderFollower,
  state: OrderWorkflowState
): Promise<OrderExecutionResult> {
  const view = await follower.followUntilDone((life) =>
    continueAsNew<typeof placeOrderWorkflow>({
      ...input,
      resume: { life, attempts: placed.attempts, clientOrderId: placed.clientOrderId },
    })
  )
  const result = withLife(placed, view)
  await recordEnd({ status: 'completed', outcome: view.status, result })
  state.result = result
  state.phase = 'done'
  // Commands that arrived as the order finished are answered before the run closes.
  await condition(allHandlersFinished)
  return result
}

/** The placement's answer, rebuilt in a continued run from what the earlier runs carried over. */
function placedResult(
  input: PlaceOrderWorkflowInput,
  clientOrderId: string,
  resume: NonNullable<PlaceOrderWorkflowInput['resume']>
): OrderExecutionResult {
  const first = resume.life.generations[0]!
  return {
    workflowId: workflowInfo().workflowId,
    exchange: input.exchange,
    clientOrderId,
    outcome: 'placed',
    order: first.order,
    attempts: resume.attempts,
  }
}

function withLife(placed: OrderExecutionResult, view: OrderLifeView): OrderExecutionResult {
  const { order, ...life } = view
  return { ...placed, order, ...life }
}

/** Refuses a command on an order that is done: the API answers 409 with the order's state (the failure's details). */
function alreadyDone(result: OrderExecutionResult, reason?: string) {
  return ApplicationFailure.nonRetryable(
    reason ?? `the order is already ${statusLabel(result).toLowerCase()}`,
    'OrderAlreadyDone',
    result
  )
}

const invalid = (field: string, message: string) =>
  ApplicationFailure.nonRetryable(message, 'ValidationError', { field })

/** An amendment names a new price, a new total amount or both, as positive decimal strings. */
function checkAmendChange(change: AmendChange): void {
  if (change.price === undefined && change.amount === undefined) throw new Error('price or amount is required')
  for (const field of ['price', 'amount'] as const) {
    const value = change[field]
    if (value !== undefined && !(isDecimalString(value) && isPositive(value))) {
      throw invalid(field, `${field} must be a positive decimal string such as "0.01"`)
    }
  }
}

export function statusLabel(result: { outcome: string; order?: UnifiedOrder; status?: string }): string {
  if (result.status !== undefined) return result.status.toUpperCase()
  if (result.outcome !== 'placed' || !result.order) return result.outcome.toUpperCase()
  return result.order.status.toUpperCase()
}
