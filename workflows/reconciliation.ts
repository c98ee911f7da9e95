// Reconciliation with the venues (ARCHITECTURE.md invariant 9): one activity per venue compares the venue's open
// orders and fills with the ledger, settles what the venue's answers settle and stores the report. Started by the
// schedule of bin/reconciliation.ts (at start and every RECONCILE_INTERVAL_MS) or by POST /api/reconciliation.
import { proxyActivities, workflowInfo } from '@temporalio/workflow'

import type { Activities } from '../activities/index.js'
import type { VenueReconciliationSummary } from '../activities/reconciliation.js'
import type { ExchangeId } from '../domain/types.js'
import { ACTIVITY_OPTIONS } from '../temporal.config.js'

// Venue reads, retried like market data; a venue that stays unreadable is reported as failed, not retried forever.
const venues = proxyActivities<Pick<Activities, 'listReconcilableVenues' | 'reconcileVenue'>>(
  ACTIVITY_OPTIONS.marketData
)
const records = proxyActivities<Pick<Activities, 'recordReconciliationFailure'>>(ACTIVITY_OPTIONS.record)

export interface ReconciliationInput {
  /** Venues to check; every venue the worker trades on by default. */
  exchanges?: ExchangeId[]
  symbols?: string[]
  /** Ledger rows touched more recently than this are left to their workflows (default 2 min). */
  graceMs?: number
  /** Window of venue fills read (default 1 h). */
  lookbackMs?: number
}

export interface ReconciliationResult {
  runId: string
  venues: VenueReconciliationSummary[]
}

export async function reconciliationWorkflow(input: ReconciliationInput = {}): Promise<ReconciliationResult> {
  // The workflow id repeats for POST /api/reconciliation's runs; with the run id it names one report per venue.
  const { workflowId, runId: temporalRunId } = workflowInfo()
  const runId = `${workflowId}/${temporalRunId}`
  const exchanges = input.exchanges ?? (await venues.listReconcilableVenues())
  const results = await Promise.all(
    exchanges.map(async (exchange): Promise<VenueReconciliationSummary> => {
      try {
        return await venues.reconcileVenue({
          runId,
          exchange,
          ...(input.symbols ? { symbols: input.symbols } : {}),
          ...(input.graceMs !== undefined ? { graceMs: input.graceMs } : {}),
          ...(input.lookbackMs !== undefined ? { lookbackMs: input.lookbackMs } : {}),
        })
      } catch (error) {
        const message =
          (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : String(error)
        await records.recordReconciliationFailure({ runId, exchange, error: message })
        return { exchange, status: 'failed', differences: 0, settled: 0, error: message }
      }
    })
  )
  return { runId, venues: results }
}
