// The reconciliation schedule: a Temporal Schedule that runs reconciliationWorkflow every RECONCILE_INTERVAL_MS
// (default 5 min), plus one run now. Called by every process that starts a worker: the schedule lives in Temporal,
// so any number of workers share one, and a run still going when the next is due makes that one skip.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client'

import type { ReconciliationInput } from '../workflows/reconciliation.js'

export const RECONCILIATION_SCHEDULE_ID = 'reconciliation'
const DEFAULT_INTERVAL_MS = 5 * 60_000

export interface ReconciliationScheduleOptions {
  env?: Record<string, string | undefined>
  /** Tests use their own id on the shared dev server. */
  scheduleId?: string
}

/** RECONCILE_INTERVAL_MS, RECONCILE_GRACE_MS, RECONCILE_LOOKBACK_MS; a malformed value is a start-up error. */
export function reconciliationSettings(env: Record<string, string | undefined>): {
  intervalMs: number
  input: ReconciliationInput
} {
  const read = (name: string): number | undefined => {
    const raw = env[name]
    if (raw === undefined || raw === '') return undefined
    const value = Number(raw)
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${name} must be a positive number of milliseconds, got "${raw}"`)
    return value
  }
  const graceMs = read('RECONCILE_GRACE_MS')
  const lookbackMs = read('RECONCILE_LOOKBACK_MS')
  return {
    intervalMs: read('RECONCILE_INTERVAL_MS') ?? DEFAULT_INTERVAL_MS,
    input: { ...(graceMs !== undefined ? { graceMs } : {}), ...(lookbackMs !== undefined ? { lookbackMs } : {}) },
  }
}

/**
 * Creates the schedule (its first run starts immediately) or, when it exists, brings its interval, task queue and
 * input up to this process's settings and triggers one run now. Safe to call from every worker at every start.
 */
export async function ensureReconciliationSchedule(
  client: Client,
  taskQueue: string,
  options: ReconciliationScheduleOptions = {}
): Promise<void> {
  const scheduleId = options.scheduleId ?? RECONCILIATION_SCHEDULE_ID
  const { intervalMs, input } = reconciliationSettings(options.env ?? process.env)
  const spec = { intervals: [{ every: intervalMs }] }
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'reconciliationWorkflow',
    workflowId: scheduleId,
    taskQueue,
    args: [input],
  }
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
      state: { triggerImmediately: true, note: 'reconciliation of the ledger with the venues' },
    })
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error
    const handle = client.schedule.getHandle(scheduleId)
    await handle.update((previous) => ({ ...previous, spec, action }))
    await handle.trigger(ScheduleOverlapPolicy.SKIP)
  }
}
