// What a venue dialect is: a pure translation from one exchange's REST request to a response, over a VenueEngine.
// The HTTP server (sim/server.ts) owns sockets, raw bodies, fault injection and timing; a dialect never touches
// a socket, so it can be tested by calling handle() directly.

import type { IncomingHttpHeaders } from 'node:http'

import type { ExchangeId } from '../domain/types.js'
import type { SimCredentials, SimOrder, VenueEngine } from './engine/types.js'

export interface SimRequest {
  method: string
  /** Path without the query, e.g. /api/v3/order. */
  path: string
  /** Raw query string without the leading '?', exactly as sent ('' when none). */
  query: string
  /** Raw request target (path + '?' + query) exactly as sent: Coinbase signs it. */
  target: string
  headers: IncomingHttpHeaders
  /** Raw body exactly as sent ('' when none). */
  body: string
  /** Client address, for per-IP rate limits. */
  ip: string
}

export interface SimResponse {
  status: number
  /** Serialised as compact JSON unless it is already a string. */
  body: unknown
  headers?: Record<string, string>
}

export interface DialectHandler {
  readonly venue: ExchangeId
  handle(request: SimRequest): SimResponse | Promise<SimResponse>
  /** The venue's own answer when it is down for maintenance, or failing with a 5xx. */
  unavailable(kind: 'maintenance' | 'server-error', request: SimRequest): SimResponse
  /** The venue's own rate-limit refusal (the "rateLimitRate" fault); without it the server sends a bare 429. */
  rateLimited?(request: SimRequest, retryAfterSeconds: number): SimResponse
  /** True for requests that place an order (the "accept but drop the response" fault applies to these). */
  isOrderPlacement(request: SimRequest): boolean
  /**
   * Orders the venue accepted and answered for although the engine refused them (Coinbase: a market order against an
   * empty book is accepted, then done/canceled without fills). Part of what the venue received.
   */
  detachedOrders?(): SimOrder[]
}

export interface DialectContext {
  engine: VenueEngine
  /** Accounts this venue accepts; apiKey is also the engine owner. */
  credentials: SimCredentials[]
  /** Injected clock (ms since the epoch); the engine's clock. */
  now: () => number
}

export type DialectFactory = (context: DialectContext) => DialectHandler
