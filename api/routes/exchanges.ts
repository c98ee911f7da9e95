// GET /api/exchanges (each enabled venue: demo flag, status, features), GET /api/exchanges/:exchange/health,
// GET /api/balances/:exchange. Mounted at /api.
import { Hono } from 'hono'

import type { ExchangeHealth, ExchangeId, ExchangeStatus } from '../../domain/types.js'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { EXCHANGE_FEATURES } from '../exchange-features.js'
import { enabledExchange, runRead } from '../exchange-read.js'

/** The list answers even when a venue hangs: its status is then reported as unreachable. */
const STATUS_TIMEOUT_MS = 8_000

export function exchangeRoutes(deps: AppDeps) {
  const app = new Hono()

  app.get('/exchanges', async (c) => {
    const exchanges = await Promise.all(deps.exchanges.map((exchange) => describeExchange(deps, exchange)))
    return c.json({ exchanges })
  })

  app.get('/exchanges/:exchange/health', async (c) => {
    const exchange = enabledExchange(deps, c.req.param('exchange'))
    const health = await runRead<ExchangeHealth>(deps, exchange, { operation: 'health' })
    return c.json({ demo: deps.demoMode[exchange] ?? false, ...health })
  })

  app.get('/balances/:exchange', async (c) => {
    const exchange = enabledExchange(deps, c.req.param('exchange'))
    const balances = await runRead(deps, exchange, { operation: 'balances' })
    return c.json({ exchange, demo: deps.demoMode[exchange] ?? false, balances })
  })

  return app
}

async function describeExchange(deps: AppDeps, exchange: ExchangeId) {
  const base = { id: exchange, demo: deps.demoMode[exchange] ?? false, features: EXCHANGE_FEATURES[exchange] }
  try {
    const status = await runRead<ExchangeStatus>(deps, exchange, { operation: 'status' }, STATUS_TIMEOUT_MS)
    return { ...base, status: status.status, statusUpdatedAt: status.updated }
  } catch (error) {
    // One venue failing (or Temporal being unreachable) is part of the answer, not a failure of the request.
    const reported = error instanceof ApiError ? error : { code: 'read_failed', message: (error as Error).message }
    return { ...base, status: 'unreachable' as const, error: { code: reported.code, message: reported.message } }
  }
}
