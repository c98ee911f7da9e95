// Goal: exchange settings come from the environment with defaults, demo mode without keys, and errors that name
// the variable. Method: loadExchangeSettings over literal env objects.
import { describe, expect, it } from 'vitest'

import { ExchangeSettingsError, loadExchangeSettings } from '../../exchanges/settings.js'
import { DEMO_CREDENTIALS } from '../../sim/credentials.js'

const KRAKEN_SECRET = Buffer.from('k'.repeat(64)).toString('base64')

describe('loadExchangeSettings', () => {
  it('puts every exchange without keys in demo mode with the simulator credentials and defaults', () => {
    const settings = loadExchangeSettings({})
    expect(settings.exchanges).toEqual(['binance', 'coinbase', 'kraken'])
    expect(settings.demo).toEqual({ binance: true, coinbase: true, kraken: true })
    expect(settings.configs.coinbase).toMatchObject({
      ...DEMO_CREDENTIALS.coinbase,
      demo: true,
      maxRetries: 3,
      requestTimeoutMs: 10_000,
      rateLimitBuffer: 0.1,
    })
  })

  it('reads keys, flags, limits and base URLs', () => {
    const settings = loadExchangeSettings({
      BINANCE_API_KEY: 'bk',
      BINANCE_SECRET_KEY: 'bs',
      BINANCE_TESTNET: 'true',
      KRAKEN_API_KEY: 'kk',
      KRAKEN_SECRET_KEY: KRAKEN_SECRET,
      KRAKEN_BASE_URL: 'http://127.0.0.1:9999/',
      EXCHANGE_MAX_RETRIES: '5',
      EXCHANGE_REQUEST_TIMEOUT: '2500',
      RATE_LIMIT_BUFFER: '0.25',
      KRAKEN_TIER: 'pro',
    })
    expect(settings.demo).toEqual({ binance: false, coinbase: true, kraken: false })
    expect(settings.configs.binance).toMatchObject({ apiKey: 'bk', secret: 'bs', sandbox: true, maxRetries: 5 })
    expect(settings.configs.kraken).toMatchObject({
      baseUrl: 'http://127.0.0.1:9999',
      requestTimeoutMs: 2500,
      rateLimitBuffer: 0.25,
      krakenTier: 'pro',
    })
    expect(loadExchangeSettings({}).configs.kraken.krakenTier).toBe('starter')
  })

  it.each([
    [{ EXCHANGE_MAX_RETRIES: 'three' }, /EXCHANGE_MAX_RETRIES must be an integer/],
    [{ EXCHANGE_REQUEST_TIMEOUT: '5' }, /EXCHANGE_REQUEST_TIMEOUT must be an integer from 100/],
    [{ RATE_LIMIT_BUFFER: '1.5' }, /RATE_LIMIT_BUFFER must be a number from 0/],
    [{ BINANCE_TESTNET: 'maybe' }, /BINANCE_TESTNET must be true or false/],
    [{ KRAKEN_TIER: 'gold' }, /KRAKEN_TIER must be one of starter, intermediate, pro/],
    [{ COINBASE_BASE_URL: 'ftp://x' }, /COINBASE_BASE_URL must be an http\(s\) URL/],
    [{ BINANCE_API_KEY: 'k' }, /BINANCE_SECRET_KEY is required/],
    [{ COINBASE_API_KEY: 'k', COINBASE_SECRET_KEY: KRAKEN_SECRET }, /COINBASE_PASSPHRASE is required/],
    [{ KRAKEN_API_KEY: 'k', KRAKEN_SECRET_KEY: 'not base64!' }, /KRAKEN_SECRET_KEY must be base64/],
  ])('rejects %j', (env, message) => {
    expect(() => loadExchangeSettings(env)).toThrow(ExchangeSettingsError)
    expect(() => loadExchangeSettings(env)).toThrow(message)
  })

  it('never puts a secret value in an error', () => {
    const secret = 'super-secret-value'
    const error = (() => {
      try {
        loadExchangeSettings({ KRAKEN_API_KEY: 'k', KRAKEN_SECRET_KEY: secret })
      } catch (e) {
        return e as Error
      }
    })()
    expect(error?.message).toBeDefined()
    expect(error?.message).not.toContain(secret)
  })
})
