// Query functions for executions. Each takes the database first, so callers decide which database.
import { and, desc, eq, inArray, like, lt, type SQL } from 'drizzle-orm'

import type { GatewayDb } from './client.js'
import { storableText } from './storable-text.js'
import type { NewExecution } from './schema.js'

export type ExecutionStart = Pick<
  NewExecution,
  'id' | 'strategy' | 'symbol' | 'side' | 'exchanges' | 'idempotencyKey' | 'request'
>

/** Records that an execution started. Idempotent: a retried activity leaves the first row as it was. */
export async function recordExecutionStart(db: GatewayDb, start: ExecutionStart): Promise<void> {
  await db.orm.insert(db.t.executions).values(start).onConflictDoNothing()
}

export interface ExecutionEnd {
  status: 'completed' | 'failed'
  outcome: string
  result?: unknown
  error?: string
  profit?: string
  exchanges?: string
}

export async function recordExecutionEnd(db: GatewayDb, id: string, end: ExecutionEnd, at: number): Promise<void> {
  const { executions } = db.t
  await db.orm
    .update(executions)
    .set({
      status: end.status,
      outcome: end.outcome,
      result: end.result ?? null,
      error: storableText(end.error) ?? null,
      profit: end.profit ?? null,
      ...(end.exchanges ? { exchanges: end.exchanges } : {}),
      updatedAt: at,
      completedAt: at,
    })
    .where(eq(executions.id, id))
}

/**
 * A running execution's status: `unresolved` while one of its orders has an unknown outcome (`note` says which),
 * back to `running` once the venue has answered. Never touches a completed execution.
 */
export async function recordExecutionStatus(
  db: GatewayDb,
  id: string,
  status: 'running' | 'unresolved',
  note: string | null,
  at: number
): Promise<void> {
  const { executions } = db.t
  await db.orm
    .update(executions)
    .set({ status, error: storableText(note), updatedAt: at })
    .where(and(eq(executions.id, id), inArray(executions.status, ['running', 'unresolved'])))
}

/** How many executions wait on a venue to tell an order's outcome, and the oldest of them. */
export async function unresolvedExecutions(db: GatewayDb): Promise<{ count: number; ids: string[] }> {
  const { executions } = db.t
  const rows = await db.orm
    .select({ id: executions.id })
    .from(executions)
    .where(eq(executions.status, 'unresolved'))
    .orderBy(executions.updatedAt)
  return { count: rows.length, ids: rows.slice(0, 10).map((r) => r.id) }
}

export interface ExecutionFilter {
  strategy?: string
  status?: string
  symbol?: string
  exchange?: string
  /** Only executions created before this time (ms), for paging. */
  before?: number
  limit: number
}

export async function listExecutions(db: GatewayDb, filter: ExecutionFilter) {
  const { executions } = db.t
  const where: SQL[] = []
  if (filter.strategy) where.push(eq(executions.strategy, filter.strategy as never))
  if (filter.status) where.push(eq(executions.status, filter.status as never))
  if (filter.symbol) where.push(eq(executions.symbol, filter.symbol))
  if (filter.exchange) where.push(like(executions.exchanges, `%${filter.exchange}%`))
  if (filter.before) where.push(lt(executions.createdAt, filter.before))
  return db.orm
    .select()
    .from(executions)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(executions.createdAt))
    .limit(filter.limit)
}

/** One execution with its routing decisions and order attempts, or undefined. */
export async function getExecution(db: GatewayDb, id: string) {
  const { executions, routingDecisions, orderAttempts } = db.t
  const [execution] = await db.orm.select().from(executions).where(eq(executions.id, id)).limit(1)
  if (!execution) return undefined
  const decisions = await db.orm
    .select()
    .from(routingDecisions)
    .where(eq(routingDecisions.executionId, id))
    .orderBy(routingDecisions.seq)
  const attempts = await db.orm
    .select()
    .from(orderAttempts)
    .where(eq(orderAttempts.executionId, id))
    .orderBy(orderAttempts.seq)
  return { ...execution, decisions, attempts }
}

/** When an execution with this id was recorded, if it was. */
export async function executionRecordedAt(db: GatewayDb, id: string): Promise<number | undefined> {
  const { executions } = db.t
  const [row] = await db.orm
    .select({ createdAt: executions.createdAt })
    .from(executions)
    .where(eq(executions.id, id))
    .limit(1)
  return row?.createdAt
}
