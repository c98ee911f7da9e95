// Placing an arbitrage's legs and unwinding what one leg left over when the other filled less.
import { patched, sleep, uuid4 } from '@temporalio/workflow'

import type { OrderRole, PlaceOrderInput } from '../../activities/index.js'
import { splitUnwind } from '../../domain/arbitrage/index.js'
import { add, cmp, isPositive, sub } from '../../domain/money.js'
import type { VenueMarketRules } from '../../domain/routing/index.js'
import type { DecimalString, ExchangeId, OrderRequest, Side } from '../../domain/types.js'
import { PATCHES, placeAndSettle, settleOpenOrder, type PlacementOutcome } from './placement.js'
import { summarise, type AttemptSummary } from './summaries.js'

/** Executions started before PATCHES.patientUnwind tried an unwind this many times in all, this far apart. */
export const UNWIND_TRIES = 3
export const UNWIND_RETRY_DELAY = '2s'

/**
 * An unwind the venue cannot fill now (its book emptied by others, the venue down or rate limiting) is tried for
 * minutes, not seconds: an open position left after a few seconds is a risk a desk would rather the platform kept
 * working on. Ten orders in all, the gap doubling from 2 s up to a minute apart: about four minutes.
 */
export const PATIENT_UNWIND = { orders: 10, firstDelayMs: 2_000, maxDelayMs: 60_000 } as const

/** How long to wait before unwind order `attempt` (2, 3, ...): doubling from firstDelayMs, at most maxDelayMs. */
export function patientUnwindDelayMs(attempt: number): number {
  return Math.min(PATIENT_UNWIND.firstDelayMs * 2 ** Math.max(attempt - 2, 0), PATIENT_UNWIND.maxDelayMs)
}

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
  const placed = await placeAndSettle(input, {
    reconcileGraceMs: ctx.reconcileGraceMs,
    asUnwind: leg.role === 'unwind',
  })
  const outcome = await settleOpenOrder(input, placed)
  return { outcome, summary: summarise(leg.seq, leg.exchange, leg.role, leg.request.clientOrderId, outcome) }
}

/** A market order that takes one venue back to flat, as far as the venue can trade. */
export interface UnwindPlan {
  exchange: ExchangeId
  side: Side
  /** What one market order can trade: floored to the venue's step, within its minimums; '0' when it is all dust. */
  amount: DecimalString
  /** The excess the venue cannot trade (see splitUnwind): reported, never sent. '0' when there is none. */
  dust: DecimalString
  /** Why `dust` cannot be traded, when there is some. */
  dustReason?: string
  /** The venue's rules and a price to value a market order at: every later remainder is split by them too. */
  market?: VenueMarketRules
  referencePrice?: DecimalString
}

/** What an unwind on one venue must respect: its order-size rules and a price for its minimum notional. */
export interface UnwindVenue {
  market?: VenueMarketRules
  referencePrice?: DecimalString
}

/**
 * The unwind that makes `bought` on the buy venue and `sold` on the sell venue equal: the excess is traded back
 * where it was filled (sold on the buy venue, or bought back on the sell venue), floored to that venue's step.
 * A remainder the venue would refuse is dust (see splitUnwind). None when already equal.
 */
export function planUnwind(
  buyExchange: ExchangeId,
  sellExchange: ExchangeId,
  bought: DecimalString,
  sold: DecimalString,
  venues: { buy?: UnwindVenue; sell?: UnwindVenue } = {}
): UnwindPlan | undefined {
  const order = cmp(bought, sold)
  if (order === 0) return undefined
  const [exchange, side, excess, venue] =
    order > 0
      ? ([buyExchange, 'sell', sub(bought, sold), venues.buy] as const)
      : ([sellExchange, 'buy', sub(sold, bought), venues.sell] as const)
  const split = splitUnwind(exchange, excess, venue?.market, venue?.referencePrice)
  return { exchange, side, ...split, ...venue }
}

/** `dust` is what is left that the venue cannot trade ('0' when none): the position is flat within it. */
export type UnwindResult = { flat: true; dust: DecimalString; dustReason?: string } | { flat: false; reason: string }

/**
 * Unwinds `plan` with market orders on the long unwind budget, appending every attempt to `legs`. An order that
 * ends not placed (or fills short) is followed by another for the rest, up to PATIENT_UNWIND.orders. An unwind
 * whose outcome stays unknown stops the loop: another order could trade the same amount twice. What is left below
 * the venue's step or minimums is dust: no order is sent for it (the venue would only refuse it) and the position
 * counts as flat within it.
 */
export async function unwindImbalance(
  ctx: LegContext,
  symbol: string,
  plan: UnwindPlan,
  legs: AttemptSummary[]
): Promise<UnwindResult> {
  let owed = add(plan.amount, plan.dust)
  let lastFailure = ''
  const patient = patched(PATCHES.patientUnwind)
  const tries = patient ? PATIENT_UNWIND.orders : UNWIND_TRIES
  for (let attempt = 1; ; attempt++) {
    const split = splitUnwind(plan.exchange, owed, plan.market, plan.referencePrice)
    if (!isPositive(split.amount)) {
      return { flat: true, dust: split.dust, ...(split.dustReason ? { dustReason: split.dustReason } : {}) }
    }
    if (attempt > tries) {
      return {
        flat: false,
        reason: `${owed} ${symbol} still to ${plan.side} on ${plan.exchange} after ${tries} unwind orders (${lastFailure})`,
      }
    }
    if (attempt > 1) await sleep(patient ? patientUnwindDelayMs(attempt) : UNWIND_RETRY_DELAY)
    const request = { symbol, side: plan.side, type: 'market' as const, amount: split.amount, clientOrderId: uuid4() }
    const { outcome, summary } = await placeLeg(ctx, {
      exchange: plan.exchange,
      role: 'unwind',
      seq: legs.length + 1,
      request,
    })
    legs.push(summary)
    if (outcome.kind === 'unknown') {
      return {
        flat: false,
        reason: `unwind order ${request.clientOrderId} on ${plan.exchange} needs a manual check: ${outcome.message}`,
      }
    }
    if (outcome.kind === 'placed') {
      owed = sub(owed, outcome.order.filled)
      lastFailure = `the unwind filled only ${outcome.order.filled} of ${request.amount}`
    } else {
      lastFailure = `${outcome.errorType}: ${outcome.message}`
    }
  }
}
