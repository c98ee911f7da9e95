// The connectors of one process: one long-lived connector per (exchange, API key), built from the settings.
// Connectors keep their markets, rate-limit budgets, metrics and HTTP keep-alive sockets for the life of the
// process, which is why they are built once here and handed to the activities.
import type { ExchangeId } from '../domain/types.js'
import { createBinanceConnector } from './binance.js'
import type { ConnectorDeps } from './ccxt-connector.js'
import { createCoinbaseConnector } from './coinbase.js'
import type { ConnectorConfig } from './config.js'
import type { AnyConnector } from './connector.js'
import { createKrakenConnector } from './kraken.js'
import { ExchangeSettingsError } from './settings.js'
import type { ExchangeSettings } from './settings.js'

export { ExchangeSettingsError, loadExchangeSettings } from './settings.js'
export type { Env, ExchangeSettings } from './settings.js'

export type ConnectorFactory = (config: ConnectorConfig, deps?: ConnectorDeps) => AnyConnector

export interface ConnectorRegistryOptions {
  /** Simulator base URL per exchange; required for every exchange in demo mode without a *_BASE_URL override. */
  simulatorUrls?: Partial<Record<ExchangeId, string>>
  /** Per-exchange collaborators (clock, limiter, smaller limits in tests). */
  deps?: Partial<Record<ExchangeId, ConnectorDeps>>
  /** Replaces the built-in connector factories (tests). */
  factories?: Partial<Record<ExchangeId, ConnectorFactory>>
}

export interface ConnectorRegistry {
  /** The connector of `id`; throws for an exchange the settings do not serve. */
  get(id: ExchangeId): AnyConnector
  list(): AnyConnector[]
  demoMode: Record<ExchangeId, boolean>
  /** Closes every connector (HTTP sockets). */
  close(): Promise<void>
}

export const CONNECTOR_FACTORIES: Record<ExchangeId, ConnectorFactory> = {
  binance: createBinanceConnector,
  coinbase: createCoinbaseConnector,
  kraken: createKrakenConnector,
}

export function createConnectorRegistry(
  settings: ExchangeSettings,
  options: ConnectorRegistryOptions = {}
): ConnectorRegistry {
  const byKey = new Map<string, AnyConnector>()
  const byExchange = new Map<ExchangeId, AnyConnector>()
  for (const id of settings.exchanges) {
    const config = resolveConfig(id, settings.configs[id], options.simulatorUrls)
    const key = `${id}:${config.apiKey ?? ''}`
    let connector = byKey.get(key)
    if (connector === undefined) {
      const factory = options.factories?.[id] ?? CONNECTOR_FACTORIES[id]
      connector = factory(config, options.deps?.[id])
      byKey.set(key, connector)
    }
    byExchange.set(id, connector)
  }
  return {
    get(id) {
      const connector = byExchange.get(id)
      if (connector === undefined) throw new ExchangeSettingsError(`exchange ${id} is not configured`)
      return connector
    },
    list: () => [...byExchange.values()],
    demoMode: { ...settings.demo },
    async close() {
      await Promise.all([...byKey.values()].map((c) => c.close()))
    },
  }
}

function resolveConfig(
  id: ExchangeId,
  config: ConnectorConfig,
  simulatorUrls: Partial<Record<ExchangeId, string>> | undefined
): ConnectorConfig {
  if (!config.demo || config.baseUrl !== undefined) return config
  const baseUrl = simulatorUrls?.[id]
  if (baseUrl === undefined) {
    throw new ExchangeSettingsError(
      `${id} has no API keys (demo mode) but no simulator URL was given; set SIMULATOR_URL (the simulator's control API), ${id.toUpperCase()}_BASE_URL or ${id.toUpperCase()}_API_KEY`
    )
  }
  return { ...config, baseUrl }
}
