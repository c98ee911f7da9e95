// Order state helpers shared by workflows, activities and the API. Pure: they read an order, never change it.
import { cmp, isPositive, max, sub } from './money.js'
import type { DecimalString, OrderStatus, UnifiedOrder } from './types.js'

export { CLIENT_ORDER_ID_NAMESPACE, clientOrderIdFor, isUuid, uuidV5 } from './client-order-id.js'

/** Statuses after which an order can neither fill further nor be cancelled. */
export const TERMINAL_ORDER_STATUSES: readonly OrderStatus[] = ['closed', 'canceled', 'expired', 'rejected']

type FillFigures = Pick<UnifiedOrder, 'amount' | 'filled'>

/** True when the order is finished on the venue (closed, canceled, expired or rejected). */
export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_ORDER_STATUSES.includes(status)
}

/** True when the whole amount has filled, whatever the status says. */
export function isFilled(order: FillFigures): boolean {
  return isPositive(order.amount) && cmp(order.filled, order.amount) >= 0
}

/** True when some but not all of the amount has filled (an open order, or a cancelled or expired remainder). */
export function isPartiallyFilled(order: FillFigures): boolean {
  return isPositive(order.filled) && cmp(order.filled, order.amount) < 0
}

/** Amount still to fill: amount − filled, never below zero. */
export function unfilledAmount(order: FillFigures): DecimalString {
  return max(sub(order.amount, order.filled), 0)
}

/** True when the order is terminal with part of its amount unfilled: a failover or unwind has something to do. */
export function endedShort(order: Pick<UnifiedOrder, 'amount' | 'filled' | 'status'>): boolean {
  return isTerminal(order.status) && !isFilled(order)
}
