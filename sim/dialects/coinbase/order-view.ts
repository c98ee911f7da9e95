// A SimOrder as Coinbase Exchange's order object (GET /orders/{id}, POST /orders), field for field.
import { isPositive } from '../../../domain/money.js'
import type { SimMarket, SimOrder } from '../../engine/types.js'
import { decimalsOf, fixed, isoMicros, productId, SIZE_DECIMALS, VALUE_DECIMALS } from './format.js'

export type CoinbaseOrderStatus = 'pending' | 'open' | 'active' | 'done' | 'rejected'

export interface OrderViewContext {
  uuid: string
  profileId: string
  market: SimMarket
}

/** Coinbase's status and done_reason for an engine status. GTT expiry is a cancel on Coinbase. */
export function coinbaseStatus(order: SimOrder): { status: CoinbaseOrderStatus; doneReason?: string } {
  switch (order.status) {
    case 'new':
    case 'partially_filled':
      return { status: 'open' }
    case 'pending_trigger':
      return { status: 'active' }
    case 'filled':
      return { status: 'done', doneReason: 'filled' }
    case 'canceled':
    case 'expired':
      return { status: 'done', doneReason: 'canceled' }
    case 'rejected':
      return { status: 'rejected' }
  }
}

/**
 * `asReceived` renders the answer to POST /orders: Coinbase acknowledges an accepted order as `pending`, before
 * matching, so fills show up only when the order is fetched again.
 */
export function orderView(order: SimOrder, context: OrderViewContext, asReceived = false): Record<string, unknown> {
  const { market } = context
  const state = coinbaseStatus(order)
  const status = asReceived && state.status !== 'rejected' ? 'pending' : state.status
  const filled = asReceived ? '0' : order.filled
  const view: Record<string, unknown> = { id: context.uuid }
  if (order.price !== undefined && order.type !== 'market') {
    view['price'] = fixed(order.price, decimalsOf(market.tickSize))
  }
  if (order.quoteAmount === undefined || isPositive(order.amount)) view['size'] = fixed(order.amount, SIZE_DECIMALS)
  Object.assign(view, {
    product_id: productId(order.symbol),
    profile_id: context.profileId,
    side: order.side,
    ...(order.quoteAmount !== undefined && {
      funds: fixed(order.quoteAmount, VALUE_DECIMALS),
      specified_funds: fixed(order.quoteAmount, VALUE_DECIMALS),
    }),
    type: order.type === 'market' ? 'market' : 'limit',
    time_in_force: order.timeInForce,
    ...(order.expireAt !== undefined && { expire_time: isoMicros(order.expireAt) }),
    post_only: order.postOnly,
    ...(order.clientOrderId !== undefined && { client_oid: order.clientOrderId }),
    created_at: isoMicros(order.createdAt),
    ...(status === 'done' && { done_at: isoMicros(order.updatedAt), done_reason: state.doneReason }),
    fill_fees: fixed(asReceived ? '0' : order.fee, VALUE_DECIMALS),
    filled_size: fixed(filled, SIZE_DECIMALS),
    executed_value: fixed(asReceived ? '0' : order.filledQuote, VALUE_DECIMALS),
    status,
    ...(status === 'rejected' && { reject_reason: rejectReason(order) }),
    settled: status === 'done',
    stp: 'dc',
  })
  return view
}

function rejectReason(order: SimOrder): string {
  return order.postOnly ? 'post only' : (order.rejectReason ?? 'rejected')
}
