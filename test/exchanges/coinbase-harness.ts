// Builds Coinbase connectors against a running test simulator (the demo account, or any credentials). Unless a
// test says otherwise, the connector's pacing and the dialect's limits have room for a test's bursts.
import type { ConnectorDeps } from '../../exchanges/ccxt-connector.js'
import { createCoinbaseConnector } from '../../exchanges/coinbase.js'
import { connectorConfig, type ConnectorConfig } from '../../exchanges/config.js'
import type { CoinbaseConnector } from '../../exchanges/connector.js'
import { coinbaseRateModel } from '../../exchanges/rate-limit/coinbase.js'
import { DEMO_CREDENTIALS } from '../../sim/credentials.js'
import type { TestSimulator } from '../support/simulator.js'
import { startCoinbaseSimulator } from '../sim/dialects/coinbase-client.js'

export const ROOMY_MODEL = coinbaseRateModel({
  publicPerSecond: 10_000,
  publicBurst: 10_000,
  privatePerSecond: 10_000,
  privateBurst: 10_000,
  fillsPerSecond: 10_000,
  fillsBurst: 10_000,
})

export function coinbaseAgainst(
  sim: TestSimulator,
  fields: Partial<ConnectorConfig> = {},
  deps: ConnectorDeps = { rateLimitModel: ROOMY_MODEL }
): CoinbaseConnector {
  const { apiKey, secret, passphrase } = DEMO_CREDENTIALS.coinbase
  const config = connectorConfig({
    apiKey,
    secret,
    passphrase,
    baseUrl: sim.urls.coinbase,
    demo: true,
    maxRetries: 1,
    ...fields,
  })
  return createCoinbaseConnector(config, deps)
}

export interface CoinbaseSession {
  sim: TestSimulator
  connector: CoinbaseConnector
}

/** A roomy simulator and the demo account's connector, its markets loaded. */
export async function openCoinbaseSession(): Promise<CoinbaseSession> {
  const sim = await startCoinbaseSimulator()
  const connector = coinbaseAgainst(sim)
  await connector.initialize()
  return { sim, connector }
}

export async function closeCoinbaseSession({ sim, connector }: CoinbaseSession): Promise<void> {
  await connector.close()
  await sim.close()
}
