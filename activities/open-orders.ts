// The kill switch's activities: the ledger's open orders, and the lookup that settles an order a cancel could not
// (the venue no longer has it open: filled, cancelled meanwhile, or never arrived). Cancels themselves go through the
// existing cancelOrder activity.
import { openLedgerOrders, type OpenLedgerOrder } from '../db/open-orders.js'
import { updateOrderAttempt } from '../db/order-attempts.js'
import type { ExchangeId, OrderStatus } from '../domain/types.js'
import type { ActivityDeps } from './deps.js'
import { asActivity } from './failures.js'
import { attemptUpdateFrom } from './orders.js'

export interface LedgerOrderLookup {
  exchange: ExchangeId
  symbol: string
  clientOrderId: string
  exchangeOrderId: string | null
}

export function createOpenOrderActivities({ connectors, db, now = Date.now }: ActivityDeps) {
  return {
    async listOpenLedgerOrders(input: { exchange?: ExchangeId }): Promise<OpenLedgerOrder[]> {
      return openLedgerOrders(db, input.exchange)
    },

    /** The venue's word on one order, written to its ledger row; null when the venue has no such order. */
    async lookupLedgerOrder(input: LedgerOrderLookup): Promise<{ status: OrderStatus } | null> {
      const connector = connectors.get(input.exchange)
      const order = await asActivity(() =>
        connector.findOrder({
          symbol: input.symbol,
          clientOrderId: input.clientOrderId,
          ...(input.exchangeOrderId ? { id: input.exchangeOrderId } : {}),
        })
      )
      if (!order) return null
      await updateOrderAttempt(db, input.clientOrderId, attemptUpdateFrom(order), now())
      return { status: order.status }
    },
  }
}
