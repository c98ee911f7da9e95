// Place one order and settle its outcome, following ARCHITECTURE.md invariant 3:
// - a definitive rejection is final;
// - an unknown outcome (OrderOutcomeUnknownError, or the activity timing out) is resolved by looking the order up
//   by its client order id, never by sending it again;
// - only a definitive failure, or an order proven absent, lets the caller move to another venue.
import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/workflow'

import type { PlaceOrderInput } from '../../activities/index.js'
import type { UnifiedOrder } from '../../domain/types.js'
import { ACTIVITY_OPTIONS } from '../../temporal.config.js'
import { orders, reconcile, unwind, unwindLookup } from './activities.js'

export type PlacementOutcome =
  /** The venue has the order (possibly found by reconciliation after an unknown outcome). */
  | { kind: 'placed'; order: UnifiedOrder; reconciled: boolean }
  /** The venue said no (insufficient balance, invalid order, authentication). */
  | { kind: 'rejected'; errorType: string; message: string }
  /** Nothing reached the book: venue unavailable or rate limited until the retries ran out, or proven absent. */
  | { kind: 'not_placed'; errorType: string; message: string }
  /** The order may exist and the lookup could not tell: never fail over from here. */
  | { kind: 'unknown'; errorType: string; message: string }

const DEFINITIVE = new Set(['InsufficientBalanceError', 'InvalidOrderError', 'AuthenticationError', 'ValidationError'])
/**
 * Failures that prove no order reached the book: the venue refused before touching it (throttled, maintenance,
 * nonce) or nothing was sent. Any other failure (an unclassified venue answer, a worker error after the request
 * went out, a cancellation) may have left an order behind, so it is settled by lookup like an unknown outcome.
 */
const NOTHING_PLACED = new Set(['RateLimitError', 'ExchangeUnavailableError'])

export interface PlacementOptions {
  /** Lookup grace window for an order whose outcome is unknown. */
  reconcileGraceMs: number
  /** Use the unwind budget (long retries) instead of the order-placement one. */
  asUnwind?: boolean
}

/** One line for the activity in the Temporal UI's event history, e.g. "buy 0.5 BTC/USDT limit @ 64000 on kraken (backup)". */
export function placementSummary({ request: r, exchange, role }: PlaceOrderInput): string {
  const price = r.type === 'limit' && r.price ? ` @ ${r.price}` : ''
  const tif = r.timeInForce && r.timeInForce !== 'GTC' ? ` ${r.timeInForce}` : ''
  return `${r.side} ${r.amount} ${r.symbol} ${r.type}${price}${tif} on ${exchange} (${role}, client order id ${r.clientOrderId})`
}

export async function placeAndSettle(input: PlaceOrderInput, options: PlacementOptions): Promise<PlacementOutcome> {
  const place = options.asUnwind ? unwind.placeOrder : orders.placeOrder
  const placeOptions = options.asUnwind ? ACTIVITY_OPTIONS.unwind : ACTIVITY_OPTIONS.placeOrder
  try {
    const order = await place.executeWithOptions({ ...placeOptions, summary: placementSummary(input) }, [input])
    return { kind: 'placed', order, reconciled: false }
  } catch (error) {
    const failure = describe(error)
    if (DEFINITIVE.has(failure.errorType)) return { kind: 'rejected', ...failure }
    if (NOTHING_PLACED.has(failure.errorType)) return { kind: 'not_placed', ...failure }
    return settleUnknown(input, failure, options)
  }
}

async function settleUnknown(
  input: PlaceOrderInput,
  failure: { errorType: string; message: string },
  options: PlacementOptions
): Promise<PlacementOutcome> {
  const lookup = options.asUnwind ? unwindLookup.reconcileOrder : reconcile.reconcileOrder
  const lookupOptions = options.asUnwind ? ACTIVITY_OPTIONS.unwindLookup : ACTIVITY_OPTIONS.reconcile
  const summary = `look up ${input.request.clientOrderId} on ${input.exchange} after an unknown outcome`
  try {
    const result = await lookup.executeWithOptions({ ...lookupOptions, summary }, [
      {
        executionId: input.executionId,
        exchange: input.exchange,
        symbol: input.request.symbol,
        clientOrderId: input.request.clientOrderId,
        graceMs: options.reconcileGraceMs,
      },
    ])
    if (result.found) return { kind: 'placed', order: result.order, reconciled: true }
    return {
      kind: 'not_placed',
      errorType: failure.errorType,
      message: `${failure.message}; lookup by client order id ${input.request.clientOrderId} proved the order absent`,
    }
  } catch (error) {
    const lookupFailure = describe(error)
    return {
      kind: 'unknown',
      errorType: failure.errorType,
      message: `${failure.message}; lookup failed too (${lookupFailure.message}): order ${input.request.clientOrderId} may be live`,
    }
  }
}

export function describe(error: unknown): { errorType: string; message: string } {
  if (error instanceof ActivityFailure) {
    const cause = error.cause
    if (cause instanceof TimeoutFailure) return { errorType: 'Timeout', message: `activity timed out (${cause.timeoutType})` }
    if (cause instanceof ApplicationFailure) return { errorType: cause.type ?? 'Error', message: cause.message }
    return { errorType: cause?.name ?? 'Error', message: cause?.message ?? error.message }
  }
  if (error instanceof ApplicationFailure) return { errorType: error.type ?? 'Error', message: error.message }
  return { errorType: 'Error', message: error instanceof Error ? error.message : String(error) }
}
