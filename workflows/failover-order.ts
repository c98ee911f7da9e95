// An order for a primary exchange with an ordered list of backups. It moves to the next venue only after a
// definitive failure (rejection, or nothing placed). When the outcome is unknown it first looks the order up by its
// client order id, and it never places on a backup while the primary's order may be live.
import { allHandlersFinished, condition, continueAsNew, patched, setHandler, uuid4 } from '@temporalio/workflow'

import { canRest } from '../domain/order-lifecycle.js'
import type { ExchangeId, OrderRequest, UnifiedOrder } from '../domain/types.js'
import { failoverPlacedUpdate, failoverStateQuery } from './definitions.js'
import { recordEnd, recordStart } from './lib/execution.js'
import { createOrderFollower, type OrderLife, type OrderLifeView } from './lib/order-life.js'
import { PATCHES, placeAndSettle, type PlacementOutcome } from './lib/placement.js'
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
  /** Set by the workflow itself when it continues as new while following the placed order. */
  resume?: { life: OrderLife; placed: FailoverOrderResult }
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
  /** A resting order (limit GTC): open while it rests, then how it ended, with every fill (see placeOrderWorkflow). */
  status?: OrderLifeView['status']
  total?: string
  filled?: string
  fills?: OrderLifeView['fills']
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
  let placedAnswer: FailoverOrderResult | undefined = input.resume?.placed
  setHandler(failoverPlacedUpdate, async () => {
    await condition(() => placedAnswer !== undefined)
    return placedAnswer!
  })
  if (input.resume) return follow(input, input.resume.life, input.resume.placed, state)

  const workflowId = await recordStart({
    strategy: 'failover',
    symbol: input.order.symbol,
    side: input.order.side,
    exchanges: venues.join(','),
    idempotencyKey: input.idempotencyKey ?? null,
    request: input,
  })

  let last: PlacementOutcome | undefined
  let request: (OrderRequest & { clientOrderId: string }) | undefined
  for (const [index, exchange] of venues.entries()) {
    state.current = exchange
    // The caller's client order id names the primary's order; each backup order gets its own.
    const clientOrderId = index === 0 && input.order.clientOrderId ? input.order.clientOrderId : uuid4()
    const role = index === 0 ? 'primary' : 'backup'
    request = { ...input.order, clientOrderId }
    last = await placeAndSettle(
      { executionId: workflowId, exchange, request, role, seq: index + 1 },
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
  // A resting order is followed until the venue shows it done, as a single order is; the caller has its answer.
  if (last!.kind === 'placed' && canRest(input.order) && patched(PATCHES.failoverLifecycle)) {
    const life: OrderLife = {
      exchange: state.current!,
      executionId: workflowId,
      generations: [{ seq: state.attempts.length, request: request!, order: last!.order, fills: [] }],
      total: input.order.amount,
      placedAt: Date.now(),
      expiredByUs: false,
      amendments: [],
      reconcileGraceMs: input.reconcileGraceMs ?? 5_000,
    }
    placedAnswer = { ...result, status: 'open', total: life.total, filled: '0', fills: [] }
    return follow(input, life, placedAnswer, state)
  }
  placedAnswer = result
  state.done = true
  await recordEnd({
    status: result.outcome === 'placed' ? 'completed' : 'failed',
    outcome: statusLabel(result),
    result,
    error: result.error?.message,
  })
  return result
}

async function follow(
  input: FailoverOrderInput,
  life: OrderLife,
  placed: FailoverOrderResult,
  state: { done: boolean }
): Promise<FailoverOrderResult> {
  const view = await createOrderFollower(life).followUntilDone((carried) =>
    continueAsNew<typeof failoverOrderWorkflow>({ ...input, resume: { life: carried, placed } })
  )
  const result: FailoverOrderResult = {
    ...placed,
    order: view.order,
    status: view.status,
    total: view.total,
    filled: view.filled,
    fills: view.fills,
  }
  state.done = true
  await recordEnd({ status: 'completed', outcome: view.status, result })
  await condition(allHandlersFinished)
  return result
}
