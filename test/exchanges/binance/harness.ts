// Builds Binance connectors against a running test simulator: the demo account, or any credentials.
import { createBinanceConnector } from '../../../exchanges/binance.js'
import type { ConnectorDeps } from '../../../exchanges/ccxt-connector.js'
import { connectorConfig } from '../../../exchanges/config.js'
import type { ConnectorConfig } from '../../../exchanges/config.js'
import type { BinanceConnector } from '../../../exchanges/connector.js'
import { DEMO_CREDENTIALS } from '../../../sim/credentials.js'
import type { TestSimulator } from '../../support/simulator.js'

export function binanceAgainst(
  sim: TestSimulator,
  fields: Partial<ConnectorConfig> = {},
  deps?: ConnectorDeps
): BinanceConnector {
  const config = connectorConfig({
    ...DEMO_CREDENTIALS.binance,
    baseUrl: sim.urls.binance,
    demo: true,
    maxRetries: 1,
    ...fields,
  })
  return createBinanceConnector(config, deps)
}
