// GET /health: the API, Temporal (server and a worker, through a real read workflow), the database, each venue.
import { randomUUID } from 'node:crypto'

import { sql } from 'drizzle-orm'
import { Hono } from 'hono'

import { SA } from '../../temporal.config.js'
import type { AppDeps } from '../deps.js'

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
      deps.db.run(sql`select 1`)
      database = { status: 'ok' }
    } catch (error) {
      database = { status: 'down', error: (error as Error).message }
    }
    const venues = Object.fromEntries(
      await Promise.all(
        deps.exchanges.map(async (exchange) => [exchange, await venueHealth(deps, exchange, temporal.status === 'ok')] as const)
      )
    )
    const healthy = temporal.status === 'ok' && database.status === 'ok'
    return c.json(
      { status: healthy ? 'ok' : 'degraded', api: { status: 'ok' }, temporal, database, venues },
      healthy ? 200 : 503
    )
  })
  return app
}

async function venueHealth(deps: AppDeps, exchange: string, temporalUp: boolean) {
  const demo = deps.demoMode[exchange as keyof typeof deps.demoMode] ?? false
  if (!temporalUp) return { status: 'unknown', demo, error: 'Temporal is down' }
  try {
    const run = deps.runner.execute(
      'exchangeReadWorkflow',
      `health-${exchange}-${randomUUID()}`,
      [{ exchange, operation: 'health' }],
      [
        { key: SA.exchange, value: exchange },
        { key: SA.strategy, value: 'read' },
      ]
    )
    const result = await Promise.race([
      run,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${VENUE_CHECK_MS} ms`)), VENUE_CHECK_MS)),
    ])
    return { demo, ...(result as object) }
  } catch (error) {
    return { status: 'down', demo, error: (error as Error).message }
  }
}
