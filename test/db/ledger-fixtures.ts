// Rows for the database tests, written through db/'s own functions; times the functions set from the clock
// (created_at) are then set to the test's own value, so that ordering and windows are the test's to choose.
import { eq } from 'drizzle-orm'

import type { GatewayDb } from '../../db/client.js'
import { recordExecutionStart } from '../../db/executions.js'
import { recordOrderIntent, updateOrderAttempt, type OrderAttemptUpdate } from '../../db/order-attempts.js'
import type { Execution } from '../../db/schema.js'

export async function seedExecution(
  db: GatewayDb,
  id: string,
  over: { strategy?: Execution['strategy']; symbol?: string; exchanges?: string; createdAt?: number } = {}
): Promise<void> {
  await recordExecutionStart(db, {
    id,
    strategy: over.strategy ?? 'order',
    symbol: over.symbol ?? 'BTC/USDT',
    side: 'buy',
    exchanges: over.exchanges ?? 'binance',
    idempotencyKey: null,
    request: { id },
  })
  const { executions } = db.t
  if (over.createdAt !== undefined) {
    await db.orm.update(executions).set({ createdAt: over.createdAt }).where(eq(executions.id, id))
  }
}

export interface SeededOrder extends Omit<OrderAttemptUpdate, 'amount' | 'price'> {
  amount?: string
  price?: string
  clientOrderId: string
  executionId?: string
  seq?: number
  exchange?: string
  symbol?: string
  side?: string
  createdAt: number
  updatedAt: number
}

/** An order attempt (and its execution, when new) with the given status and fill, created and updated when said. */
export async function seedOrder(db: GatewayDb, order: SeededOrder): Promise<void> {
  const {
    clientOrderId,
    executionId = 'exec-1',
    seq = 1,
    exchange = 'binance',
    symbol = 'BTC/USDT',
    side = 'buy',
  } = order
  const { amount = '1', price = '100', createdAt, updatedAt, ...rest } = order
  await seedExecution(db, executionId)
  await recordOrderIntent(db, {
    clientOrderId,
    executionId,
    role: 'primary',
    seq,
    exchange,
    symbol,
    side,
    type: 'limit',
    amount,
    price,
  })
  const update: OrderAttemptUpdate = {
    status: rest.status,
    exchangeOrderId: rest.exchangeOrderId,
    filled: rest.filled,
    average: rest.average,
    cost: rest.cost,
    fee: rest.fee,
    feeCurrency: rest.feeCurrency,
    error: rest.error,
    errorType: rest.errorType,
  }
  // drizzle leaves the fields given as undefined out of the update.
  await updateOrderAttempt(db, clientOrderId, update, updatedAt)
  const { orderAttempts } = db.t
  await db.orm.update(orderAttempts).set({ createdAt }).where(eq(orderAttempts.clientOrderId, clientOrderId))
}
