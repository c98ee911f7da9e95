// One venue call, the way every connector makes it: wait for rate-limit budget, run it, time it into the metrics,
// map what it threw to the ExchangeError family, honour a venue's back-off, and retry idempotent reads on network
// errors with a bounded exponential delay. Orders and cancels are never re-sent.
import { performance } from 'node:perf_hooks'

import type { ExchangeId } from '../domain/types.js'
import type { ConnectorOperation, SendOptions } from './connector.js'
import { ExchangeUnavailableError, RateLimitError, SendDeadlineError } from './errors.js'
import { toExchangeError } from './error-mapping.js'
import type { ConnectorMetrics } from './metrics.js'
import type { RateLimiter } from './rate-limit/limiter.js'
import type { RateLimitRequest } from './rate-limit/types.js'

/** What a call is, for the limiter (operation, method, market, symbol) and for error messages (name). */
export interface CallSpec extends RateLimitRequest {
  /** Connector method, e.g. 'getTicker'; becomes ExchangeError.operation. */
  name: string
  clientOrderId?: string
  /** Idempotent read: may be re-sent up to maxRetries times on network errors. */
  retry?: boolean
  /** An order attempt's deadline: the rate-limit wait never runs past it (SendDeadlineError instead). */
  send?: SendOptions
}

export interface VenueCallContext {
  exchange: ExchangeId
  limiter: RateLimiter
  metrics: ConnectorMetrics
  clock: () => number
  sleep: (ms: number) => Promise<void>
  maxRetries: number
  /** Strings that must not appear in errors (API key, secret, passphrase). */
  secrets: readonly (string | undefined)[]
  /** The headers of the last answer (ccxt's last_response_headers). */
  responseHeaders: () => Record<string, string | undefined> | undefined
  /** Called after every answer or failure, e.g. to adopt the venue's used-weight count. */
  observeResponse: (headers: Record<string, string | undefined>, spec: CallSpec) => void
}

const RETRY_BASE_DELAY_MS = 100
const RETRY_MAX_DELAY_MS = 2_000

/** Default spec: reads are retryable, placement and cancellation are not. */
export function callSpec(operation: ConnectorOperation, method: string, name: string, symbol?: string): CallSpec {
  const retry = operation !== 'placeOrder' && operation !== 'cancelOrder'
  return symbol === undefined ? { operation, method, name, retry } : { operation, method, name, symbol, retry }
}

export async function runVenueCall<T>(context: VenueCallContext, spec: CallSpec, fn: () => Promise<T>): Promise<T> {
  const { limiter, metrics, clock } = context
  const attempts = spec.retry === true ? context.maxRetries + 1 : 1
  let rateLimitWaitMs = 0
  const record = (started: number, errorClass?: string) =>
    metrics.record({
      operation: spec.operation,
      at: clock(),
      latencyMs: performance.now() - started,
      ok: errorClass === undefined,
      ...(errorClass !== undefined && { errorClass }),
      ...(rateLimitWaitMs > 0 && { rateLimitWaitMs }),
    })
  for (let attempt = 1; ; attempt++) {
    const started = performance.now()
    rateLimitWaitMs = 0
    try {
      rateLimitWaitMs = await limiter.acquire(spec, acquireBound(context, spec))
    } catch (err) {
      const mapped = toExchangeError(err, errorContext(context, spec, false))
      record(started, mapped.name)
      throw mapped
    }
    try {
      const result = await fn()
      observe(context, spec)
      record(started)
      return result
    } catch (err) {
      const mapped = toExchangeError(err, errorContext(context, spec, true))
      observe(context, spec)
      if (mapped instanceof RateLimitError) limiter.blockUntil(clock() + mapped.retryAfterMs)
      record(started, mapped.name)
      if (!(mapped instanceof ExchangeUnavailableError) || attempt >= attempts) throw mapped
      await context.sleep(Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (attempt - 1)))
    }
  }
}

/** The limiter's wait ends before the attempt's sendBy, or fails at once with SendDeadlineError. */
function acquireBound(context: VenueCallContext, spec: CallSpec) {
  const sendBy = spec.send?.sendBy
  if (sendBy === undefined) return undefined
  const error = () =>
    new SendDeadlineError({
      exchange: context.exchange,
      operation: spec.name,
      clientOrderId: spec.clientOrderId ?? '(not yet assigned)',
      sendBy,
      aborted: spec.send?.signal?.aborted === true,
    })
  return { until: sendBy, error }
}

function errorContext(context: VenueCallContext, spec: CallSpec, sent: boolean) {
  return {
    exchange: context.exchange,
    operation: spec.name,
    clientOrderId: spec.clientOrderId,
    sent,
    responseHeaders: context.responseHeaders(),
    secrets: context.secrets,
    now: context.clock(),
  }
}

function observe(context: VenueCallContext, spec: CallSpec): void {
  const headers = context.responseHeaders()
  if (headers !== undefined) context.observeResponse(headers, spec)
}
