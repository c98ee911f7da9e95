// Settings every connector is built from. The registry (exchanges/registry.ts) fills them from the environment;
// tests build them directly.
import type { KrakenTier } from './rate-limit/kraken.js'

/** How one connector talks to its venue. Secrets live here and nowhere else (never logged, never in errors). */
export interface ConnectorConfig {
  apiKey?: string
  secret?: string
  /** Coinbase Exchange only. */
  passphrase?: string
  /** Simulator or custom endpoint (scheme + host + port); replaces the venue's hosts in every ccxt URL. */
  baseUrl?: string
  /** The venue's own test environment (Binance demo trading, Coinbase sandbox); ignored when baseUrl is set. */
  sandbox?: boolean
  /** Per HTTP request, ms. */
  requestTimeoutMs: number
  /** Extra attempts on network errors, for idempotent reads only; orders are never re-sent. */
  maxRetries: number
  /** 0..1 share of the venue's published limit kept in reserve (0.1 = use at most 90 %). */
  rateLimitBuffer: number
  /**
   * (0, 1]: this process's part of what the reserve leaves, when several processes use the same API key
   * (RATE_LIMIT_SHARE; 1/3 for one of three workers). 1 when this process is the key's only user.
   */
  rateLimitShare: number
  /** Kraken only: the account's verification tier, which sets its rate limits (KRAKEN_TIER, default starter). */
  krakenTier?: KrakenTier
  /** True when talking to the venue simulator with its demo credentials. */
  demo: boolean
  /** Markets are reloaded when older than this, ms. */
  marketsTtlMs: number
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000
export const DEFAULT_MAX_RETRIES = 3
export const DEFAULT_RATE_LIMIT_BUFFER = 0.1
export const DEFAULT_RATE_LIMIT_SHARE = 1
export const DEFAULT_MARKETS_TTL_MS = 60 * 60 * 1000

/** A complete config from the fields that matter to the caller; the rest take the documented defaults. */
export function connectorConfig(fields: Partial<ConnectorConfig> = {}): ConnectorConfig {
  return {
    requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
    maxRetries: DEFAULT_MAX_RETRIES,
    rateLimitBuffer: DEFAULT_RATE_LIMIT_BUFFER,
    rateLimitShare: DEFAULT_RATE_LIMIT_SHARE,
    demo: false,
    marketsTtlMs: DEFAULT_MARKETS_TTL_MS,
    ...fields,
  }
}
