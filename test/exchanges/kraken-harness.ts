// Builds Kraken connectors against a running test simulator (the demo account, or any credentials). Unless a test
// says otherwise, the connector's pacing has room for a test's bursts and the simulator's counters are off.
import type { ConnectorConfig } from '../../exchanges/config.js'
import { connectorConfig } from '../../exchanges/config.js'
import type { KrakenConnector } from '../../exchanges/connector.js'
import { createKrakenConnector, type KrakenConnectorDeps } from '../../exchanges/kraken.js'
import { krakenRateModel } from '../../exchanges/rate-limit/kraken.js'
import { krakenDialect } from '../../sim/dialects/kraken/index.js'
import type { SimulatorOptions } from '../../sim/server.js'
import { DEMO_CREDENTIALS } from '../../sim/credentials.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'

export const ROOMY_MODEL = krakenRateModel({ callCounterMax: 10_000, tradingCounterMax: 10_000 })

export function krakenAgainst(
  sim: TestSimulator,
  fields: Partial<ConnectorConfig> = {},
  deps: KrakenConnectorDeps = { rateLimitModel: ROOMY_MODEL }
): KrakenConnector {
  const { apiKey, secret } = DEMO_CREDENTIALS.kraken
  const config = connectorConfig({ apiKey, secret, baseUrl: sim.urls.kraken, demo: true, maxRetries: 1, ...fields })
  return createKrakenConnector(config, deps)
}

/** A simulator whose Kraken call and trading counters are off. */
export function startRoomySimulator(overrides: SimulatorOptions = {}): Promise<TestSimulator> {
  const kraken = krakenDialect({ rateLimits: { callCounter: false, tradingCounter: false } })
  return startTestSimulator({ ...overrides, dialects: { kraken } })
}

/** The BTC/USD book connector tests pin so prices are known: bids from 63990.0 down, asks from 64010.0 up. */
export const BTC_USD_BOOK = {
  bids: [
    ['63990.0', '0.5'],
    ['63980.0', '1'],
    ['63970.0', '2'],
  ] as [string, string][],
  asks: [
    ['64010.0', '0.4'],
    ['64020.0', '1'],
    ['64030.0', '2'],
  ] as [string, string][],
}

export interface KrakenSession {
  sim: TestSimulator
  kraken: KrakenConnector
}

/** A roomy simulator and the demo account's connector, its markets loaded. */
export async function openKrakenSession(): Promise<KrakenSession> {
  const sim = await startRoomySimulator()
  const kraken = krakenAgainst(sim)
  await kraken.initialize()
  return { sim, kraken }
}

export async function closeKrakenSession({ sim, kraken }: KrakenSession): Promise<void> {
  await kraken.close()
  await sim.close()
}
