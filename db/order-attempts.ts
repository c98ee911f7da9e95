// Order attempts: written before the request goes out, then updated in place by client order id.
import { eq } from 'drizzle-orm'

import type { GatewayDb } from './client.js'
import { orderAttempts, type NewOrderAttempt, type OrderAttempt } from './schema.js'

export type OrderIntent = Omit<NewOrderAttempt, 'status' | 'createdAt' | 'updatedAt'>

/**
 * Records an order before it is sent. A retry of the same attempt finds the row already there and keeps it, so the
 * row never goes back from "sent" or "closed" to "pending".
 */
export function recordOrderIntent(db: GatewayDb, intent: OrderIntent): void {
  db.insert(orderAttempts)
    .values({ ...intent, status: 'pending' })
    .onConflictDoNothing()
    .run()
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

export function updateOrderAttempt(db: GatewayDb, clientOrderId: string, update: OrderAttemptUpdate, at: number): void {
  db.update(orderAttempts)
    .set({ ...update, updatedAt: at })
    .where(eq(orderAttempts.clientOrderId, clientOrderId))
    .run()
}

export function getOrderAttempt(db: GatewayDb, clientOrderId: string): OrderAttempt | undefined {
  return db.select().from(orderAttempts).where(eq(orderAttempts.clientOrderId, clientOrderId)).get()
}
