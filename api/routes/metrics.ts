// GET /metrics: this process's metrics in the Prometheus text format (venue calls, rate-limit waits, the ledger's
// orders and executions, the Temporal worker's own when it runs in this process). Outside /api, like /health, but
// with tokens configured it needs the read scope (api/scopes.ts): order and execution counts are not for strangers.
import { Hono } from 'hono'

import type { AppDeps } from '../deps.js'
import { notFound } from '../errors.js'

/** What GET /metrics answers with: bin/process-metrics.ts builds it around the process's registry. */
export interface MetricsExposition {
  /** The Content-Type of `text()` (Prometheus text format 0.0.4). */
  readonly contentType: string
  text(): Promise<string>
}

export function metricsRoutes(deps: AppDeps) {
  const app = new Hono()
  app.get('/', async (c) => {
    if (deps.metrics === undefined) throw notFound('this process collects no metrics')
    const text = await deps.metrics.text()
    return c.body(text, 200, { 'Content-Type': deps.metrics.contentType, 'Cache-Control': 'no-store' })
  })
  return app
}
