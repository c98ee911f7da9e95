// Order figures derived from what a venue reports. Pure.
import { max, sub } from './money.js'
import type { DecimalString, UnifiedOrder } from './types.js'

/** Amount still to fill: amount − filled, never below zero (a venue may report a fill above the amount). */
export function unfilledAmount(order: Pick<UnifiedOrder, 'amount' | 'filled'>): DecimalString {
  return max(sub(order.amount, order.filled), 0)
}
