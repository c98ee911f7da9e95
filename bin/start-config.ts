// Settings of `npm start` and of each single role (npm run api / worker / temporal), from the environment.
// Every port is configurable. Each role reads only the part it uses, so that a worker never fails over an API setting.
import { DEV_SERVER } from '../temporal.config.js'

type Env = Record<string, string | undefined>

/** The HTTP API (npm start, npm run api). */
export interface ApiConfig {
  host: string
  port: number
  /** GATEWAY_API_TOKEN: required by every /api route when set. */
  apiToken?: string
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
  databasePath: string
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
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new Error(`${name} must be a port number, got '${raw}'`)
  return value
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/

function apiToken(env: Env, host: string): string | undefined {
  const token = env.GATEWAY_API_TOKEN || undefined
  if (token !== undefined && token.length < 16) throw new Error('GATEWAY_API_TOKEN must be at least 16 characters')
  // An order API without authentication may only listen where nobody else can reach it.
  if (token === undefined && !LOOPBACK.test(host)) {
    throw new Error(`HOST=${host} makes the API reachable from other machines: set GATEWAY_API_TOKEN as well`)
  }
  return token
}

export function readApiConfig(env: Env): ApiConfig {
  const host = env.HOST ?? '127.0.0.1'
  return { host, apiToken: apiToken(env, host), port: port(env, 'PORT', 3000) }
}

export function readTemporalServerConfig(env: Env): TemporalServerConfig {
  return {
    temporalPort: port(env, 'TEMPORAL_PORT', DEV_SERVER.port),
    temporalUiPort: port(env, 'TEMPORAL_UI_PORT', DEV_SERVER.uiPort),
    temporalDbFile: env.TEMPORAL_DB_FILE ?? DEV_SERVER.dbFile,
  }
}

/** DATABASE_PATH: the SQLite file of the execution history, shared by every api and worker process. */
export function readDatabasePath(env: Env): string {
  return env.DATABASE_PATH ?? 'data/gateway.db'
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
    databasePath: readDatabasePath(env),
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
  }
}
