// The unmodified ccxt Coinbase Exchange client, configured as wire-formats §4 says, against a test simulator
// whose Coinbase dialect has room for fast tests (the published limits, 15 private requests/s, would refuse a
// test's bursts; the rate-limit tests inject their own).
import ccxt from 'ccxt'

import type { SimulatorOptions } from '../../../sim/server.js'
import { coinbaseDialect } from '../../../sim/dialects/coinbase/index.js'
import { startTestSimulator, type TestSimulator } from '../../support/simulator.js'

export type CoinbaseClient = InstanceType<typeof ccxt.coinbaseexchange>

const ROOMY = { ratePerSecond: 10_000, burst: 10_000 }

/** The BTC/USD book tests pin so prices are known: bids 30000.00 and 29999.50, asks 30001.00 and 30002.25. */
export const BTC_USD_BOOK = {
  bids: [
    ['30000.00', '1.5'],
    ['29999.50', '2'],
  ] as [string, string][],
  asks: [
    ['30001.00', '0.5'],
    ['30002.25', '3'],
  ] as [string, string][],
}

/** The ETH/USD book order tests pin: one bid at 3000.00, asks at 3001.00 and 3002.00. */
export const ETH_USD_BOOK = {
  bids: [['3000.00', '1']] as [string, string][],
  asks: [
    ['3001.00', '0.5'],
    ['3002.00', '2'],
  ] as [string, string][],
}

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

export interface CoinbaseClientSession {
  sim: TestSimulator
  client: CoinbaseClient
}

/** A roomy simulator and a ccxt client on the demo account (markets not loaded yet). */
export async function openCoinbaseClientSession(): Promise<CoinbaseClientSession> {
  const sim = await startCoinbaseSimulator()
  return { sim, client: coinbaseClient(sim) }
}
