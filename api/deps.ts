import type { Logger } from 'pino'

import type { GatewayDb } from '../db/client.js'
import type { RiskLimits } from '../domain/risk/types.js'
import type { ExchangeId } from '../domain/types.js'
import type { ConfiguredToken } from './auth.js'
import type { RequestLimits } from './limits.js'
import type { RateLimit } from './rate-limit.js'
import type { MetricsExposition } from './routes/metrics.js'
import type { VenueReader } from './venue-reader.js'
import type { WorkflowRunner } from './workflow-runner.js'

export interface AppDeps {
  runner: WorkflowRunner
  /**
   * Reads a person waits for (market data, balances, /health), straight from the connectors: no workflow per read.
   * Only an in-process test app without connectors leaves it out (its reads then go through exchangeReadWorkflow).
   */
  reader?: VenueReader
  db: GatewayDb
  /** Exchanges this deployment trades on. */
  exchanges: readonly ExchangeId[]
  /** Which exchanges run against the simulator (no API keys). */
  demoMode: Partial<Record<ExchangeId, boolean>>
  /** GATEWAY_API_TOKEN: the token 'default' with every scope (/health stays open). */
  apiToken?: string
  /** Tokens with scopes (GATEWAY_API_TOKENS_FILE). With any token configured, every /api route requires one. */
  apiTokens?: readonly ConfiguredToken[]
  /** Body, URL and header limits (defaults: 64 KiB, 4096 characters, 16 KiB). */
  limits?: Partial<RequestLimits>
  /** Requests per token (or client address without one); no limit when unset. */
  rateLimit?: RateLimit
  /** How long a POST waits for the workflow before answering 202 with its id (default 30 s). */
  waitMs?: number
  /** The configuration's risk limits (RISK_LIMITS_FILE over the defaults); limits set through the API override them. */
  riskLimits?: RiskLimits
  /** Where the request and audit lines go (bin/logger.ts builds it); silent when absent (tests). */
  logger?: Logger
  /** This process's metrics, answered at GET /metrics (bin/process-metrics.ts); /metrics is a 404 without. */
  metrics?: MetricsExposition
}
