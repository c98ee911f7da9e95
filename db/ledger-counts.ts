// Counts over the ledger for the metrics endpoint: orders by status, the orders whose outcome the venue has not
// told yet, and executions by strategy and outcome. Read at every scrape; each is one grouped query.
import { count, inArray, min } from 'drizzle-orm'

import type { GatewayDb } from './client.js'

/**
 * Ledger statuses of an order that went (or may have gone) to the venue and whose outcome is not known yet: sent
 * with its answer not read, or unknown until a lookup settles it (invariant 7: such an order stays visible).
 */
const UNRESOLVED_ORDER_STATUSES = ['sent', 'unknown'] as const

interface OrderStatusCount {
  exchange: string
  status: string
  count: number
}

export async function orderCountsByStatus(db: GatewayDb): Promise<OrderStatusCount[]> {
  const a = db.t.orderAttempts
  return db.orm.select({ exchange: a.exchange, status: a.status, count: count() }).from(a).groupBy(a.exchange, a.status)
}

interface UnresolvedOrders {
  exchange: string
  count: number
  /** ms since the epoch when the oldest of them was recorded. */
  oldestCreatedAt: number
}

export async function unresolvedOrdersByExchange(db: GatewayDb): Promise<UnresolvedOrders[]> {
  const a = db.t.orderAttempts
  const rows = await db.orm
    .select({ exchange: a.exchange, count: count(), oldestCreatedAt: min(a.createdAt) })
    .from(a)
    .where(inArray(a.status, [...UNRESOLVED_ORDER_STATUSES]))
    .groupBy(a.exchange)
  return rows.map((r) => ({ exchange: r.exchange, count: r.count, oldestCreatedAt: r.oldestCreatedAt ?? 0 }))
}

interface ExecutionCount {
  strategy: string
  status: string
  /** null while the execution runs. */
  outcome: string | null
  count: number
}

export async function executionCounts(db: GatewayDb): Promise<ExecutionCount[]> {
  const e = db.t.executions
  return db.orm
    .select({ strategy: e.strategy, status: e.status, outcome: e.outcome, count: count() })
    .from(e)
    .groupBy(e.strategy, e.status, e.outcome)
}
