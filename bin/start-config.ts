// Settings of `npm start` and of each single role (npm run api / worker / temporal), from the environment.
// Every port is configurable. Each role reads only the part it uses, so that a worker never fails over an API setting.
import { readFileSync } from 'node:fs'

import { checkDistinct, defaultToken, parseApiTokens } from '../api/api-tokens.js'
import type { ConfiguredToken } from '../api/auth.js'
import { DEFAULT_LIMITS, type RequestLimits } from '../api/limits.js'
import { DEFAULT_RATE_LIMIT, type RateLimit } from '../api/rate-limit.js'
import { isPostgresUrl } from '../db/client.js'
import { DEV_SERVER } from '../temporal.config.js'

type Env = Record<string, string | undefined>

/** The HTTP API (npm start, npm run api). */
export interface ApiConfig {
  host: string
  port: number
  /** GATEWAY_API_TOKEN: the token 'default', with every scope. */
  apiToken?: string
  /** GATEWAY_API_TOKENS_FILE: named, hashed tokens with scopes. With any token, every /api route requires one. */
  apiTokens: ConfiguredToken[]
  /** GATEWAY_MAX_BODY_BYTES, GATEWAY_MAX_URL_LENGTH, GATEWAY_MAX_HEADER_BYTES. */
  limits: RequestLimits
  /** GATEWAY_RATE_LIMIT_RPS and GATEWAY_RATE_LIMIT_BURST per token (per client address without one); 0 RPS: none. */
  rateLimit?: RateLimit
}

/** The embedded Temporal dev server (npm start without TEMPORAL_ADDRESS, npm run temporal). */
export interface TemporalServerConfig {
  temporalPort: number
  /** 0 runs the dev server without its UI. */
  temporalUiPort: number
  temporalDbFile: string
}

/** The venue simulator (npm start in demo mode, npm run sim). */
export interface SimulatorConfig {
  simulatorHost: string
  simulatorPorts: { binance: number; coinbase: number; kraken: number; control: number }
  simulatorSeed: number
}

export interface StartConfig extends ApiConfig, TemporalServerConfig, SimulatorConfig {
  /** DATABASE_URL or DATABASE_PATH (readDatabaseTarget). */
  databaseTarget: string
  /** An external Temporal (cluster or Cloud); when unset, the embedded dev server is started. */
  temporalAddress?: string
}

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be a whole number, got '${raw}'`)
  return value
}

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new Error(`${name} must be a port number, got '${raw}'`)
  return value
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/

function positive(env: Env, name: string, fallback: number, min = 1): number {
  const value = integer(env, name, fallback)
  if (value < min) throw new Error(`${name} must be at least ${min}, got '${env[name]}'`)
  return value
}

type ReadText = (path: string) => string

function apiTokens(env: Env, host: string, readText: ReadText): Pick<ApiConfig, 'apiToken' | 'apiTokens'> {
  const apiToken = env.GATEWAY_API_TOKEN || undefined
  const file = env.GATEWAY_API_TOKENS_FILE || undefined
  let apiTokens: ConfiguredToken[] = []
  if (file !== undefined) {
    let text: string
    try {
      text = readText(file)
    } catch (error) {
      throw new Error(`GATEWAY_API_TOKENS_FILE ${file}: ${(error as Error).message}`)
    }
    apiTokens = parseApiTokens(text, `GATEWAY_API_TOKENS_FILE ${file}`)
  }
  // The name 'default' and each secret stand for one token only, across both settings.
  checkDistinct(
    [...(apiToken ? [defaultToken(apiToken)] : []), ...apiTokens],
    'GATEWAY_API_TOKEN and GATEWAY_API_TOKENS_FILE'
  )
  // An order API without authentication may only listen where nobody else can reach it.
  if (apiToken === undefined && apiTokens.length === 0 && !LOOPBACK.test(host)) {
    throw new Error(
      `HOST=${host} makes the API reachable from other machines: set GATEWAY_API_TOKEN or GATEWAY_API_TOKENS_FILE as well`
    )
  }
  return { apiToken, apiTokens }
}

function rateLimit(env: Env): RateLimit | undefined {
  const perSecond = positive(env, 'GATEWAY_RATE_LIMIT_RPS', DEFAULT_RATE_LIMIT.perSecond, 0)
  if (perSecond === 0) return undefined
  return { perSecond, burst: positive(env, 'GATEWAY_RATE_LIMIT_BURST', Math.max(DEFAULT_RATE_LIMIT.burst, perSecond)) }
}

export function readApiConfig(env: Env, readText: ReadText = (path) => readFileSync(path, 'utf8')): ApiConfig {
  const host = env.HOST ?? '127.0.0.1'
  return {
    host,
    ...apiTokens(env, host, readText),
    port: port(env, 'PORT', 3000),
    limits: {
      maxBodyBytes: positive(env, 'GATEWAY_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes),
      maxUrlLength: positive(env, 'GATEWAY_MAX_URL_LENGTH', DEFAULT_LIMITS.maxUrlLength),
      // Below ~1 KiB Node could not read ordinary requests.
      maxHeaderBytes: positive(env, 'GATEWAY_MAX_HEADER_BYTES', DEFAULT_LIMITS.maxHeaderBytes, 1024),
    },
    rateLimit: rateLimit(env),
  }
}

export function readTemporalServerConfig(env: Env): TemporalServerConfig {
  return {
    temporalPort: port(env, 'TEMPORAL_PORT', DEV_SERVER.port),
    temporalUiPort: port(env, 'TEMPORAL_UI_PORT', DEV_SERVER.uiPort),
    temporalDbFile: env.TEMPORAL_DB_FILE ?? DEV_SERVER.dbFile,
  }
}

/**
 * Where the execution history is, shared by every api and worker process: DATABASE_URL (postgres://..., when the
 * processes run on several machines), else DATABASE_PATH (one SQLite file, the embedded default).
 */
export function readDatabaseTarget(env: Env): string {
  if (env.DATABASE_URL) {
    if (!isPostgresUrl(env.DATABASE_URL)) {
      throw new Error(`DATABASE_URL must be a postgres:// URL (got ${env.DATABASE_URL.split(':')[0]}:...)`)
    }
    return env.DATABASE_URL
  }
  return env.DATABASE_PATH || 'data/gateway.db'
}

export function readSimulatorConfig(env: Env): SimulatorConfig {
  return {
    simulatorHost: env.SIM_HOST || '127.0.0.1',
    simulatorPorts: {
      binance: port(env, 'SIM_PORT_BINANCE', 8101),
      coinbase: port(env, 'SIM_PORT_COINBASE', 8102),
      kraken: port(env, 'SIM_PORT_KRAKEN', 8103),
      control: port(env, 'SIM_PORT_CONTROL', 8100),
    },
    simulatorSeed: integer(env, 'SIM_SEED', 42),
  }
}

export function readStartConfig(env: Env): StartConfig {
  return {
    ...readApiConfig(env),
    ...readTemporalServerConfig(env),
    ...readSimulatorConfig(env),
    databaseTarget: readDatabaseTarget(env),
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
  }
}
