// The ledger's orders as GET /api/orders lists them: newest first, filtered by status, venue and symbol.
import { and, desc, eq } from 'drizzle-orm'

import type { GatewayDb } from './client.js'
import type { OrderAttempt } from './schema.js'

export interface LedgerOrderQuery {
  /** A ledger status: open, closed, canceled, expired, rejected, unknown, sent, pending, not_sent, absent. */
  status?: string
  exchange?: string
  symbol?: string
  limit: number
}

export async function listLedgerOrders(db: GatewayDb, query: LedgerOrderQuery): Promise<OrderAttempt[]> {
  const a = db.t.orderAttempts
  return db.orm
    .select()
    .from(a)
    .where(
      and(
        query.status ? eq(a.status, query.status) : undefined,
        query.exchange ? eq(a.exchange, query.exchange) : undefined,
        query.symbol ? eq(a.symbol, query.symbol) : undefined
      )
    )
    .orderBy(desc(a.createdAt))
    .limit(query.limit)
}
