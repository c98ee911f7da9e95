// Reconciliation queries: the ledger rows one venue run compares, the guarded settlement of a row from the venue's
// answer, and the reports (one per run and venue) that GET /api/reconciliation and /health read.
import { and, desc, eq, gte, inArray, max, or } from 'drizzle-orm'

import type { Difference } from '../domain/reconciliation.js'
import { IN_FLIGHT_STATUSES } from '../domain/reconciliation.js'
import type { GatewayDb } from './client.js'
import { storableText, withStorableError } from './storable-text.js'
import type { OrderAttemptUpdate } from './order-attempts.js'
import type { OrderAttempt } from './schema.js'

export type LedgerRow = OrderAttempt & { executionStatus: string | null }

export interface LedgerQuery {
  exchange: string
  /** Rows updated since then (ms) are read whatever their status. */
  since: number
  /** Rows the venue named (its order ids and client order ids) are read whatever their age. */
  venueOrderIds: readonly string[]
  clientOrderIds: readonly string[]
  /** Only these symbols, when given. */
  symbols?: readonly string[]
}

/** The venue's ledger rows worth comparing: every in-flight one, every recent one, every one the venue named. */
export async function ledgerRowsForReconciliation(db: GatewayDb, query: LedgerQuery): Promise<LedgerRow[]> {
  const { orderAttempts: a, executions } = db.t
  const relevant = or(
    inArray(a.status, [...IN_FLIGHT_STATUSES]),
    gte(a.updatedAt, query.since),
    // SQLite caps bound parameters (32766); a venue listing more open orders than that is not a case to serve here.
    query.venueOrderIds.length > 0 ? inArray(a.exchangeOrderId, [...query.venueOrderIds]) : undefined,
    query.clientOrderIds.length > 0 ? inArray(a.clientOrderId, [...query.clientOrderIds]) : undefined
  )
  const symbols = query.symbols && query.symbols.length > 0 ? inArray(a.symbol, [...query.symbols]) : undefined
  const rows = await db.orm
    .select()
    .from(a)
    .leftJoin(executions, eq(executions.id, a.executionId))
    .where(and(eq(a.exchange, query.exchange), relevant, symbols))
  return rows.map((row) => ({ ...row.order_attempts, executionStatus: row.executions?.status ?? null }))
}

/** Distinct symbols the ledger has traded on a venue (what to read the venue's fills for). */
export async function ledgerSymbols(db: GatewayDb, exchange: string): Promise<string[]> {
  const { orderAttempts } = db.t
  const rows = await db.orm
    .selectDistinct({ symbol: orderAttempts.symbol })
    .from(orderAttempts)
    .where(eq(orderAttempts.exchange, exchange))
  return rows.map((r) => r.symbol)
}

/**
 * Updates a ledger row from the venue's answer, only if nobody wrote the row since it was read (its workflow may have
 * recorded a newer answer meanwhile). Returns whether the row was updated.
 */
export async function settleOrderAttempt(
  db: GatewayDb,
  clientOrderId: string,
  update: OrderAttemptUpdate,
  guard: { expectedUpdatedAt: number; at: number }
): Promise<boolean> {
  const { orderAttempts } = db.t
  const updated = await db.orm
    .update(orderAttempts)
    .set({ ...withStorableError(update), updatedAt: guard.at })
    .where(and(eq(orderAttempts.clientOrderId, clientOrderId), eq(orderAttempts.updatedAt, guard.expectedUpdatedAt)))
    .returning({ clientOrderId: orderAttempts.clientOrderId })
  return updated.length > 0
}

export interface ReconciliationChecked {
  openOrders: number
  /** null when the connector cannot list the account's fills. */
  fills: number | null
  ledgerRows: number
  lookups: number
  /** Rows left for the next run because the activity ran out of time. */
  deferred: number
}

export interface ReconciliationReport {
  runId: string
  exchange: string
  status: 'ok' | 'failed'
  startedAt: number
  completedAt: number
  symbols: string[]
  checked: ReconciliationChecked | null
  differences: Difference[]
  settledCount: number
  error?: string
}

/** Stores one venue's report. Idempotent per (run, venue): a retried activity replaces its own earlier report. */
export async function saveReconciliationReport(db: GatewayDb, report: ReconciliationReport): Promise<void> {
  const { reconciliationReports } = db.t
  const row = {
    runId: report.runId,
    exchange: report.exchange,
    status: report.status,
    startedAt: report.startedAt,
    completedAt: report.completedAt,
    symbols: report.symbols,
    checked: report.checked,
    differences: report.differences,
    differenceCount: report.differences.length,
    settledCount: report.settledCount,
    error: storableText(report.error) ?? null,
  }
  await db.orm
    .insert(reconciliationReports)
    .values(row)
    .onConflictDoUpdate({ target: [reconciliationReports.runId, reconciliationReports.exchange], set: row })
}

/** The latest report of each venue (or of one venue), newest first. */
export async function latestReconciliationReports(db: GatewayDb, exchange?: string): Promise<ReconciliationReport[]> {
  const r = db.t.reconciliationReports
  const latest = db.orm
    .select({ exchange: r.exchange, id: max(r.id).as('latest_id') })
    .from(r)
    .where(exchange ? eq(r.exchange, exchange) : undefined)
    .groupBy(r.exchange)
    .as('latest')
  const rows = await db.orm.select().from(r).innerJoin(latest, eq(r.id, latest.id)).orderBy(desc(r.completedAt))
  return rows.map(({ reconciliation_reports: row }) => ({
    runId: row.runId,
    exchange: row.exchange,
    status: row.status,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    symbols: row.symbols as string[],
    checked: row.checked as ReconciliationChecked | null,
    differences: row.differences as Difference[],
    settledCount: row.settledCount,
    ...(row.error ? { error: row.error } : {}),
  }))
}

/** A line for GET /health when the latest report of some venue has differences or could not read the venue. */
export async function reconciliationWarning(db: GatewayDb): Promise<string | undefined> {
  const reports = await latestReconciliationReports(db)
  const differing = reports.filter((r) => r.differences.length > 0)
  const failed = reports.filter((r) => r.status === 'failed')
  const parts = [
    ...differing.map((r) => `${r.exchange}: ${r.differences.length} difference(s)`),
    ...failed.map((r) => `${r.exchange}: could not be read`),
  ]
  return parts.length > 0 ? `reconciliation with the venues: ${parts.join(', ')} (GET /api/reconciliation)` : undefined
}
