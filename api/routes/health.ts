// GET /health: the API, Temporal (the server, and the workers polling the task queue), the database, each venue
// (read straight from the connectors: a health check starts no workflow).
import { Hono } from 'hono'

import { unresolvedExecutions } from '../../db/executions.js'
import { reconciliationWarning } from '../../db/reconciliation.js'
import type { ExchangeId } from '../../domain/types.js'
import type { AppDeps } from '../deps.js'
import { runRead } from '../exchange-read.js'
import { riskHealth } from '../risk-view.js'
import { checkWorkers } from '../worker-check.js'

const VENUE_CHECK_MS = 8_000

export function healthRoutes(deps: AppDeps) {
  const app = new Hono()
  app.get('/', async (c) => {
    const temporal = await deps.runner.client.workflowService
      .getSystemInfo({})
      .then(() => ({ status: 'ok' as const }))
      .catch((error: Error) => ({ status: 'down' as const, error: error.message }))
    let database: { status: 'ok' | 'down'; error?: string }
    try {
      await deps.db.ping()
      database = { status: 'ok' }
    } catch (error) {
      database = { status: 'down', error: (error as Error).message }
    }
    const worker =
      temporal.status === 'ok'
        ? await checkWorkers(deps.runner).catch((error: Error) => ({
            status: 'unknown' as const,
            pollers: [],
            error: error.message,
          }))
        : { status: 'unknown' as const, pollers: [] }
    const venues = Object.fromEntries(
      await Promise.all(
        deps.exchanges.map(
          async (exchange) => [exchange, await venueHealth(deps, exchange, temporal.status === 'ok')] as const
        )
      )
    )
    const healthy = temporal.status === 'ok' && database.status === 'ok'
    // Warnings need a person's eye but do not make the platform unhealthy.
    // The trading state and the automatic halts in force: HALTED or REDUCING is a warning, not ill health.
    const risk = database.status === 'ok' ? await riskHealth(deps) : undefined
    const warnings =
      database.status === 'ok'
        ? [
            workerWarning(worker.status),
            await unresolvedWarning(deps),
            await reconciliationWarning(deps.db),
            risk?.warning,
          ].filter((w) => w !== undefined)
        : []
    const riskFields = risk ? { tradingState: risk.tradingState, halts: risk.halts } : {}
    return c.json(
      {
        status: healthy ? 'ok' : 'degraded',
        api: { status: 'ok' },
        temporal,
        worker,
        database,
        venues,
        ...riskFields,
        ...(warnings.length > 0 ? { warnings } : {}),
      },
      healthy ? 200 : 503
    )
  })
  return app
}

/** No worker polls the task queue: orders are accepted and wait until one starts. */
function workerWarning(status: string): string | undefined {
  return status === 'none'
    ? 'no worker is polling the task queue: executions wait until one starts (npm run worker)'
    : undefined
}

/** Executions waiting on a venue to tell an order's outcome: someone may want to look at that venue. */
async function unresolvedWarning(deps: AppDeps): Promise<string | undefined> {
  const { count, ids } = await unresolvedExecutions(deps.db)
  if (count === 0) return undefined
  return (
    `${count} execution(s) unresolved: an order's outcome is unknown and is looked up until the venue answers ` +
    `(${ids.join(', ')}${count > ids.length ? ', …' : ''}; GET /api/executions?status=unresolved)`
  )
}

async function venueHealth(deps: AppDeps, exchange: ExchangeId, temporalUp: boolean) {
  const demo = deps.demoMode[exchange] ?? false
  // Without connectors of its own the API reads through a workflow, which needs Temporal.
  if (!temporalUp && !deps.reader) return { status: 'unknown', demo, error: 'Temporal is down' }
  try {
    return { demo, ...(await runRead<object>(deps, exchange, { operation: 'health' }, VENUE_CHECK_MS)) }
  } catch (error) {
    return { status: 'down', demo, error: (error as Error).message }
  }
}
