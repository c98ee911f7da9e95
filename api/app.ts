// createApp(deps): the REST API. It validates, starts or queries workflows and reads the execution history; it
// never talks to an exchange itself (every venue call is a Temporal activity).
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { pino } from 'pino'

import { inputPrefix } from '../domain/input-prefix.js'
import { defaultToken } from './api-tokens.js'
import { authorize, identifyBearer, type AuthEnv } from './auth.js'
import type { AppDeps } from './deps.js'
import { ApiError, errorResponse } from './errors.js'
import { DEFAULT_LIMITS, limitBodySize, limitUrlLength } from './limits.js'
import { rateLimit } from './rate-limit.js'
import { requestLog } from './request-log.js'
import { accountRoutes } from './routes/account.js'
import { arbitrageMonitorRoutes } from './routes/arbitrage-monitor.js'
import { arbitrageRoutes } from './routes/arbitrage.js'
import { docsRoutes } from './routes/docs.js'
import { exchangeRoutes } from './routes/exchanges.js'
import { executionRoutes } from './routes/executions.js'
import { failoverRoutes } from './routes/failover.js'
import { fillRoutes } from './routes/fills.js'
import { healthRoutes } from './routes/health.js'
import { marketDataRoutes } from './routes/market-data.js'
import { metricsRoutes } from './routes/metrics.js'
import { orderRoutes } from './routes/orders.js'
import { reconciliationRoutes } from './routes/reconciliation.js'
import { riskRoutes } from './routes/risk.js'
import { smartOrderRoutes } from './routes/smart-order.js'

export type { AppDeps } from './deps.js'

export function createApp(deps: AppDeps) {
  const app = new Hono<AuthEnv>()
  // First, so that every answer (401s and 404s included) has its request id and its line.
  app.use(requestLog(deps.logger ?? pino({ level: 'silent' })))
  // In this order: the URL's length; who is asking (a token, or none); the rate limit (per token, or per client
  // address; /health included); 401/403 for /api; the body's size. So nothing reads the body of a request that is
  // refused, and no body is read past the limit.
  const limits = { ...DEFAULT_LIMITS, ...deps.limits }
  const tokens = [...(deps.apiToken ? [defaultToken(deps.apiToken)] : []), ...(deps.apiTokens ?? [])]
  app.use(limitUrlLength(limits.maxUrlLength))
  app.use('/api/*', identifyBearer(tokens))
  app.use('/metrics', identifyBearer(tokens))
  if (deps.rateLimit) app.use(rateLimit(deps.rateLimit))
  app.use('/api/*', authorize(tokens.length > 0))
  app.use('/metrics', authorize(tokens.length > 0))
  app.use(limitBodySize(limits.maxBodyBytes))
  app.route('/health', healthRoutes(deps))
  // /openapi.json and /docs: open, like /health.
  app.route('/', docsRoutes())
  app.route('/metrics', metricsRoutes(deps))
  // Ahead of /api/orders, so that /api/orders/failover... never reaches /api/orders/:workflowId.
  app.route('/api/orders/failover', failoverRoutes(deps))
  app.route('/api/orders', orderRoutes(deps))
  app.route('/api/fills', fillRoutes(deps))
  app.route('/api/smart-order', smartOrderRoutes(deps))
  app.route('/api/arbitrage/monitor', arbitrageMonitorRoutes(deps))
  app.route('/api/arbitrage', arbitrageRoutes(deps))
  app.route('/api/executions', executionRoutes(deps))
  app.route('/api/reconciliation', reconciliationRoutes(deps))
  app.route('/api', riskRoutes(deps))
  app.route('/api', exchangeRoutes(deps))
  app.route('/api', marketDataRoutes(deps))
  app.route('/api', accountRoutes(deps))

  app.notFound((c) =>
    errorResponse(c, new ApiError(404, 'not_found', `no route for ${c.req.method} ${inputPrefix(c.req.path)}`))
  )
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error)
    if (error instanceof HTTPException)
      return errorResponse(c, new ApiError(error.status as 400, 'http_error', error.message))
    c.get('logger')?.error({ err: error }, `${c.req.method} ${c.req.path.slice(0, 256)} failed`)
    return errorResponse(c, new ApiError(500, 'internal_error', 'internal error; see the server log'))
  })
  return app
}
