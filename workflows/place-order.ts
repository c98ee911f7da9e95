// A single order on a named exchange: record it, place it exactly once, settle an unknown outcome, record the end.
import { patched, setHandler, uuid4, workflowInfo } from '@temporalio/workflow'

import type { ExecutionStart } from '../db/executions.js'
import type { ExchangeId, OrderRequest, UnifiedOrder } from '../domain/types.js'
import { orderStateQuery } from './definitions.js'
import { recordEnd, recordStart } from './lib/execution.js'
import { PATCHES, placeAndSettle, type PlacementOutcome } from './lib/placement.js'
import { summarise, type AttemptSummary } from './lib/summaries.js'
import { unresolvedOrders, type UnresolvedOrder } from './lib/unresolved.js'

export interface PlaceOrderWorkflowInput {
  exchange: ExchangeId
  order: OrderRequest
  idempotencyKey?: string
  /** Lookup grace window after an unknown outcome (default 5 s). */
  reconcileGraceMs?: number
  /** How long lookups may fail before the order is reported unresolved (default: the reconcile class's budget). */
  unresolvedAfterMs?: number
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
}

export type OrderWorkflowState = {
  phase: 'placing' | 'done'
  result?: OrderExecutionResult
  clientOrderId: string
  /** Orders whose outcome the venue has not told yet: the execution is unresolved while this is not empty. */
  unresolved?: UnresolvedOrder[]
}

export async function placeOrderWorkflow(input: PlaceOrderWorkflowInput): Promise<OrderExecutionResult> {
  const clientOrderId = input.order.clientOrderId ?? uuid4()
  const state: OrderWorkflowState = { phase: 'placing', clientOrderId }
  setHandler(orderStateQuery, () => ({ ...state, unresolved: unresolvedOrders() }))

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
  const outcome = await placeAndSettle(
    {
      executionId: workflowId,
      exchange: input.exchange,
      request: { ...input.order, clientOrderId },
      role: 'primary',
      seq: 1,
    },
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
  await recordEnd({
    status: outcome.kind === 'placed' ? 'completed' : 'failed',
    outcome: statusLabel(result),
    result,
    error: result.error?.message,
  })
  state.phase = 'done'
  state.result = result
  return result
}

export function statusLabel(result: { outcome: string; order?: UnifiedOrder }): string {
  if (result.outcome !== 'placed' || !result.order) return result.outcome.toUpperCase()
  return result.order.status.toUpperCase()
}
