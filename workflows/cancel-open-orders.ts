// The kill switch's second half (PUT /api/trading-state with cancelOpenOrders): cancel every order the ledger shows
// possibly open, on one venue or all. The trading state was set before this starts, so no new order joins the list
// while it runs. Each order is cancelled by its client order id (and venue id when known) through the cancelOrder
// activity; an order the venue will not cancel is looked up, and its ledger row takes the venue's answer.
import { proxyActivities } from '@temporalio/workflow'

import type { Activities } from '../activities/index.js'
import type { OpenLedgerOrder } from '../db/open-orders.js'
import type { ExchangeId } from '../domain/types.js'
import { ACTIVITY_OPTIONS } from '../temporal.config.js'
import { orders } from './lib/activities.js'
import { describeFailure } from './lib/describe-failure.js'

const ledger = proxyActivities<Pick<Activities, 'listOpenLedgerOrders' | 'lookupLedgerOrder'>>(
  ACTIVITY_OPTIONS.reconcile
)

export interface CancelOpenOrdersInput {
  /** Only this venue's orders; every venue's when absent. */
  exchange?: ExchangeId
  /** Only this symbol's orders (DELETE /api/orders?symbol=). */
  symbol?: string
  reason: string
}

export interface CancelledOrderRef {
  exchange: ExchangeId
  symbol: string
  clientOrderId: string
}

export interface CancelOpenOrdersResult {
  /** The venue cancelled them. */
  cancelled: CancelledOrderRef[]
  /** Not open at the venue any more (filled, cancelled before, or never arrived): nothing to cancel. */
  alreadyDone: (CancelledOrderRef & { status: string })[]
  /** Neither cancelled nor shown done: a person must look (the venue's open orders are the truth). */
  failed: (CancelledOrderRef & { errorType: string; message: string })[]
}

/** Cancels at most this many at once: the connectors pace their calls, this only bounds the pending activities. */
const CONCURRENCY = 8

type OneResult =
  | { kind: 'cancelled'; ref: CancelledOrderRef }
  | { kind: 'alreadyDone'; ref: CancelledOrderRef; status: string }
  | { kind: 'failed'; ref: CancelledOrderRef; errorType: string; message: string }

async function cancelOne(order: OpenLedgerOrder, reason: string): Promise<OneResult> {
  const ref: CancelledOrderRef = { exchange: order.exchange, symbol: order.symbol, clientOrderId: order.clientOrderId }
  let cancelFailure: { errorType: string; message: string }
  try {
    const cancelled = await orders.cancelOrder.executeWithOptions(
      {
        ...ACTIVITY_OPTIONS.placeOrder,
        summary: `kill switch: cancel ${order.clientOrderId} on ${order.exchange} (${reason})`.slice(0, 200),
      },
      [
        {
          exchange: order.exchange,
          symbol: order.symbol,
          clientOrderId: order.clientOrderId,
          ...(order.exchangeOrderId ? { id: order.exchangeOrderId } : {}),
        },
      ]
    )
    if (cancelled.status === 'canceled') return { kind: 'cancelled', ref }
    if (cancelled.status !== 'open') return { kind: 'alreadyDone', ref, status: cancelled.status }
    cancelFailure = { errorType: 'StillOpen', message: 'the venue answered the cancel with the order still open' }
  } catch (error) {
    cancelFailure = describeFailure(error)
  }
  // The venue would not cancel it: ask what it holds under this id, which also settles the ledger row.
  try {
    const found = await ledger.lookupLedgerOrder({
      exchange: order.exchange,
      symbol: order.symbol,
      clientOrderId: order.clientOrderId,
      exchangeOrderId: order.exchangeOrderId,
    })
    if (found === null) return { kind: 'alreadyDone', ref, status: 'absent' }
    if (found.status !== 'open') return { kind: 'alreadyDone', ref, status: found.status }
  } catch (error) {
    return {
      kind: 'failed',
      ref,
      ...cancelFailure,
      message: `${cancelFailure.message}; lookup: ${describeFailure(error).message}`,
    }
  }
  return { kind: 'failed', ref, ...cancelFailure }
}

export async function cancelOpenOrdersWorkflow(input: CancelOpenOrdersInput): Promise<CancelOpenOrdersResult> {
  const listed = await ledger.listOpenLedgerOrders(input.exchange ? { exchange: input.exchange } : {})
  const open = input.symbol === undefined ? listed : listed.filter((order) => order.symbol === input.symbol)
  const result: CancelOpenOrdersResult = { cancelled: [], alreadyDone: [], failed: [] }
  for (let i = 0; i < open.length; i += CONCURRENCY) {
    const batch = await Promise.all(open.slice(i, i + CONCURRENCY).map((order) => cancelOne(order, input.reason)))
    for (const one of batch) {
      if (one.kind === 'cancelled') result.cancelled.push(one.ref)
      else if (one.kind === 'alreadyDone') result.alreadyDone.push({ ...one.ref, status: one.status })
      else result.failed.push({ ...one.ref, errorType: one.errorType, message: one.message })
    }
  }
  return result
}
