// Fault injection per venue: latency, 5xx errors, rate-limit refusals, hung requests, maintenance, and
// accepted-but-unanswered (dropped or held) orders. Decisions come from a seeded rng so a failing test replays
// the same way.
import { EXCHANGE_IDS, type ExchangeId } from '../domain/types.js'
import { createRng } from './engine/rng.js'

export interface FaultConfig {
  /** Added before every answer, ms. */
  latencyMs?: number
  /** 0..1: share of requests answered with the venue's own 5xx body. */
  errorRate?: number
  /** 0..1: share of requests never answered (the socket is held, then destroyed after 60 s). */
  timeoutRate?: number
  /** Maintenance: every request gets the venue's maintenance answer. */
  down?: boolean
  /** The next N order placements are executed by the engine, then the socket is destroyed with no response. */
  dropOrderResponses?: number
  /** Every order placement is executed by the engine, then its answer is held this long, ms: widens the window
   * in which a client that dies has an accepted order it never heard about. */
  holdOrderResponsesMs?: number
  /** 0..1: share of requests refused with the venue's own rate-limit answer (429 with Retry-After where the
   * venue sends one). */
  rateLimitRate?: number
  /** The Retry-After of those refusals, seconds (default 1). */
  retryAfterSeconds?: number
  /** The next N order placements are lost on the wire: the socket is reset and the venue never sees them (unless
   * lateOrderArrivalMs is set). */
  loseOrderRequests?: number
  /** A lost order placement is not lost but late: the venue executes it this long after the client saw the reset. */
  lateOrderArrivalMs?: number
}

export type FaultDecision = 'down' | 'rate-limited' | 'server-error' | 'timeout' | 'pass'

export interface Faults {
  get(venue: ExchangeId): FaultConfig
  /** Merges `partial` into the venue's faults (undefined values remove a setting). */
  set(venue: ExchangeId, partial: FaultConfig): FaultConfig
  clear(venue?: ExchangeId): void
  /** What to do with the next request to `venue`. */
  decide(venue: ExchangeId): FaultDecision
  /** Consumes one dropped order response; true when this placement's answer must be dropped. */
  takeDroppedOrderResponse(venue: ExchangeId): boolean
  /** Consumes one lost order request; true when this placement must be lost (or arrive late). */
  takeLostOrderRequest(venue: ExchangeId): boolean
}

export function createFaults(seed: number): Faults {
  const rng = createRng(seed)
  const configs = new Map<ExchangeId, FaultConfig>(EXCHANGE_IDS.map((venue) => [venue, {}]))
  const configOf = (venue: ExchangeId): FaultConfig => configs.get(venue) ?? {}

  return {
    get: (venue) => ({ ...configOf(venue) }),
    set(venue, partial) {
      const merged: FaultConfig = { ...configOf(venue), ...partial }
      for (const key of Object.keys(merged) as (keyof FaultConfig)[]) {
        if (merged[key] === undefined) delete merged[key]
      }
      configs.set(venue, merged)
      return { ...merged }
    },
    clear(venue) {
      for (const id of venue ? [venue] : EXCHANGE_IDS) configs.set(id, {})
    },
    decide(venue) {
      const config = configOf(venue)
      if (config.down) return 'down'
      if (config.rateLimitRate && rng.next() < config.rateLimitRate) return 'rate-limited'
      if (config.errorRate && rng.next() < config.errorRate) return 'server-error'
      if (config.timeoutRate && rng.next() < config.timeoutRate) return 'timeout'
      return 'pass'
    },
    takeDroppedOrderResponse: (venue) => takeOne(configOf(venue), 'dropOrderResponses'),
    takeLostOrderRequest: (venue) => takeOne(configOf(venue), 'loseOrderRequests'),
  }
}

/** Consumes one of a counted fault; true when there was one left. */
function takeOne(config: FaultConfig, key: 'dropOrderResponses' | 'loseOrderRequests'): boolean {
  const left = config[key]
  if (!left || left <= 0) return false
  if (left === 1) delete config[key]
  else config[key] = left - 1
  return true
}

/** Checks a partial fault config from outside (control API); returns an error message naming the field. */
export function faultConfigProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'body must be a JSON object'
  const allowed = [
    'latencyMs',
    'errorRate',
    'timeoutRate',
    'down',
    'dropOrderResponses',
    'holdOrderResponsesMs',
    'rateLimitRate',
    'retryAfterSeconds',
    'loseOrderRequests',
    'lateOrderArrivalMs',
  ]
  for (const [key, field] of Object.entries(value)) {
    if (!allowed.includes(key)) return `unknown field ${key} (allowed: ${allowed.join(', ')})`
    if (field === undefined || field === null) continue
    if (key === 'down') {
      if (typeof field !== 'boolean') return 'down must be a boolean'
    } else if (typeof field !== 'number' || !Number.isFinite(field) || field < 0) {
      return `${key} must be a non-negative number`
    } else if ((key === 'errorRate' || key === 'timeoutRate' || key === 'rateLimitRate') && field > 1) {
      return `${key} must be between 0 and 1`
    } else if ((key === 'dropOrderResponses' || key === 'loseOrderRequests') && !Number.isInteger(field)) {
      return `${key} must be an integer`
    }
  }
  return undefined
}
