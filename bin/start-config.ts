// Settings of `npm start`, from the environment. Every port is configurable.
import { DEV_SERVER } from '../temporal.config.js'

export interface StartConfig {
  host: string
  port: number
  /** GATEWAY_API_TOKEN: required by every /api route when set. */
  apiToken?: string
  databasePath: string
  /** An external Temporal (cluster or Cloud); when unset, the embedded dev server is started. */
  temporalAddress?: string
  temporalPort: number
  temporalUiPort: number
  temporalDbFile: string
  simulatorPorts: { binance: number; coinbase: number; kraken: number; control: number }
  simulatorSeed: number
}

function integer(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be a whole number, got '${raw}'`)
  return value
}

function port(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new Error(`${name} must be a port number, got '${raw}'`)
  return value
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/

function apiToken(env: Record<string, string | undefined>, host: string): string | undefined {
  const token = env.GATEWAY_API_TOKEN || undefined
  if (token !== undefined && token.length < 16) throw new Error('GATEWAY_API_TOKEN must be at least 16 characters')
  // An order API without authentication may only listen where nobody else can reach it.
  if (token === undefined && !LOOPBACK.test(host)) {
    throw new Error(`HOST=${host} makes the API reachable from other machines: set GATEWAY_API_TOKEN as well`)
  }
  return token
}

export function readStartConfig(env: Record<string, string | undefined>): StartConfig {
  const host = env.HOST ?? '127.0.0.1'
  return {
    host,
    apiToken: apiToken(env, host),
    port: port(env, 'PORT', 3000),
    databasePath: env.DATABASE_PATH ?? 'data/gateway.db',
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    temporalPort: port(env, 'TEMPORAL_PORT', DEV_SERVER.port),
    temporalUiPort: port(env, 'TEMPORAL_UI_PORT', DEV_SERVER.uiPort),
    temporalDbFile: env.TEMPORAL_DB_FILE ?? DEV_SERVER.dbFile,
    simulatorPorts: {
      binance: port(env, 'SIM_PORT_BINANCE', 8101),
      coinbase: port(env, 'SIM_PORT_COINBASE', 8102),
      kraken: port(env, 'SIM_PORT_KRAKEN', 8103),
      control: port(env, 'SIM_PORT_CONTROL', 8100),
    },
    simulatorSeed: integer(env, 'SIM_SEED', 42),
  }
}
