// The unmodified ccxt Coinbase Exchange client, configured as wire-formats §4 says, against a test simulator
// whose Coinbase dialect has room for fast tests (the published limits, 15 private requests/s, would refuse a
// test's bursts; the rate-limit tests inject their own).
import ccxt from 'ccxt'

import type { SimulatorOptions } from '../../../sim/server.js'
import { coinbaseDialect } from '../../../sim/dialects/coinbase/index.js'
import { startTestSimulator, type TestSimulator } from '../../support/simulator.js'

export type CoinbaseClient = InstanceType<typeof ccxt.coinbaseexchange>

const ROOMY = { ratePerSecond: 10_000, burst: 10_000 }

export function startCoinbaseSimulator(overrides: SimulatorOptions = {}): Promise<TestSimulator> {
  const dialect = coinbaseDialect({ rateLimits: { public: ROOMY, private: ROOMY, fills: ROOMY } })
  return startTestSimulator({ ...overrides, dialects: { coinbase: dialect, ...overrides.dialects } })
}

export function coinbaseClient(
  sim: TestSimulator,
  overrides: { apiKey?: string; secret?: string; password?: string } = {}
): CoinbaseClient {
  const credentials = sim.credentials.coinbase
  const client = new ccxt.coinbaseexchange({
    apiKey: credentials.apiKey,
    secret: credentials.secret,
    password: credentials.passphrase,
    enableRateLimit: false,
    ...overrides,
  })
  client.urls['api'] = { public: sim.urls.coinbase, private: sim.urls.coinbase }
  return client
}
