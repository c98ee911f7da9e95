// Placing an arbitrage's legs and unwinding what one leg left over when the other filled less.
import { sleep, uuid4 } from '@temporalio/workflow'

import type { OrderRole, PlaceOrderInput } from '../../activities/index.js'
import { cmp, isPositive, sub } from '../../domain/money.js'
import type { DecimalString, ExchangeId, OrderRequest, Side } from '../../domain/types.js'
import { orders, reconcile } from './activities.js'
import { describe, placeAndSettle, type PlacementOutcome } from './placement.js'
import { summarise, type AttemptSummary } from './summaries.js'

/** An unwind that ends without being placed is tried this many times in all, this far apart. */
export const UNWIND_TRIES = 3
export const UNWIND_RETRY_DELAY = '2s'

export interface LegContext {
  executionId: string
  reconcileGraceMs: number
}

export interface Leg {
  exchange: ExchangeId
  role: OrderRole
  seq: number
  /** clientOrderId chosen by the caller before the first placement. */
  request: OrderRequest & { clientOrderId: string }
}

export interface PlacedLeg {
  outcome: PlacementOutcome
  summary: AttemptSummary
}

/** Places one leg exactly once; its result is final: a placed order's fill can no longer change. */
export async function placeLeg(ctx: LegContext, leg: Leg): Promise<PlacedLeg> {
  const input: PlaceOrderInput = { executionId: ctx.executionId, ...leg }
  const placed = await placeAndSettle(input, { reconcileGraceMs: ctx.reconcileGraceMs, asUnwind: leg.role === 'unwind' })
  const outcome = await settleOpen(input, placed)
  return { outcome, summary: summarise(leg.seq, leg.exchange, leg.role, leg.request.clientOrderId, outcome) }
}

// IOC and market orders are final when the venue answers. One still reported open (an acknowledgement read back
// too early) is cancelled so that its fill stops changing; if the cancel fails it is read back instead.
async function settleOpen(input: PlaceOrderInput, outcome: PlacementOutcome): Promise<PlacementOutcome> {
  if (outcome.kind !== 'placed' || outcome.order.status !== 'open') return outcome
  const { exchange, executionId } = input
  const { symbol, clientOrderId } = input.request
  try {
    return { ...outcome, order: await orders.cancelOrder({ exchange, symbol, clientOrderId }) }
  } catch (error) {
    const lookup = await reconcile
      .reconcileOrder({ executionId, exchange, symbol, clientOrderId, graceMs: 0 })
      .catch(() => undefined)
    if (lookup?.found && lookup.order.status !== 'open') return { ...outcome, order: lookup.order }
    return {
      kind: 'unknown',
      errorType: 'OrderStillOpen',
      message:
        `order ${clientOrderId} on ${exchange} is still open (filled ${outcome.order.filled} so far) and could ` +
        `not be cancelled: ${describe(error).message}`,
    }
  }
}

/** A market order that takes one venue back to flat. */
export interface UnwindPlan {
  exchange: ExchangeId
  side: Side
  amount: DecimalString
}

/**
 * The unwind that makes `bought` on the buy venue and `sold` on the sell venue equal: the excess is traded back
 * where it was filled (sold on the buy venue, or bought back on the sell venue). None when already equal.
 */
export function planUnwind(
  buyExchange: ExchangeId,
  sellExchange: ExchangeId,
  bought: DecimalString,
  sold: DecimalString
): UnwindPlan | undefined {
  const order = cmp(bought, sold)
  if (order > 0) return { exchange: buyExchange, side: 'sell', amount: sub(bought, sold) }
  if (order < 0) return { exchange: sellExchange, side: 'buy', amount: sub(sold, bought) }
  return undefined
}

export type UnwindResult = { flat: true } | { flat: false; reason: string }

/**
 * Unwinds `plan` with market orders on the long unwind budget, appending every attempt to `legs`. An order that
 * ends not placed (or fills short) is followed by another for the rest, up to UNWIND_TRIES orders. An unwind
 * whose outcome stays unknown stops the loop: another order could trade the same amount twice.
 */
export async function unwindImbalance(
  ctx: LegContext,
  symbol: string,
  plan: UnwindPlan,
  legs: AttemptSummary[]
): Promise<UnwindResult> {
  let remaining = plan.amount
  let lastFailure = ''
  for (let attempt = 1; ; attempt++) {
    const request = { symbol, side: plan.side, type: 'market' as const, amount: remaining, clientOrderId: uuid4() }
    const { outcome, summary } = await placeLeg(ctx, {
      exchange: plan.exchange,
      role: 'unwind',
      seq: legs.length + 1,
      request,
    })
    legs.push(summary)
    if (outcome.kind === 'unknown') {
      return { flat: false, reason: `unwind order ${request.clientOrderId} on ${plan.exchange} needs a manual check: ${outcome.message}` }
    }
    if (outcome.kind === 'placed') {
      remaining = sub(remaining, outcome.order.filled)
      lastFailure = `the unwind filled only ${outcome.order.filled} of ${request.amount}`
    } else {
      lastFailure = `${outcome.errorType}: ${outcome.message}`
    }
    if (!isPositive(remaining)) return { flat: true }
    if (attempt >= UNWIND_TRIES) {
      return {
        flat: false,
        reason: `${remaining} ${symbol} still to ${plan.side} on ${plan.exchange} after ${attempt} unwind orders (${lastFailure})`,
      }
    }
    await sleep(UNWIND_RETRY_DELAY)
  }
}
