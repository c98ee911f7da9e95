import type { Logger } from 'pino'

import type { GatewayDb } from '../db/client.js'
import type { RiskLimits } from '../domain/risk/types.js'
import type { ExchangeId } from '../domain/types.js'
import type { WorkflowRunner } from './workflow-runner.js'

export interface AppDeps {
  runner: WorkflowRunner
  db: GatewayDb
  /** Exchanges this deployment trades on. */
  exchanges: readonly ExchangeId[]
  /** Which exchanges run against the simulator (no API keys). */
  demoMode: Partial<Record<ExchangeId, boolean>>
  /** When set, every /api route requires `Authorization: Bearer <apiToken>` (/health stays open). */
  apiToken?: string
  /** How long a POST waits for the workflow before answering 202 with its id (default 30 s). */
  waitMs?: number
  /** The configuration's risk limits (RISK_LIMITS_FILE over the defaults); limits set through the API override them. */
  riskLimits?: RiskLimits
  /** Where the request and audit lines go (bin/logger.ts builds it); silent when absent (tests). */
  logger?: Logger
}
