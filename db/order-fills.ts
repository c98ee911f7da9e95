// The fills ledger: every trade of every followed order, recorded once however often it is read.
import { and, asc, eq, gte } from 'drizzle-orm'

import type { Fill } from '../domain/types.js'
import type { GatewayDb } from './client.js'
import type { OrderFillRow } from './schema.js'

export interface FillOwner {
  exchange: string
  executionId: string
  clientOrderId: string
}

/** Records the fills of one order; those already recorded (same venue, symbol and trade id) are kept as they are. */
export async function recordFills(db: GatewayDb, owner: FillOwner, fills: readonly Fill[], at: number): Promise<void> {
  if (fills.length === 0) return
  await db.orm
    .insert(db.t.orderFills)
    .values(
      fills.map((fill) => ({
        exchange: owner.exchange,
        symbol: fill.symbol,
        tradeId: fill.id,
        clientOrderId: owner.clientOrderId,
        executionId: owner.executionId,
        exchangeOrderId: fill.orderId,
        side: fill.side,
        price: fill.price,
        amount: fill.amount,
        fee: fill.fee?.cost ?? null,
        feeCurrency: fill.fee?.currency ?? null,
        liquidity: fill.takerOrMaker ?? null,
        tradedAt: fill.timestamp,
        recordedAt: at,
      }))
    )
    .onConflictDoNothing()
}

export async function fillsOfExecution(db: GatewayDb, executionId: string): Promise<OrderFillRow[]> {
  const { orderFills } = db.t
  return db.orm
    .select()
    .from(orderFills)
    .where(eq(orderFills.executionId, executionId))
    .orderBy(asc(orderFills.tradedAt), asc(orderFills.tradeId))
}

export interface FillsQuery {
  /** Epoch ms: fills traded at or after. */
  since?: number
  exchange?: string
  limit: number
}

/** Fills across every execution, oldest first: what accounting reads. */
export async function listFills(db: GatewayDb, query: FillsQuery): Promise<OrderFillRow[]> {
  const { orderFills } = db.t
  return db.orm
    .select()
    .from(orderFills)
    .where(
      and(
        query.since !== undefined ? gte(orderFills.tradedAt, query.since) : undefined,
        query.exchange ? eq(orderFills.exchange, query.exchange) : undefined
      )
    )
    .orderBy(asc(orderFills.tradedAt), asc(orderFills.tradeId))
    .limit(query.limit)
}
