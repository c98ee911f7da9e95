// Per-exchange call metrics over a rolling window, and the health picture derived from them. In memory on
// purpose: they describe this process's view of the venue right now, and are cheap to lose.
import type { ConnectorOperation } from './connector.js'
import type { ExchangeHealth, ExchangeId, ExchangeMetrics } from '../domain/types.js'

export interface CallRecord {
  operation: ConnectorOperation
  /** When the call ended, ms since the epoch. */
  at: number
  latencyMs: number
  ok: boolean
  /** ExchangeError subclass name when the call failed. */
  errorClass?: string
  /** Part of latencyMs spent waiting for rate-limit budget (our pacing, or the venue's back-off), when it waited. */
  rateLimitWaitMs?: number
}

export interface MetricsOptions {
  exchange: ExchangeId
  /** Rolling window, ms (default 5 min). */
  windowMs?: number
  clock?: () => number
  /** Bound on the records kept, whatever the window (default 10 000). */
  maxRecords?: number
}

export interface ConnectorMetrics {
  record(call: CallRecord): void
  snapshot(): ExchangeMetrics
  /** Health from what the calls showed; `statusOk` is the venue's own status when known. */
  health(statusOk?: boolean): ExchangeHealth
  /** ms since the epoch of the last successful call of any kind. */
  lastSuccessAt(): number | undefined
}

export const DEFAULT_METRICS_WINDOW_MS = 5 * 60 * 1000
/** Share of failed calls above which a venue counts as degraded. */
export const DEGRADED_ERROR_RATE = 0.2
/** Failures that say the venue (or the way to it) is not answering. */
const CONNECTION_FAILURES = new Set(['ExchangeUnavailableError', 'OrderOutcomeUnknownError'])

/** Nearest-rank percentile of `values` (need not be sorted); undefined for no values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[Math.min(rank, sorted.length) - 1]
}

export function createMetrics(options: MetricsOptions): ConnectorMetrics {
  const windowMs = options.windowMs ?? DEFAULT_METRICS_WINDOW_MS
  const clock = options.clock ?? Date.now
  const maxRecords = options.maxRecords ?? 10_000
  let records: CallRecord[] = []
  let lastSuccess: number | undefined
  let lastMarketDataLatencyMs: number | undefined
  let lastAccountOk: boolean | undefined
  let lastConnectionOk: boolean | undefined

  const inWindow = () => {
    const from = clock() - windowMs
    if (records.length > 0 && records[0]!.at < from) records = records.filter((r) => r.at >= from)
    return records
  }

  function snapshot(): ExchangeMetrics {
    const window = inWindow()
    const failures = window.filter((r) => !r.ok)
    const errorsByClass: Record<string, number> = {}
    for (const f of failures) {
      const name = f.errorClass ?? 'ExchangeError'
      errorsByClass[name] = (errorsByClass[name] ?? 0) + 1
    }
    const latencies = window.map((r) => r.latencyMs)
    const calls = window.length
    return {
      exchange: options.exchange,
      windowMs,
      calls,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      successRate: calls === 0 ? 1 : (calls - failures.length) / calls,
      errorRate: calls === 0 ? 0 : failures.length / calls,
      errorsByClass,
      throughputPerSec: calls / (windowMs / 1000),
    }
  }

  return {
    record(call) {
      records.push(call)
      if (records.length > maxRecords) records.splice(0, records.length - maxRecords)
      const connectionFailure = !call.ok && CONNECTION_FAILURES.has(call.errorClass ?? '')
      lastConnectionOk = !connectionFailure
      if (call.ok) lastSuccess = call.at
      if (call.ok && call.operation === 'marketData') lastMarketDataLatencyMs = call.latencyMs
      if (call.operation === 'account' && (call.ok || call.errorClass === 'AuthenticationError')) {
        lastAccountOk = call.ok
      }
    },
    snapshot,
    health(statusOk) {
      const { errorRate } = snapshot()
      const connected = lastConnectionOk ?? lastSuccess !== undefined
      const accountAccess = lastAccountOk ?? false
      let status: ExchangeHealth['status'] = 'healthy'
      if (!connected || statusOk === false) status = 'down'
      else if (errorRate > DEGRADED_ERROR_RATE || lastAccountOk === false) status = 'degraded'
      return {
        exchange: options.exchange,
        connected,
        marketDataLatencyMs: lastMarketDataLatencyMs,
        accountAccess,
        lastSuccessAt: lastSuccess,
        errorRate,
        status,
      }
    },
    lastSuccessAt: () => lastSuccess,
  }
}
