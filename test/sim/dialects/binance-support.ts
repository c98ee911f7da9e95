// Helpers for the Binance dialect's end-to-end tests: the real ccxt client pointed at the simulator
// (wire-formats §1.2 "Recommended simulator config" and §4).

import ccxt from 'ccxt'

import type { SimCredentials } from '../../../sim/engine/types.js'

export function binanceClient(url: string, credentials: SimCredentials): InstanceType<typeof ccxt.binance> {
  const exchange = new ccxt.binance({
    apiKey: credentials.apiKey,
    secret: credentials.secret,
    enableRateLimit: false,
    options: { fetchCurrencies: false, fetchMargins: false, fetchMarkets: { types: ['spot', 'linear'] } },
  })
  const api = exchange.urls.api as Record<string, unknown>
  exchange.urls.api = Object.fromEntries(
    Object.entries(api).map(([key, value]) => [
      key,
      typeof value === 'string' ? value.replace(/^https:\/\/[^/]+/, url) : value,
    ])
  ) as typeof exchange.urls.api
  return exchange
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    if (error instanceof Error) return error
    throw error
  }
  throw new Error('expected the call to fail')
}
