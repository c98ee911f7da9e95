// Order activities: place, reconcile, cancel. The exactly-once rules of ARCHITECTURE.md live here:
// - the attempt is recorded in SQLite (keyed by client order id) before the request goes out;
// - a retried placement first looks the order up by its client order id and returns it if it exists;
// - an unknown outcome is reported as OrderOutcomeUnknownError (never retried by the policy) so that the
//   workflow reconciles by lookup instead of sending again;
// - an attempt sends only before its deadline and while Temporal still counts it as current (PLACEMENT_TIMING):
//   past that the connector refuses to send, so an attempt the workflow has given up can never add a second order.
// Every placement writes two audit lines through the activity logger (the worker's JSON log; they carry the
// workflow id that the API's audit lines name with the token): `placement` before the request goes out and
// `placement_outcome` with the venue's answer.
import { ApplicationFailure, Context, log } from '@temporalio/activity'

import {
  getOrderAttempt,
  recordLookupAbsent,
  recordLookupFound,
  recordOrderIntent,
  updateOrderAttempt,
  type OrderAttemptUpdate,
} from '../db/order-attempts.js'
import { canonicalClientOrderId } from '../domain/client-order-id.js'
import type { ExchangeId, OrderSpec, UnifiedOrder } from '../domain/types.js'
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../exchanges/config.js'
import { ExchangeError } from '../exchanges/errors.js'
import { latestSendBy, requestTimeoutProblem } from '../exchanges/send-deadline.js'
import { PLACEMENT_TIMING } from '../temporal.config.js'
import type { ActivityDeps } from './deps.js'
import { sendOrder } from './send-order.js'
import { asActivity, toApplicationFailure } from './failures.js'

export type OrderRole = 'primary' | 'backup' | 'routed' | 'split' | 'buy-leg' | 'sell-leg' | 'unwind' | 'amend'

export interface PlaceOrderInput {
  executionId: string
  exchange: ExchangeId
  /** clientOrderId is required: the workflow chooses it before this activity first runs. */
  request: OrderSpec & { clientOrderId: string }
  role: OrderRole
  /** Position of the attempt within the execution, for ordering the audit trail. */
  seq: number
}

export interface ReconcileInput {
  executionId: string
  exchange: ExchangeId
  symbol: string
  clientOrderId: string
  /**
   * Executions started before the grace window moved to the workflow's clock pass their window here; it is
   * measured from the activity's scheduled time. New executions pass 0 and wait out the window in the workflow.
   */
  graceMs: number
}

export type ReconcileResult = { found: true; order: UnifiedOrder } | { found: false }

export interface CancelOrderInput {
  exchange: ExchangeId
  symbol: string
  clientOrderId?: string
  id?: string
}

/** The ledger's intent row for a placement, under `request` (the client order id as the venue spells it). */
export function orderIntentOf(input: PlaceOrderInput, request: PlaceOrderInput['request']) {
  return {
    clientOrderId: request.clientOrderId,
    executionId: input.executionId,
    role: input.role,
    seq: input.seq,
    exchange: input.exchange,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    amount: request.amount,
    price: request.price ?? null,
  }
}

export function attemptUpdateFrom(order: UnifiedOrder): OrderAttemptUpdate {
  return {
    status: order.status,
    exchangeOrderId: order.id,
    filled: order.filled,
    average: order.average ?? null,
    cost: order.cost,
    fee: order.fee?.cost ?? null,
    feeCurrency: order.fee?.currency ?? null,
    amount: order.amount,
    error: null,
    errorType: null,
  }
}

export function createOrderActivities({
  connectors,
  db,
  now = Date.now,
  requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
}: ActivityDeps) {
  // An attempt must be able to prepare, send and hear back within its start-to-close: refuse to run otherwise.
  const problem = requestTimeoutProblem(requestTimeoutMs, PLACEMENT_TIMING.startToCloseMs)
  if (problem) throw new Error(problem)
  return {
    async placeOrder(input: PlaceOrderInput): Promise<UnifiedOrder> {
      const context = Context.current()
      // The deadline is measured on this worker's clock from the attempt's own start: no other clock is involved.
      const sendBy = latestSendBy(now() + PLACEMENT_TIMING.startToCloseMs, requestTimeoutMs)
      const { exchange } = input
      // The ledger is keyed by the id the venue sees: two spellings the venue treats as one must collide here.
      const request = { ...input.request, clientOrderId: canonicalClientOrderId(exchange, input.request.clientOrderId) }
      const connector = connectors.get(exchange)
      await recordOrderIntent(db, orderIntentOf(input, request))
      // A client order id names one order: one that an earlier execution already used would make the lookups
      // below find that execution's order and report it as this one.
      const owner = (await getOrderAttempt(db, request.clientOrderId))?.executionId
      if (owner !== input.executionId) {
        throw ApplicationFailure.nonRetryable(
          `client order id ${request.clientOrderId} was already used by execution ${owner}; choose a new one`,
          'ClientOrderIdInUseError'
        )
      }
      // A heartbeat delivers a cancellation the server holds for this attempt (e.g. it timed out while queued).
      context.heartbeat()
      let sent = false
      try {
        if (Context.current().info.attempt > 1) {
          // An earlier attempt may have reached the book before it failed: never send the order twice.
          const existing = await connector.findOrder({ symbol: request.symbol, clientOrderId: request.clientOrderId })
          if (existing) {
            await updateOrderAttempt(db, request.clientOrderId, attemptUpdateFrom(existing), now())
            return existing
          }
        }
        await updateOrderAttempt(db, request.clientOrderId, { status: 'sent' }, now())
        sent = true
        log.info('order placement: sending', {
          audit: 'placement',
          executionId: input.executionId,
          orderRole: input.role,
          ...auditFields(exchange, request),
        })
        const order = await sendOrder(connector, request, { sendBy, signal: context.cancellationSignal })
        await updateOrderAttempt(db, request.clientOrderId, attemptUpdateFrom(order), now())
        log.info(`order placement: ${order.status}`, {
          audit: 'placement_outcome',
          executionId: input.executionId,
          clientOrderId: request.clientOrderId,
          exchange,
          status: order.status,
          exchangeOrderId: order.id,
          filled: order.filled,
        })
        return order
      } catch (error) {
        log.warn(`order placement failed: ${error instanceof Error ? error.name : 'Error'}`, {
          audit: 'placement_outcome',
          executionId: input.executionId,
          clientOrderId: request.clientOrderId,
          exchange,
          status: sent ? (failureUpdate(error).status ?? 'unknown') : 'not_sent',
          errorType: error instanceof Error ? error.name : 'Error',
          error: error instanceof Error ? error.message : String(error),
        })
        // A failing write must not hide the venue's answer (or turn it into a retryable error).
        try {
          await updateOrderAttempt(db, request.clientOrderId, failureUpdate(error), now())
        } catch (writeError) {
          log.error('could not record the order attempt failure', {
            clientOrderId: request.clientOrderId,
            error: writeError instanceof Error ? writeError.message : String(writeError),
          })
        }
        // The connector classifies its own failures; anything else after the send (e.g. the database refusing the
        // venue's answer) may hide a live order: never retried here, the workflow looks the order up.
        if (sent && !(error instanceof ExchangeError)) {
          const message = error instanceof Error ? error.message : String(error)
          throw ApplicationFailure.nonRetryable(
            `order ${request.clientOrderId} may have been placed: ${message}`,
            'OrderOutcomeUnknownError'
          )
        }
        throw toApplicationFailure(error)
      }
    },

    async reconcileOrder(lookup: ReconcileInput): Promise<ReconcileResult> {
      const input = { ...lookup, clientOrderId: canonicalClientOrderId(lookup.exchange, lookup.clientOrderId) }
      const connector = connectors.get(input.exchange)
      const order = await asActivity(() =>
        connector.findOrder({ symbol: input.symbol, clientOrderId: input.clientOrderId })
      )
      if (order) {
        await recordLookupFound(db, input.clientOrderId, attemptUpdateFrom(order), now())
        return { found: true, order }
      }
      const { scheduledTimestampMs } = Context.current().info
      if (now() - scheduledTimestampMs < input.graceMs) {
        // Retried by the reconcile policy until the grace window has passed.
        throw ApplicationFailure.retryable(
          `order ${input.clientOrderId} not visible on ${input.exchange} yet`,
          'OrderNotYetVisible'
        )
      }
      await recordLookupAbsent(db, input.clientOrderId, now())
      return { found: false }
    },

    async cancelOrder(input: CancelOrderInput): Promise<UnifiedOrder> {
      const connector = connectors.get(input.exchange)
      const order = await asActivity(() =>
        connector.cancelOrder({ symbol: input.symbol, clientOrderId: input.clientOrderId, id: input.id })
      )
      if (input.clientOrderId) await updateOrderAttempt(db, input.clientOrderId, attemptUpdateFrom(order), now())
      return order
    },
  }
}

/** What an audit line says of an order: never the whole request object (nothing else of it is copied). */
function auditFields(exchange: ExchangeId, request: OrderSpec & { clientOrderId: string }) {
  const { symbol, side, type, amount, price, clientOrderId } = request
  return { exchange, symbol, side, type, amount, price: price ?? null, clientOrderId }
}

function failureUpdate(error: unknown): OrderAttemptUpdate {
  const errorType = error instanceof Error ? error.name : 'Error'
  const message = error instanceof Error ? error.message : String(error)
  if (!(error instanceof ExchangeError)) return { error: message, errorType }
  // The venue may have the order (or says it has one under this id): the workflow's lookup settles it.
  if (errorType === 'OrderOutcomeUnknownError' || errorType === 'DuplicateClientOrderIdError') {
    return { status: 'unknown', error: message, errorType }
  }
  // A pre-send failure (rate limit, venue unavailable) leaves the order unsent; the retry sends it.
  return { status: error.retryable ? 'pending' : 'rejected', error: message, errorType }
}
