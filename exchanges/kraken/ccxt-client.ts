// The one place the Kraken connector builds its ccxt client: ccxt.kraken (spot and spot margin), every option
// stated.
import ccxt from 'ccxt'

import type { ConnectorConfig } from '../config.js'

export type KrakenCcxt = InstanceType<typeof ccxt.kraken>

export function createKrakenCcxt(config: ConnectorConfig, nonce: () => number): KrakenCcxt {
  const exchange = new ccxt.kraken({
    apiKey: config.apiKey,
    // base64, as Kraken issues it; ccxt decodes it when signing
    secret: config.secret,
    timeout: config.requestTimeoutMs,
    // The connector's own limiter paces calls after Kraken's published counters; ccxt's would pace them twice.
    enableRateLimit: false,
    // Never re-send from inside ccxt: an order placement that timed out is resolved by a lookup, not a second POST.
    // ccxt's fetch2 reads this from options, not from a property of the instance.
    options: { maxRetriesOnFailure: 0, maxRetriesOnFailureDelay: 0 },
  })
  // ccxt's nonce is Date.now(): two calls in one millisecond would repeat it (EAPI:Invalid nonce).
  exchange.nonce = nonce
  // loadMarkets would first call Assets; AssetPairs names every asset the connector needs, and ccxt's
  // commonCurrencies already maps XXBT/XBT -> BTC, ZUSD -> USD, XETH -> ETH.
  exchange.has['fetchCurrencies'] = false
  // TradesHistory pages by offset: the raw answer's row count and total are read after each page
  exchange.enableLastJsonResponse = true
  if (config.baseUrl !== undefined) {
    const base = config.baseUrl.replace(/\/+$/, '')
    exchange.urls['api'] = { ...(exchange.urls['api'] as Record<string, string>), public: base, private: base }
  }
  return exchange
}
