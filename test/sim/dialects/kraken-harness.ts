// The unmodified ccxt.kraken client pointed at the simulator (exchange-wire-formats.md §4), for the dialect tests.
import ccxt from 'ccxt'

import { krakenDialect } from '../../../sim/dialects/kraken/index.js'
import type { SimulatorOptions } from '../../../sim/server.js'
import { startTestSimulator, type TestSimulator } from '../../support/simulator.js'

export type KrakenClient = InstanceType<typeof ccxt.kraken>

// One nonce sequence for every client of the key: ccxt's Date.now() nonce repeats within a millisecond.
let lastNonce = 0
const nextNonce = (): number => (lastNonce = Math.max(Date.now(), lastNonce + 1))

export function krakenClient(sim: TestSimulator, credentials: { apiKey?: string; secret?: string } = {}): KrakenClient {
  const exchange = new ccxt.kraken({
    apiKey: credentials.apiKey ?? sim.credentials.kraken.apiKey,
    secret: credentials.secret ?? sim.credentials.kraken.secret,
    enableRateLimit: false,
  })
  const api = exchange.urls['api'] as Record<string, string>
  exchange.urls['api'] = { ...api, public: sim.urls.kraken, private: sim.urls.kraken }
  exchange.nonce = nextNonce
  return exchange
}

/** A simulator whose Kraken counters are off, so functional tests may call as often as they like. */
export function startUnthrottledSimulator(overrides: SimulatorOptions = {}): Promise<TestSimulator> {
  const kraken = krakenDialect({ rateLimits: { callCounter: false, tradingCounter: false } })
  return startTestSimulator({ ...overrides, dialects: { kraken } })
}
