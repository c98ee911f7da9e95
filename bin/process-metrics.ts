// The metrics of one process: its own prom-client registry (never the global one), the venue-call collectors its
// connectors report into, Node's process metrics, and, when this process runs a Temporal worker, the worker
// runtime's own metrics. The runtime (Rust core) serves those on a loopback port of its own; the exposition fetches
// and appends them, so that one scrape of /metrics sees both.
import { collectDefaultMetrics, Registry } from 'prom-client'

import type { MetricsExposition } from '../api/routes/metrics.js'
import type { ExchangeId } from '../domain/types.js'
import type { ConnectorDeps } from '../exchanges/ccxt-connector.js'
import { createVenueCallMetrics, observedConnectorDeps } from '../exchanges/venue-call-metrics.js'
import { freePort } from './temporal/dev-server.js'

export interface ProcessMetrics extends MetricsExposition {
  readonly registry: Registry
  /** Connector deps for createConnectorRegistry: every venue call of these connectors is counted. */
  connectorDeps(exchanges: readonly ExchangeId[]): Partial<Record<ExchangeId, ConnectorDeps>>
}

interface ProcessMetricsOptions {
  /** The Temporal worker runtime's Prometheus exporter (runtimeMetricsAddress), when this process runs a worker. */
  runtimeMetricsAddress?: string
  /** How long a scrape waits for the runtime's metrics before answering without them. */
  runtimeTimeoutMs?: number
}

export function createProcessMetrics({
  runtimeMetricsAddress,
  runtimeTimeoutMs = 2_000,
}: ProcessMetricsOptions = {}): ProcessMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'gateway_' })
  const calls = createVenueCallMetrics(registry)
  return {
    registry,
    contentType: registry.contentType,
    connectorDeps: (exchanges) => observedConnectorDeps(calls, exchanges),
    async text() {
      const own = await registry.metrics()
      if (runtimeMetricsAddress === undefined) return own
      return own + (await runtimeMetricsText(runtimeMetricsAddress, runtimeTimeoutMs))
    },
  }
}

/** A loopback address for the worker runtime's exporter: a port free now, which the runtime binds at install. */
export async function runtimeMetricsAddress(): Promise<string> {
  return `127.0.0.1:${await freePort()}`
}

/** The runtime's exposition; a comment saying why when it cannot be read (the gateway's own metrics still answer). */
async function runtimeMetricsText(address: string, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(`http://${address}/metrics`, { signal: AbortSignal.timeout(timeoutMs) })
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    const text = await response.text()
    return text.endsWith('\n') || text === '' ? text : `${text}\n`
  } catch (error) {
    return `# Temporal worker runtime metrics unavailable (${address}): ${(error as Error).message.replace(/\s+/g, ' ')}\n`
  }
}
