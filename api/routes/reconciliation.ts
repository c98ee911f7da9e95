// Reconciliation of the ledger with the venues:
//   GET  /api/reconciliation[?exchange=kraken]  the latest report of each venue (differences found, rows settled)
//   POST /api/reconciliation                    runs one now (joins a manual run already going), waits up to waitMs;
//                                               200 with the reports once it is done, 202 with its workflow id before
import { Hono } from 'hono'
import { z } from 'zod'

import { latestReconciliationReports } from '../../db/reconciliation.js'
import { EXCHANGE_IDS, type ExchangeId } from '../../domain/types.js'
import type { reconciliationWorkflow } from '../../workflows/reconciliation.js'
import type { AppDeps } from '../deps.js'
import { badRequest } from '../errors.js'
import { jsonBody, parseWith } from '../validation.js'

/** One id for manual runs: a second POST while one is running joins it instead of reading the venues twice. */
export const MANUAL_RECONCILIATION_ID = 'reconciliation-now'
const DEFAULT_WAIT_MS = 30_000

export function reconciliationRoutes(deps: AppDeps) {
  const app = new Hono()

  app.get('/', async (c) => {
    const exchange = c.req.query('exchange')
    if (exchange !== undefined && !(EXCHANGE_IDS as readonly string[]).includes(exchange)) {
      throw badRequest(`exchange must be one of ${EXCHANGE_IDS.join(', ')}`, 'exchange')
    }
    return c.json(await reportBody(deps, exchange as ExchangeId | undefined))
  })

  app.post('/', async (c) => {
    // It takes no parameters: a body other than {} is a request for something it does not do.
    if ((await c.req.text()).trim() !== '') parseWith(z.strictObject({}), await jsonBody(c))
    const handle = await deps.runner.client.workflow.start<typeof reconciliationWorkflow>('reconciliationWorkflow', {
      taskQueue: deps.runner.taskQueue,
      workflowId: MANUAL_RECONCILIATION_ID,
      args: [{}],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      staticSummary: 'reconciliation of the ledger with the venues (manual)',
    })
    const waited = await deps.runner.awaitResult(handle, deps.waitMs ?? DEFAULT_WAIT_MS)
    if (!waited.done) return c.json({ workflowId: handle.workflowId, status: 'running' }, 202)
    return c.json(await reportBody(deps))
  })

  return app
}

async function reportBody(deps: AppDeps, exchange?: ExchangeId) {
  const reports = await latestReconciliationReports(deps.db, exchange)
  return { differences: reports.reduce((n, r) => n + r.differences.length, 0), reports }
}
