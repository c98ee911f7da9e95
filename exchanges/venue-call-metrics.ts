// Every venue call counted into Prometheus, beside the connector's own rolling window (metrics.ts): latency per
// exchange and operation, successes, errors by ExchangeError class, and the time spent waiting for rate-limit
// budget. The registry belongs to the process (bin/ builds it); nothing here uses prom-client's global registry.
import { Counter, Histogram, type Registry } from 'prom-client'

import type { ExchangeId } from '../domain/types.js'
import type { ConnectorDeps } from './ccxt-connector.js'
import { createMetrics, type CallRecord, type ConnectorMetrics } from './metrics.js'

interface VenueCallMetrics {
  /** `inner` as it was, with every call it records also counted into the registry under `exchange`. */
  observe(inner: ConnectorMetrics, exchange: ExchangeId): ConnectorMetrics
}

/** Seconds. From a fast local simulator answer to a venue's slowest order call before our request timeout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
/** Seconds. A paced burst waits tens of ms; a venue's Retry-After or ban, seconds to a minute. */
const WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

export function createVenueCallMetrics(registry: Registry): VenueCallMetrics {
  const registers = [registry]
  const duration = new Histogram({
    name: 'gateway_venue_call_duration_seconds',
    help: 'Venue call latency from request to answer or failure, without the rate-limit wait before it',
    labelNames: ['exchange', 'operation'],
    buckets: LATENCY_BUCKETS,
    registers,
  })
  const successes = new Counter({
    name: 'gateway_venue_call_successes_total',
    help: 'Venue calls that succeeded (each retry of a read counts as a call)',
    labelNames: ['exchange', 'operation'],
    registers,
  })
  const errors = new Counter({
    name: 'gateway_venue_call_errors_total',
    help: 'Venue calls that failed, by ExchangeError class (each retry of a read counts as a call)',
    labelNames: ['exchange', 'operation', 'error_class'],
    registers,
  })
  const waits = new Histogram({
    name: 'gateway_rate_limit_wait_seconds',
    help: 'Waits for rate-limit budget before a venue call (our pacing, or the venue asked us to back off); calls that went at once are not observed',
    labelNames: ['exchange', 'operation'],
    buckets: WAIT_BUCKETS,
    registers,
  })

  function count(exchange: ExchangeId, call: CallRecord): void {
    const labels = { exchange, operation: call.operation }
    const waitedMs = call.rateLimitWaitMs ?? 0
    if (waitedMs > 0) waits.observe(labels, waitedMs / 1000)
    duration.observe(labels, Math.max(0, call.latencyMs - waitedMs) / 1000)
    if (call.ok) successes.inc(labels)
    else errors.inc({ ...labels, error_class: call.errorClass ?? 'ExchangeError' })
  }

  return {
    observe: (inner, exchange) => ({
      ...inner,
      record(call) {
        inner.record(call)
        count(exchange, call)
      },
    }),
  }
}

/** Connector deps (for createConnectorRegistry) whose calls are counted into `calls`, one entry per exchange. */
export function observedConnectorDeps(
  calls: VenueCallMetrics,
  exchanges: readonly ExchangeId[]
): Partial<Record<ExchangeId, ConnectorDeps>> {
  return Object.fromEntries(
    exchanges.map((exchange) => [exchange, { metrics: calls.observe(createMetrics({ exchange }), exchange) }])
  )
}
