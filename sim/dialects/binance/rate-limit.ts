// Binance's published rate limits, enforced per IP (request weight) and per account (orders), per API family
// (api.binance.com and fapi.binance.com keep separate counters). Counters are fixed windows on the injected
// clock, like Binance's per-minute "used weight". A breach answers 429 with Retry-After; an IP that keeps
// sending before Retry-After has passed is banned with 418, for longer each time (2 minutes up to 3 days,
// rest-api.md "LIMITS").

import { BinanceApiError } from './errors.js'
import type { ApiFamily } from './symbols.js'

export interface BinanceLimits {
  spotWeightPerMinute: number
  futuresWeightPerMinute: number
  spotOrdersPer10s: number
  spotOrdersPerDay: number
  futuresOrdersPer10s: number
  futuresOrdersPerMinute: number
  /** Requests an IP may send while told to wait before it is banned (Binance publishes no number). */
  requestsIgnoringRetryAfter: number
  firstBanMs: number
  maxBanMs: number
}

const SECOND = 1000
const MINUTE = 60 * SECOND
const DAY = 24 * 60 * MINUTE

export const PUBLISHED_BINANCE_LIMITS: BinanceLimits = {
  spotWeightPerMinute: 6000,
  futuresWeightPerMinute: 2400,
  spotOrdersPer10s: 100,
  spotOrdersPerDay: 200_000,
  futuresOrdersPer10s: 300,
  futuresOrdersPerMinute: 1200,
  requestsIgnoringRetryAfter: 10,
  firstBanMs: 2 * MINUTE,
  maxBanMs: 3 * DAY,
}

/** Counts per key in fixed windows of `windowMs` aligned on the clock. */
class FixedWindowCounter {
  readonly #counts = new Map<string, { windowStart: number; count: number }>()

  constructor(readonly windowMs: number) {}

  used(key: string, now: number): number {
    const entry = this.#counts.get(key)
    return entry !== undefined && entry.windowStart === this.#windowStart(now) ? entry.count : 0
  }

  add(key: string, now: number, amount: number): number {
    const count = this.used(key, now) + amount
    this.#counts.set(key, { windowStart: this.#windowStart(now), count })
    return count
  }

  windowEnd(now: number): number {
    return this.#windowStart(now) + this.windowMs
  }

  #windowStart(now: number): number {
    return Math.floor(now / this.windowMs) * this.windowMs
  }
}

interface OrderLimit {
  counter: FixedWindowCounter
  limit: number
  header: string
  label: string
}

const orderLimit = (windowMs: number, limit: number, header: string, label: string): OrderLimit => ({
  counter: new FixedWindowCounter(windowMs),
  limit,
  header,
  label,
})

interface FamilyState {
  weight: FixedWindowCounter
  weightLimit: number
  orders: OrderLimit[]
  /** IP → when it may send again after a 429, and how many requests it sent before then. */
  backoff: Map<string, { retryAt: number; ignored: number }>
  /** IP → ban end and how many bans so far (each lasts twice as long as the last). */
  bans: Map<string, { until: number; count: number }>
}

const familyState = (weightPerMinute: number, orders: OrderLimit[]): FamilyState => ({
  weight: new FixedWindowCounter(MINUTE),
  weightLimit: weightPerMinute,
  orders,
  backoff: new Map(),
  bans: new Map(),
})

const retryAfterSeconds = (untilMs: number, now: number): string =>
  String(Math.max(1, Math.ceil((untilMs - now) / SECOND)))

function tooMuchWeight(family: ApiFamily, limit: number, ip: string): string {
  return family === 'spot'
    ? `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. ` +
        'Please use WebSocket Streams for live updates to avoid polling the API.'
    : `Too many requests; current limit of IP(${ip}) is ${limit} requests per minute. ` +
        'Please use the websocket for live updates to avoid polling the API.'
}

function banned(family: ApiFamily, until: number, ip: string): string {
  return family === 'spot'
    ? `Way too much request weight used; IP banned until ${until}. ` +
        'Please use WebSocket Streams for live updates to avoid bans.'
    : `Way too many requests; IP(${ip}) banned until ${until}. ` +
        'Please use the websocket for live updates to avoid bans.'
}

export interface BinanceRateLimiter {
  /** Counts a request's weight; throws 429/418 when the IP is over its limit, banned, or ignoring a 429. */
  admitRequest(family: ApiFamily, ip: string, weight: number): Record<string, string>
  /** Throws 429 -1015 when the account may place no more orders now. */
  admitOrder(family: ApiFamily, account: string): void
  /** Counts a placed order; returns the order-count headers. */
  countOrder(family: ApiFamily, account: string): Record<string, string>
}

export function createBinanceRateLimiter(limits: BinanceLimits, now: () => number): BinanceRateLimiter {
  const families: Record<ApiFamily, FamilyState> = {
    spot: familyState(limits.spotWeightPerMinute, [
      orderLimit(10 * SECOND, limits.spotOrdersPer10s, '10S', '10 SECOND'),
      orderLimit(DAY, limits.spotOrdersPerDay, '1D', '1 DAY'),
    ]),
    futures: familyState(limits.futuresWeightPerMinute, [
      orderLimit(10 * SECOND, limits.futuresOrdersPer10s, '10S', '10 SECOND'),
      orderLimit(MINUTE, limits.futuresOrdersPerMinute, '1M', '1 MINUTE'),
    ]),
  }

  function ban(family: ApiFamily, state: FamilyState, ip: string, at: number): BinanceApiError {
    const count = (state.bans.get(ip)?.count ?? 0) + 1
    const until = at + Math.min(limits.maxBanMs, limits.firstBanMs * 2 ** (count - 1))
    state.bans.set(ip, { until, count })
    state.backoff.delete(ip)
    return bannedError(family, until, ip, at)
  }

  function bannedError(family: ApiFamily, until: number, ip: string, at: number): BinanceApiError {
    const retryAfter = retryAfterSeconds(until, at)
    return new BinanceApiError(418, -1003, banned(family, until, ip), { 'Retry-After': retryAfter })
  }

  /** 429 -1003: the IP must wait until `retryAt`; `used` is its weight so far this minute. */
  function overWeightError(family: ApiFamily, ip: string, retryAt: number, used: number, at: number) {
    return new BinanceApiError(429, -1003, tooMuchWeight(family, families[family].weightLimit, ip), {
      'Retry-After': retryAfterSeconds(retryAt, at),
      'X-MBX-USED-WEIGHT-1M': String(used),
    })
  }

  return {
    admitRequest(family, ip, weight) {
      const state = families[family]
      const at = now()
      const ipBan = state.bans.get(ip)
      if (ipBan !== undefined && ipBan.until > at) throw bannedError(family, ipBan.until, ip, at)

      const waiting = state.backoff.get(ip)
      if (waiting !== undefined && waiting.retryAt > at) {
        waiting.ignored += 1
        if (waiting.ignored >= limits.requestsIgnoringRetryAfter) throw ban(family, state, ip, at)
        throw overWeightError(family, ip, waiting.retryAt, state.weight.used(ip, at), at)
      }
      state.backoff.delete(ip)

      const used = state.weight.used(ip, at)
      if (used + weight > state.weightLimit) {
        const retryAt = state.weight.windowEnd(at)
        state.backoff.set(ip, { retryAt, ignored: 0 })
        throw overWeightError(family, ip, retryAt, used, at)
      }
      return { 'X-MBX-USED-WEIGHT-1M': String(state.weight.add(ip, at, weight)) }
    },

    admitOrder(family, account) {
      const at = now()
      for (const order of families[family].orders) {
        if (order.counter.used(account, at) + 1 > order.limit) {
          throw new BinanceApiError(
            429,
            -1015,
            `Too many new orders; current limit is ${order.limit} orders per ${order.label}.`,
            { 'Retry-After': retryAfterSeconds(order.counter.windowEnd(at), at) }
          )
        }
      }
    },

    countOrder(family, account) {
      const at = now()
      const headers: Record<string, string> = {}
      for (const order of families[family].orders) {
        headers[`X-MBX-ORDER-COUNT-${order.header}`] = String(order.counter.add(account, at, 1))
      }
      return headers
    },
  }
}
