// Pure decisions of an order's life after it is placed: whether it can rest, how often it is looked at, what an
// amendment may still send, and the word its execution ends with.
import { cmp, isPositive, str, sub, sum } from './money.js'
import { isConditional } from './order-kinds.js'
import type { DecimalString, Fill, OrderSpec, OrderStatus, UnifiedOrder } from './types.js'

/** An order that can stay on the book (or wait for its trigger) after the venue answers: followed until it is done. */
export function canRest(request: Pick<OrderSpec, 'type' | 'timeInForce'>): boolean {
  if (isConditional(request.type)) return true
  if (request.type !== 'limit') return false
  return request.timeInForce === undefined || request.timeInForce === 'GTC' || request.timeInForce === 'GTT'
}

const FINAL: readonly OrderStatus[] = ['closed', 'canceled', 'expired', 'rejected']

export const isFinal = (status: OrderStatus): boolean => FINAL.includes(status)

/**
 * How long to wait before looking at a resting order again, by its age: a fresh order is most likely to fill or be
 * changed soon, an old one rests for hours. Commands (cancel, amend) and expiry wake the workflow at once anyway.
 */
export function followDelayMs(ageMs: number): number {
  if (ageMs < 10_000) return 1_000
  if (ageMs < 60_000) return 2_000
  if (ageMs < 10 * 60_000) return 5_000
  if (ageMs < 60 * 60_000) return 15_000
  return 60_000
}

/** Gap before asking a venue to cancel again after it neither cancelled nor showed the order done. */
export const cancelRetryDelayMs = (attempt: number): number => Math.min(1_000 * 2 ** attempt, 30_000)

export interface AmendChange {
  price?: DecimalString
  /** The order's new total amount, counting what already filled. */
  amount?: DecimalString
}

export type AmendPlan =
  /** Send a replacement for what is left of the new total. */
  | { place: true; total: DecimalString; remaining: DecimalString }
  /** The fills already reach the new total: nothing more is sent. */
  | { place: false; total: DecimalString; remaining: '0' }

/**
 * What a replacement may still buy or sell once the original is done at the venue: the new total less everything
 * filled under this execution (the original's fills that raced the amend included), so the total is never exceeded.
 */
export function amendPlan(currentTotal: DecimalString, filled: DecimalString, change: AmendChange): AmendPlan {
  const total = change.amount ?? currentTotal
  const remaining = sub(total, filled)
  return isPositive(remaining)
    ? { place: true, total: str(total), remaining }
    : { place: false, total: str(total), remaining: '0' }
}

export const filledOf = (fills: readonly Pick<Fill, 'amount'>[]): DecimalString =>
  fills.length === 0 ? '0' : sum(fills.map((fill) => fill.amount))

/** The word a followed order's execution ends with. */
export type LifecycleOutcome = 'filled' | 'partially_filled' | 'canceled' | 'expired' | 'rejected'

/**
 * Filled: the venue closed the order, or the fills reached the total (an amendment down to what had filled);
 * a cancel or expiry after some fills: partially_filled (the fills are in the result); otherwise the venue's word.
 * `expiredByUs` marks a cancel sent by the workflow's expire-at timer.
 */
export function lifecycleOutcome(
  order: UnifiedOrder,
  filled: DecimalString,
  total: DecimalString,
  expiredByUs: boolean
): LifecycleOutcome {
  if (order.status === 'closed' || cmp(filled, total) >= 0) return 'filled'
  if (order.status === 'rejected') return 'rejected'
  if (cmp(filled, '0') > 0) return 'partially_filled'
  return expiredByUs || order.status === 'expired' ? 'expired' : 'canceled'
}
