// Following a resting order: one look at the venue's state of the order, and its fills whenever what the venue says
// it filled differs from the fills recorded so far. Both go to the ledger (the attempt row and order_fills) before
// the workflow hears of them, so the ledger is never behind the execution's history.
import { ApplicationFailure } from '@temporalio/activity'

import { recordLookupFound } from '../db/order-attempts.js'
import { recordFills } from '../db/order-fills.js'
import { canonicalClientOrderId } from '../domain/client-order-id.js'
import { dec } from '../domain/money.js'
import type { ExchangeId, Fill, UnifiedOrder } from '../domain/types.js'
import type { ActivityDeps } from './deps.js'
import { asActivity } from './failures.js'
import { attemptUpdateFrom } from './orders.js'

export interface FollowOrderInput {
  executionId: string
  exchange: ExchangeId
  symbol: string
  clientOrderId: string
  /** Sum of the fills of this order the workflow already holds: the fills are read again when the venue's differs. */
  knownFilled: string
}

export type FollowOrderResult =
  | {
      order: UnifiedOrder
      /** Every fill of the order so far when they were read (the filled amount moved), else absent. */
      fills?: Fill[]
    }
  /** The venue's budget for order reads is spent right now: the look is put off rather than queued before orders. */
  | { deferredMs: number }

export function createOrderFollowActivities({ connectors, db, now = Date.now }: ActivityDeps) {
  return {
    async followOrder(input: FollowOrderInput): Promise<FollowOrderResult> {
      const clientOrderId = canonicalClientOrderId(input.exchange, input.clientOrderId)
      const connector = connectors.get(input.exchange)
      // A look is the least urgent call there is: it never waits in the rate limiter ahead of a placement, a cancel
      // or a lookup after an unknown outcome (Kraken's call counter allows about one read every 3 s per key).
      const budget = connector.checkRateLimit('queryOrder')
      if (!budget.allowed) return { deferredMs: Math.max(budget.retryAfterMs, 1) }
      const order = await asActivity(() => connector.findOrder({ symbol: input.symbol, clientOrderId }))
      if (!order) {
        // The venue acknowledged this order before: not finding it is the venue's lag (or its archive), never a
        // reason to stop following; the next look asks again.
        throw ApplicationFailure.retryable(
          `order ${clientOrderId} not visible on ${input.exchange} (it was placed earlier)`,
          'OrderNotYetVisible'
        )
      }
      await recordLookupFound(db, clientOrderId, attemptUpdateFrom(order), now())
      if (dec(order.filled).equals(dec(input.knownFilled))) return { order }
      const fills = await asActivity(() => connector.getOrderFills({ symbol: input.symbol, id: order.id }))
      await recordFills(db, { exchange: input.exchange, executionId: input.executionId, clientOrderId }, fills, now())
      return { order, fills }
    },
  }
}
