// An order for a primary exchange with an ordered list of backups. It moves to the next venue only after a
// definitive failure (rejection, or nothing placed). When the outcome is unknown it first looks the order up by its
// client order id, and it never places on a backup while the primary's order may be live.
import { setHandler, uuid4 } from '@temporalio/workflow'

import type { ExchangeId, OrderRequest, UnifiedOrder } from '../domain/types.js'
import { failoverStateQuery } from './definitions.js'
import { recordEnd, recordStart } from './lib/execution.js'
import { placeAndSettle, type PlacementOutcome } from './lib/placement.js'
import { summarise, type AttemptSummary } from './lib/summaries.js'
import { unresolvedOrders, type UnresolvedOrder } from './lib/unresolved.js'
import { statusLabel } from './place-order.js'

export interface FailoverOrderInput {
  exchange: ExchangeId
  order: OrderRequest
  backupExchanges: ExchangeId[]
  idempotencyKey?: string
  reconcileGraceMs?: number
  unresolvedAfterMs?: number
}

export interface FailoverOrderResult {
  workflowId: string
  outcome: PlacementOutcome['kind']
  /** The venue that has the order. */
  exchange?: ExchangeId
  order?: UnifiedOrder
  error?: { type: string; message: string }
  /** Every venue tried, in order. */
  attempts: AttemptSummary[]
}

export interface FailoverState {
  attempts: AttemptSummary[]
  current?: ExchangeId
  done: boolean
  unresolved?: UnresolvedOrder[]
}

export async function failoverOrderWorkflow(input: FailoverOrderInput): Promise<FailoverOrderResult> {
  const venues = [...new Set([input.exchange, ...input.backupExchanges])]
  const state: { attempts: AttemptSummary[]; current?: ExchangeId; done: boolean } = { attempts: [], done: false }
  setHandler(failoverStateQuery, () => ({ ...state, unresolved: unresolvedOrders() }))
  const workflowId = await recordStart({
    strategy: 'failover',
    symbol: input.order.symbol,
    side: input.order.side,
    exchanges: venues.join(','),
    idempotencyKey: input.idempotencyKey ?? null,
    request: input,
  })

  let last: PlacementOutcome | undefined
  for (const [index, exchange] of venues.entries()) {
    state.current = exchange
    // The caller's client order id names the primary's order; each backup order gets its own.
    const clientOrderId = index === 0 && input.order.clientOrderId ? input.order.clientOrderId : uuid4()
    const role = index === 0 ? 'primary' : 'backup'
    last = await placeAndSettle(
      { executionId: workflowId, exchange, request: { ...input.order, clientOrderId }, role, seq: index + 1 },
      { reconcileGraceMs: input.reconcileGraceMs ?? 5_000, unresolvedAfterMs: input.unresolvedAfterMs }
    )
    state.attempts.push(summarise(index + 1, exchange, role, clientOrderId, last))
    // placed: done. unknown (executions started before it was settled until known): the order may be live here,
    // so no other venue may get one. A client order id another execution used means this request is a mistake
    // (or a replay of an old one): it ends here with nothing sent anywhere.
    if (last.kind === 'placed' || last.kind === 'unknown') break
    if (last.kind === 'rejected' && last.errorType === 'ClientOrderIdInUseError') break
  }

  const result: FailoverOrderResult = { workflowId, outcome: last!.kind, attempts: state.attempts }
  if (last!.kind === 'placed') {
    result.exchange = state.current
    result.order = last!.order
  } else {
    result.error = { type: last!.errorType, message: last!.message }
  }
  state.done = true
  await recordEnd({
    status: result.outcome === 'placed' ? 'completed' : 'failed',
    outcome: statusLabel(result),
    result,
    error: result.error?.message,
  })
  return result
}
