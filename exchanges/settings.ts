// Exchange settings from the environment, validated with errors that name the variable. An exchange without API
// keys runs in demo mode: against the venue simulator, with the simulator's demo credentials.
import type { ExchangeId } from '../domain/types.js'
import { EXCHANGE_IDS } from '../domain/types.js'
import { DEMO_CREDENTIALS } from '../sim/credentials.js'
import { KRAKEN_TIERS, type KrakenTier } from './rate-limit/kraken.js'
import {
  connectorConfig,
  DEFAULT_MAX_RETRIES,
  DEFAULT_RATE_LIMIT_BUFFER,
  DEFAULT_RATE_LIMIT_SHARE,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './config.js'
import type { ConnectorConfig } from './config.js'

export type Env = Record<string, string | undefined>

export interface ExchangeSettings {
  /** Every exchange served, in a fixed order. */
  exchanges: ExchangeId[]
  /** True for an exchange without API keys: it trades against the simulator. */
  demo: Record<ExchangeId, boolean>
  /** One connector config per exchange. Demo configs carry the simulator's demo credentials. */
  configs: Record<ExchangeId, ConnectorConfig>
  /**
   * SIMULATOR_URL: the control API of a simulator running in another process (`npm run sim`). The api and worker
   * roles read the venue URLs of demo-mode exchanges from it; `npm start` runs its own simulator instead.
   */
  simulatorUrl?: string
  /** EXCHANGE_REQUEST_TIMEOUT, ms: every venue request's timeout (the same for every exchange). */
  requestTimeoutMs: number
}

/** A configuration mistake in the environment; the message names the variable and never its secret value. */
export class ExchangeSettingsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ExchangeSettingsError'
  }
}

const PREFIX: Record<ExchangeId, string> = { binance: 'BINANCE', coinbase: 'COINBASE', kraken: 'KRAKEN' }
/** The env variable that switches each venue to its own test environment. */
const SANDBOX_VARIABLE: Partial<Record<ExchangeId, string>> = {
  binance: 'BINANCE_TESTNET',
  coinbase: 'COINBASE_SANDBOX',
}

export function loadExchangeSettings(env: Env): ExchangeSettings {
  const shared = {
    maxRetries: integer(env, 'EXCHANGE_MAX_RETRIES', DEFAULT_MAX_RETRIES, 0, 10),
    requestTimeoutMs: integer(env, 'EXCHANGE_REQUEST_TIMEOUT', DEFAULT_REQUEST_TIMEOUT_MS, 100, 300_000),
    rateLimitBuffer: fraction(env, 'RATE_LIMIT_BUFFER', DEFAULT_RATE_LIMIT_BUFFER),
    rateLimitShare: share(env, 'RATE_LIMIT_SHARE', DEFAULT_RATE_LIMIT_SHARE),
  }
  const demo = {} as Record<ExchangeId, boolean>
  const configs = {} as Record<ExchangeId, ConnectorConfig>
  for (const id of EXCHANGE_IDS) {
    const config = exchangeConfig(env, id, shared)
    demo[id] = config.demo
    configs[id] = config
  }
  return {
    exchanges: [...EXCHANGE_IDS],
    demo,
    configs,
    simulatorUrl: url(env, 'SIMULATOR_URL'),
    requestTimeoutMs: shared.requestTimeoutMs,
  }
}

function exchangeConfig(env: Env, id: ExchangeId, shared: Partial<ConnectorConfig>): ConnectorConfig {
  const prefix = PREFIX[id]
  const apiKey = text(env, `${prefix}_API_KEY`)
  const secret = text(env, `${prefix}_SECRET_KEY`)
  const passphrase = id === 'coinbase' ? text(env, 'COINBASE_PASSPHRASE') : undefined
  const baseUrl = url(env, `${prefix}_BASE_URL`)
  const sandboxVariable = SANDBOX_VARIABLE[id]
  const sandbox = sandboxVariable === undefined ? false : boolean(env, sandboxVariable, false)
  const tier = id === 'kraken' ? { krakenTier: krakenTier(env) } : {}
  // A venue whose key this process does not share (Kraken wants one key per process, for its nonces) takes its own.
  const rateLimitShare = share(env, `${prefix}_RATE_LIMIT_SHARE`, shared.rateLimitShare ?? DEFAULT_RATE_LIMIT_SHARE)

  if (apiKey === undefined && secret === undefined && passphrase === undefined) {
    const demo = DEMO_CREDENTIALS[id]
    return connectorConfig({ ...shared, ...demo, ...tier, rateLimitShare, baseUrl, demo: true })
  }
  if (apiKey === undefined)
    throw new ExchangeSettingsError(`${prefix}_API_KEY is required when ${prefix}_SECRET_KEY is set`)
  if (secret === undefined)
    throw new ExchangeSettingsError(`${prefix}_SECRET_KEY is required when ${prefix}_API_KEY is set`)
  if (id === 'coinbase' && passphrase === undefined) {
    throw new ExchangeSettingsError('COINBASE_PASSPHRASE is required when COINBASE_API_KEY is set')
  }
  if ((id === 'coinbase' || id === 'kraken') && !isBase64(secret)) {
    throw new ExchangeSettingsError(`${prefix}_SECRET_KEY must be base64 (as ${id} issues it)`)
  }
  return connectorConfig({
    ...shared,
    ...tier,
    rateLimitShare,
    apiKey,
    secret,
    passphrase,
    baseUrl,
    sandbox,
    demo: false,
  })
}

/** KRAKEN_TIER: the Kraken account's verification tier (its rate limits); starter unless set. */
export function krakenTier(env: Env): KrakenTier {
  const raw = text(env, 'KRAKEN_TIER')
  if (raw === undefined) return 'starter'
  if (!(KRAKEN_TIERS as readonly string[]).includes(raw)) {
    throw new ExchangeSettingsError(`KRAKEN_TIER must be one of ${KRAKEN_TIERS.join(', ')} (got "${raw}")`)
  }
  return raw as KrakenTier
}

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name)
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ExchangeSettingsError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`)
  }
  return value
}

function fraction(env: Env, name: string, fallback: number): number {
  const raw = text(env, name)
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!/^\d*\.?\d+$/.test(raw) || value < 0 || value >= 1) {
    throw new ExchangeSettingsError(`${name} must be a number from 0 up to (not including) 1 (got "${raw}")`)
  }
  return value
}

/**
 * A part of a whole, above 0 and at most 1: a decimal (0.25) or a ratio of whole numbers (1/4, as an operator who
 * runs four workers on one key would write it).
 */
function share(env: Env, name: string, fallback: number): number {
  const raw = text(env, name)
  if (raw === undefined) return fallback
  const ratio = /^(\d+)\/(\d+)$/.exec(raw)
  const value = ratio ? Number(ratio[1]) / Number(ratio[2]) : /^\d*\.?\d+$/.test(raw) ? Number(raw) : Number.NaN
  if (!(value > 0 && value <= 1)) {
    throw new ExchangeSettingsError(
      `${name} must be a number above 0 and at most 1, or a ratio like 1/3 (got "${raw}")`
    )
  }
  return value
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase()
  if (raw === undefined) return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ExchangeSettingsError(`${name} must be true or false (got "${raw}")`)
}

/** A URL as it may be quoted in an error: any user:password@ part replaced. */
function quotable(raw: string): string {
  return raw.replace(/\/\/[^/@]*@/, '//***@')
}

function url(env: Env, name: string): string | undefined {
  const raw = text(env, name)
  if (raw === undefined) return undefined
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ExchangeSettingsError(`${name} must be an http(s) URL (got "${quotable(raw)}")`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ExchangeSettingsError(`${name} must be an http(s) URL (got "${quotable(raw)}")`)
  }
  return raw.replace(/\/+$/, '')
}

function isBase64(value: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0
}
