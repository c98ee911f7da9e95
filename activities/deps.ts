import type { RiskLimits } from '../domain/risk/types.js'
import type { ExchangeId } from '../domain/types.js'
import type { AnyConnector } from '../exchanges/connector.js'
import type { GatewayDb } from '../db/client.js'

/** What activities need from the outside world; bin/ builds the concrete ones, tests inject their own. */
export interface ActivityDeps {
  connectors: { get(id: ExchangeId): AnyConnector; list(): readonly AnyConnector[] }
  db: GatewayDb
  now?: () => number
  /** EXCHANGE_REQUEST_TIMEOUT: bounds when an order attempt may still send (default 10 s). */
  requestTimeoutMs?: number
  /** The configuration's risk limits (RISK_LIMITS_FILE over the defaults); limits set through the API override them. */
  riskLimits?: RiskLimits
}
