// The orders the ledger shows possibly resting at a venue: what the kill switch cancels.
import { and, eq, inArray } from 'drizzle-orm'

import type { ExchangeId } from '../domain/types.js'
import type { GatewayDb } from './client.js'

/**
 * Ledger statuses of an order the venue may hold open: acknowledged open, or sent with its answer not read yet
 * (sent, unknown). 'pending' rows were never sent (an order mid-send under a HALTED state is refused at its gate).
 */
export const CANCELLABLE_STATUSES = ['open', 'sent', 'unknown'] as const

export interface OpenLedgerOrder {
  executionId: string
  exchange: ExchangeId
  symbol: string
  clientOrderId: string
  exchangeOrderId: string | null
  status: string
}

/** Every order the ledger shows possibly open, on one venue or all, oldest first. */
export async function openLedgerOrders(db: GatewayDb, exchange?: ExchangeId): Promise<OpenLedgerOrder[]> {
  const a = db.t.orderAttempts
  const rows = await db.orm
    .select({
      executionId: a.executionId,
      exchange: a.exchange,
      symbol: a.symbol,
      clientOrderId: a.clientOrderId,
      exchangeOrderId: a.exchangeOrderId,
      status: a.status,
    })
    .from(a)
    .where(and(inArray(a.status, [...CANCELLABLE_STATUSES]), exchange ? eq(a.exchange, exchange) : undefined))
    .orderBy(a.createdAt)
  return rows as OpenLedgerOrder[]
}
