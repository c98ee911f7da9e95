// Place one order and settle its outcome, following ARCHITECTURE.md invariants 3 and 7:
// - a definitive rejection is final;
// - an unknown outcome (OrderOutcomeUnknownError, a duplicate-id answer, the activity timing out with its worker) is
//   resolved by looking the order up by its client order id, never by sending it blindly;
// - an order proven absent, once the attempt that failed can no longer send, is sent again on the same venue under
//   the same client order id: a crashed worker is not the venue's failure and must not fail the order;
// - a lookup the venue cannot answer leaves the order unresolved, and it is looked up with backoff until the venue
//   answers: no execution ends with one of its orders unknown;
// - only the venue's own failure (throttled or unavailable until the retries ran out) or a rejection lets the
//   caller move on to another venue.
import {
  ActivityFailure,
  CancellationScope,
  isCancellation,
  patched,
  sleep,
  type ActivityOptions,
} from '@temporalio/workflow'

import type { PlaceOrderInput, ReconcileResult } from '../../activities/index.js'
import { isDefinitiveRejection, isNothingPlaced } from '../../domain/failures.js'
import type { UnifiedOrder } from '../../domain/types.js'
import { ACTIVITY_OPTIONS } from '../../temporal.config.js'
import { describeFailure } from './describe-failure.js'
import { orders, reconcile, settleLookup, unwind, unwindLookup } from './activities.js'
import { passRiskGate } from './risk-gate.js'
import { markResolved, markUnresolved } from './unresolved.js'

export type PlacementOutcome =
  /** The venue has the order (possibly found by reconciliation after an unknown outcome). */
  | { kind: 'placed'; order: UnifiedOrder; reconciled: boolean }
  /** The venue said no (insufficient balance, invalid order, authentication), or the client order id was taken. */
  | { kind: 'rejected'; errorType: string; message: string }
  /** Nothing reached the book: venue unavailable or rate limited until the retries ran out, or proven absent. */
  | { kind: 'not_placed'; errorType: string; message: string }
  /**
   * The order may exist and the lookup could not tell. Only executions started before PATCHES.settleUnresolved
   * end like this; newer ones look the order up until the venue answers.
   */
  | { kind: 'unknown'; errorType: string; message: string }

/** Patch ids of the placement rules added after executions were already running (see the replay suite). */
export const PATCHES = {
  /** The lookup's grace window is a workflow timer (one clock), not the activity's view of the server's time. */
  graceOnWorkflowClock: 'placement-grace-on-workflow-clock',
  /** An order proven absent after an unknown outcome is sent again under the same client order id. */
  resendAfterAbsence: 'placement-resend-after-absence',
  /** A lookup that cannot reach the venue leaves the order unresolved and keeps looking, instead of giving up. */
  settleUnresolved: 'placement-settle-unresolved',
  /** A split's IOC allocation still reported open is settled (cancelled or read back) before the re-plan. */
  splitSettlesOpen: 'smart-split-settles-open',
  /** Every market/IOC/FOK order still reported open is settled before the execution uses its fill. */
  settleImmediateOpen: 'placement-settles-immediate-open',
  /** An arbitrage unwind the venue cannot fill yet is tried for minutes with a growing gap (PATIENT_UNWIND). */
  patientUnwind: 'arbitrage-patient-unwind',
  /** Every order passes the pre-trade risk gate (limits, trading state) before its first send. */
  riskGate: 'risk-gate',
  /** A monitor asks the trading state and the hourly cap before each automatic execution. */
  monitorChecksAutomation: 'monitor-checks-automation',
  /**
   * A single order's start record and its pre-trade check run side by side (two local activities in one round
   * trip instead of two); nothing is written under the execution before its start record is in.
   */
  orderStartAlongsideRisk: 'order-start-alongside-risk',
  /** A resting order is followed until the venue shows it done, with its fills, and can be cancelled or amended. */
  orderLifecycle: 'order-lifecycle',
  /** A failover order that rests on the venue that took it is followed until done, as a single order is. */
  failoverLifecycle: 'failover-lifecycle',
} as const

/** How many times one order is sent after each earlier send was proven absent (crashed or stalled workers). */
export const SEND_ROUNDS = 5

export interface PlacementOptions {
  /** Lookup grace window for an order whose outcome is unknown. */
  reconcileGraceMs: number
  /** Use the unwind budget (long retries) instead of the order-placement one. */
  asUnwind?: boolean
  /**
   * How long the first lookups may keep failing before the order is reported unresolved (default: the reconcile
   * class's schedule-to-close). The patient lookups after that always run on the settle class's budget.
   */
  unresolvedAfterMs?: number
  /**
   * The execution's start record when it is still being written alongside the pre-trade check: awaited before
   * anything is recorded or sent under the execution (the ledger's rows refer to it).
   */
  startRecorded?: Promise<unknown>
}

/** One line for the activity in the Temporal UI's event history, e.g. "buy 0.5 BTC/USDT limit @ 64000 on kraken (backup)". */
export function placementSummary({ request: r, exchange, role }: PlaceOrderInput): string {
  const price = r.type === 'limit' && r.price ? ` @ ${r.price}` : ''
  const tif = r.timeInForce && r.timeInForce !== 'GTC' ? ` ${r.timeInForce}` : ''
  return `${r.side} ${r.amount} ${r.symbol} ${r.type}${price}${tif} on ${exchange} (${role}, client order id ${r.clientOrderId})`
}

export async function placeAndSettle(input: PlaceOrderInput, options: PlacementOptions): Promise<PlacementOutcome> {
  const refused = await passRiskGate(input, options.asUnwind === true, options.startRecorded)
  await options.startRecorded
  if (refused) return refused
  const outcome = await placeUntilKnown(input, options)
  // A market, IOC or FOK order is done when the venue has answered; one still reported open is an acknowledgement
  // read back too early (or not at all): its real fill is settled from the venue before anyone counts it.
  if (
    isImmediate(input) &&
    outcome.kind === 'placed' &&
    outcome.order.status === 'open' &&
    patched(PATCHES.settleImmediateOpen)
  ) {
    return settleOpenOrder(input, outcome, options)
  }
  return outcome
}

function isImmediate({ request }: PlaceOrderInput): boolean {
  return request.type === 'market' || request.timeInForce === 'IOC' || request.timeInForce === 'FOK'
}

async function placeUntilKnown(input: PlaceOrderInput, options: PlacementOptions): Promise<PlacementOutcome> {
  for (let round = 1; ; round++) {
    const sent = await sendOnce(input, options)
    if (sent.kind !== 'uncertain') return sent
    // An order that may be live is settled even when the workflow is being cancelled: it must not be abandoned.
    const settled = await CancellationScope.nonCancellable(() => settleUnknown(input, sent.failure, options))
    if (settled.kind !== 'absent') return settled
    const absent = `${sent.failure.message}; lookup by client order id ${input.request.clientOrderId} proved the order absent`
    // The attempt that failed can no longer send: it was over (an answer), or Temporal gave it up after its
    // start-to-close, past its send deadline; and the grace window has passed since. Sending again is safe, unless
    // the caller has cancelled meanwhile.
    const cancelled = CancellationScope.current().consideredCancelled
    if (round >= SEND_ROUNDS || cancelled || !patched(PATCHES.resendAfterAbsence)) {
      const rounds = round > 1 ? ` (sent ${round} times, each proven absent)` : ''
      return { kind: 'not_placed', errorType: sent.failure.errorType, message: `${absent}${rounds}` }
    }
  }
}

type Sent = Exclude<PlacementOutcome, { kind: 'unknown' }> | { kind: 'uncertain'; failure: Failure }
interface Failure {
  errorType: string
  message: string
}

async function sendOnce(input: PlaceOrderInput, options: PlacementOptions): Promise<Sent> {
  const place = options.asUnwind ? unwind.placeOrder : orders.placeOrder
  const placeOptions = options.asUnwind ? ACTIVITY_OPTIONS.unwind : ACTIVITY_OPTIONS.placeOrder
  try {
    const order = await place.executeWithOptions({ ...placeOptions, summary: placementSummary(input) }, [input])
    return { kind: 'placed', order, reconciled: false }
  } catch (error) {
    // Cancelled before the activity was scheduled: nothing was sent. A cancelled activity may have sent: settle it.
    if (isCancellation(error) && !(error instanceof ActivityFailure)) throw error
    const failure = describeFailure(error)
    // A refusal is final. Nothing placed: the venue refused before touching the book (throttled, maintenance,
    // nonce), its own failure. Anything else may have left an order behind or is ours (an unclassified answer, a
    // worker that died or stalled, a send deadline), and so is an OrderNotFoundError: final for a retry, but the
    // order it did not find yet may still be placed. All of these are settled by lookup first (domain/failures.ts).
    if (isDefinitiveRejection(failure.errorType)) return { kind: 'rejected', ...failure }
    if (isNothingPlaced(failure.errorType)) return { kind: 'not_placed', ...failure }
    return { kind: 'uncertain', failure }
  }
}

/**
 * IOC and market orders are final when the venue answers. One still reported open (an acknowledgement read back too
 * early) is cancelled so that its fill stops changing; if the cancel fails it is read back instead, and, when the
 * venue cannot answer either, looked up until it reports the order done.
 */
export async function settleOpenOrder(
  input: PlaceOrderInput,
  outcome: PlacementOutcome,
  options: Pick<PlacementOptions, 'unresolvedAfterMs'> = {}
): Promise<PlacementOutcome> {
  if (outcome.kind !== 'placed' || outcome.order.status !== 'open') return outcome
  const { exchange } = input
  const { symbol, clientOrderId } = input.request
  return CancellationScope.nonCancellable(async () => {
    try {
      return { ...outcome, order: await orders.cancelOrder({ exchange, symbol, clientOrderId }) }
    } catch (error) {
      const lookup = await lookUpOnce(
        input,
        reconcile.reconcileOrder,
        boundedLookup(ACTIVITY_OPTIONS.reconcile, options)
      ).catch(() => undefined)
      if (lookup?.found && lookup.order.status !== 'open') return { ...outcome, order: lookup.order }
      const reason =
        `order ${clientOrderId} on ${exchange} is still open (filled ${outcome.order.filled} so far) and could ` +
        `not be cancelled: ${describeFailure(error).message}`
      if (!patched(PATCHES.settleUnresolved)) return { kind: 'unknown', errorType: 'OrderStillOpen', message: reason }
      await markUnresolved({ exchange, clientOrderId, reason })
      for (;;) {
        const found = await lookUpOnce(input, settleLookup.reconcileOrder, ACTIVITY_OPTIONS.settle).catch(
          () => undefined
        )
        if (found?.found && found.order.status !== 'open') {
          await markResolved(clientOrderId)
          return { ...outcome, order: found.order }
        }
        // Still open at the venue (an IOC the venue has not finished) or no answer: ask it to cancel again.
        const cancelled = await orders.cancelOrder({ exchange, symbol, clientOrderId }).catch(() => undefined)
        if (cancelled && cancelled.status !== 'open') {
          await markResolved(clientOrderId)
          return { ...outcome, order: cancelled }
        }
        await sleep('5s')
      }
    }
  })
}

type Settled = Extract<PlacementOutcome, { kind: 'placed' | 'unknown' }> | { kind: 'absent' }

/** Looks the order up until the venue says whether it has it. */
async function settleUnknown(input: PlaceOrderInput, failure: Failure, options: PlacementOptions): Promise<Settled> {
  const first = await lookUp(input, options)
  if (first.kind !== 'failed') return first
  if (!patched(PATCHES.settleUnresolved)) {
    return {
      kind: 'unknown',
      errorType: failure.errorType,
      message: `${failure.message}; lookup failed too (${first.message}): order ${input.request.clientOrderId} may be live`,
    }
  }
  const { exchange } = input
  const { clientOrderId } = input.request
  await markUnresolved({ exchange, clientOrderId, reason: `${failure.message}; lookup failed: ${first.message}` })
  for (;;) {
    // Rounds of patient lookups (the settle class backs off to a minute between tries); a round that runs out
    // starts the next one: the venue's answer is the only way out.
    const result = await lookUpOnce(input, settleLookup.reconcileOrder, ACTIVITY_OPTIONS.settle).catch(() => undefined)
    if (!result) continue
    await markResolved(clientOrderId)
    return result.found ? { kind: 'placed', order: result.order, reconciled: true } : { kind: 'absent' }
  }
}

type LookedUp =
  { kind: 'placed'; order: UnifiedOrder; reconciled: true } | { kind: 'absent' } | { kind: 'failed'; message: string }

/**
 * One lookup, and when it finds nothing a second one after the grace window, timed by the workflow: a fresh order
 * can take a moment to become visible, and an earlier request may still be on its way.
 */
async function lookUp(input: PlaceOrderInput, options: PlacementOptions): Promise<LookedUp> {
  const lookup = options.asUnwind ? unwindLookup.reconcileOrder : reconcile.reconcileOrder
  const lookupOptions = options.asUnwind ? ACTIVITY_OPTIONS.unwindLookup : ACTIVITY_OPTIONS.reconcile
  try {
    if (!patched(PATCHES.graceOnWorkflowClock)) {
      // Executions started earlier: the activity waits out the window, measured against the server's clock.
      const legacy = await lookUpOnce(input, lookup, lookupOptions, options.reconcileGraceMs)
      return legacy.found ? { kind: 'placed', order: legacy.order, reconciled: true } : { kind: 'absent' }
    }
    const bounded = boundedLookup(lookupOptions, options)
    const first = await lookUpOnce(input, lookup, bounded)
    if (first.found) return { kind: 'placed', order: first.order, reconciled: true }
    await sleep(options.reconcileGraceMs)
    const second = await lookUpOnce(input, lookup, bounded)
    return second.found ? { kind: 'placed', order: second.order, reconciled: true } : { kind: 'absent' }
  } catch (error) {
    return { kind: 'failed', message: describeFailure(error).message }
  }
}

type LookupActivity = typeof reconcile.reconcileOrder

/** The first lookups' options, cut to `unresolvedAfterMs` when the caller set it. */
function boundedLookup(
  lookupOptions: ActivityOptions,
  options: Pick<PlacementOptions, 'unresolvedAfterMs'>
): ActivityOptions {
  return options.unresolvedAfterMs
    ? { ...lookupOptions, scheduleToCloseTimeout: options.unresolvedAfterMs }
    : lookupOptions
}

function lookUpOnce(
  input: PlaceOrderInput,
  lookup: LookupActivity,
  activityOptions: ActivityOptions,
  graceMs = 0
): Promise<ReconcileResult> {
  const { exchange, executionId } = input
  const { symbol, clientOrderId } = input.request
  return lookup.executeWithOptions(
    { ...activityOptions, summary: `look up ${clientOrderId} on ${exchange} after an unknown outcome` },
    [{ executionId, exchange, symbol, clientOrderId, graceMs }]
  )
}
