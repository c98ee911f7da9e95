// The one place the Coinbase connector builds its ccxt client: `coinbaseexchange` (Coinbase Exchange, not
// Advanced Trade), every option stated.
import ccxt from 'ccxt'
import type { Exchange } from 'ccxt'

import type { ConnectorConfig } from '../config.js'

export function createCoinbaseCcxt(config: ConnectorConfig): Exchange {
  const exchange = new ccxt.coinbaseexchange({
    apiKey: config.apiKey,
    // base64, as Coinbase issues it; ccxt decodes it when signing
    secret: config.secret,
    password: config.passphrase,
    timeout: config.requestTimeoutMs,
    // The connector's own limiter paces calls after Coinbase's published model; ccxt's would pace them twice.
    enableRateLimit: false,
    // Never re-send: an order placement that timed out is resolved by a lookup, not by a second POST.
    options: { maxRetriesOnFailure: 0, maxRetriesOnFailureDelay: 0 },
  })
  // loadMarkets would first call GET /currencies; markets carry every currency the connector needs.
  exchange.has['fetchCurrencies'] = false
  if (config.baseUrl !== undefined) {
    const base = config.baseUrl.replace(/\/+$/, '')
    exchange.urls['api'] = { public: base, private: base }
  } else if (config.sandbox === true) {
    exchange.setSandboxMode(true)
  }
  return exchange
}
