// The unmodified ccxt Coinbase Exchange client, configured as wire-formats §4 says, against a test simulator.
import ccxt from 'ccxt'

import type { TestSimulator } from '../../support/simulator.js'

export type CoinbaseClient = InstanceType<typeof ccxt.coinbaseexchange>

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
