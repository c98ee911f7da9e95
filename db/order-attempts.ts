// Order attempts: written before the request goes out, then updated in place by client order id.
import { and, eq, inArray, notInArray } from 'drizzle-orm'

import type { GatewayDb } from './client.js'
import { withStorableError } from './storable-text.js'
import type { NewOrderAttempt, OrderAttempt } from './schema.js'

export type OrderIntent = Omit<NewOrderAttempt, 'status' | 'createdAt' | 'updatedAt'>

/**
 * Records an order before it is sent. A retry of the same attempt finds the row already there and keeps it, so the
 * row never goes back from "sent" or "closed" to "pending".
 */
export async function recordOrderIntent(db: GatewayDb, intent: OrderIntent): Promise<void> {
  await db.orm
    .insert(db.t.orderAttempts)
    .values({ ...intent, status: 'pending' })
    .onConflictDoNothing()
}

export type OrderAttemptUpdate = Partial<
  Pick<
    OrderAttempt,
    | 'status'
    | 'exchangeOrderId'
    | 'filled'
    | 'average'
    | 'cost'
    | 'fee'
    | 'feeCurrency'
    | 'error'
    | 'errorType'
    | 'price'
    | 'amount'
  >
>

export async function updateOrderAttempt(
  db: GatewayDb,
  clientOrderId: string,
  update: OrderAttemptUpdate,
  at: number
): Promise<void> {
  const { orderAttempts } = db.t
  await db.orm
    .update(orderAttempts)
    .set({ ...withStorableError(update), updatedAt: at })
    .where(eq(orderAttempts.clientOrderId, clientOrderId))
}

export async function getOrderAttempt(db: GatewayDb, clientOrderId: string): Promise<OrderAttempt | undefined> {
  const { orderAttempts } = db.t
  const [row] = await db.orm.select().from(orderAttempts).where(eq(orderAttempts.clientOrderId, clientOrderId)).limit(1)
  return row
}

/**
 * Statuses under which the ledger holds no answer of the venue about the order: recorded, being sent, refused before
 * the send, or its outcome unknown.
 */
const NO_VENUE_ANSWER = ['pending', 'sent', 'not_sent', 'unknown', 'absent']

/**
 * Records that a lookup did not find the order, unless the row already holds the venue's answer. A lookup is not
 * the last word: one that was slow (a held answer, a rate-limit wait, an attempt Temporal had given up while it ran)
 * can end after a later send of the same order was answered, and its "absent" must not overwrite that answer.
 * Returns whether the row was updated.
 */
export async function recordLookupAbsent(db: GatewayDb, clientOrderId: string, at: number): Promise<boolean> {
  const { orderAttempts } = db.t
  const updated = await db.orm
    .update(orderAttempts)
    .set({ status: 'absent', updatedAt: at })
    .where(and(eq(orderAttempts.clientOrderId, clientOrderId), inArray(orderAttempts.status, NO_VENUE_ANSWER)))
    .returning({ clientOrderId: orderAttempts.clientOrderId })
  return updated.length > 0
}

/** Statuses after which the venue will not change the order again. */
const FINAL_AT_VENUE = ['closed', 'canceled', 'expired', 'rejected']

/**
 * Records what a lookup found, unless it is older than what the row holds: a lookup still reporting the order open
 * never overwrites a final status that a later answer (the fill, the cancel) already recorded. A slow lookup can end
 * after that answer, as in recordLookupAbsent. Returns whether the row was updated.
 */
export async function recordLookupFound(
  db: GatewayDb,
  clientOrderId: string,
  update: OrderAttemptUpdate,
  at: number
): Promise<boolean> {
  const { orderAttempts } = db.t
  const final = update.status !== undefined && update.status !== null && FINAL_AT_VENUE.includes(update.status)
  const updated = await db.orm
    .update(orderAttempts)
    .set({ ...withStorableError(update), updatedAt: at })
    .where(
      final
        ? eq(orderAttempts.clientOrderId, clientOrderId)
        : and(eq(orderAttempts.clientOrderId, clientOrderId), notInArray(orderAttempts.status, FINAL_AT_VENUE))
    )
    .returning({ clientOrderId: orderAttempts.clientOrderId })
  return updated.length > 0
}
