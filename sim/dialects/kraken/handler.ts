// The Kraken spot REST dialect: routes /0/public/* and /0/private/* onto the engine, as ccxt 4.5.84 uses them.
import type { DialectContext, DialectHandler, SimRequest, SimResponse } from '../../dialect.js'
import { ACCOUNT_ENDPOINTS } from './account-endpoints.js'
import { DEFAULT_LOCKOUT, type LockoutPolicy, createAuthenticator } from './auth.js'
import { KrakenError, krakenFailure, krakenResult, toKrakenError } from './errors.js'
import { isoSeconds } from './format.js'
import { createNonceTracker } from './nonces.js'
import { ORDER_ENDPOINTS } from './order-endpoints.js'
import { createPairIndex } from './pairs.js'
import { parseBody, parseForm } from './params.js'
import type { PrivateContext, PrivateEndpoint } from './private-context.js'
import { PUBLIC_ENDPOINTS } from './public-endpoints.js'
import { type RateLimitOptions, createRateLimits } from './rate-limits.js'

export interface KrakenDialectOptions {
  /** Kraken's per-key counters; Starter tier by default. */
  rateLimits?: RateLimitOptions
  /** Lockout after repeated bad keys; false switches it off. */
  lockout?: LockoutPolicy | false
}

const PRIVATE_ENDPOINTS: Record<string, PrivateEndpoint> = { ...ACCOUNT_ENDPOINTS, ...ORDER_ENDPOINTS }
const ROUTE = /^\/0\/(public|private)\/([A-Za-z]+)$/

const header = (request: SimRequest, name: string): string | undefined => {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function failureFrom(error: unknown): SimResponse {
  const kraken = toKrakenError(error)
  // never echo internal detail: Kraken answers unexpected failures with a bare internal error
  return kraken ? krakenFailure(kraken.krakenMessage, kraken.status) : krakenFailure('EGeneral:Internal error', 500)
}

export function createKrakenHandler(context: DialectContext, options: KrakenDialectOptions = {}): DialectHandler {
  const { engine, now } = context
  const pairs = createPairIndex(() => engine.markets())
  const rateLimits = createRateLimits(options.rateLimits ?? {}, now)
  const authenticator = createAuthenticator(
    () => context.credentials,
    createNonceTracker(),
    now,
    options.lockout ?? DEFAULT_LOCKOUT
  )
  const userrefs = new Map<number, number>()

  const handlePublic = (name: string, request: SimRequest): SimResponse => {
    const endpoint = PUBLIC_ENDPOINTS[name]
    if (!endpoint) return krakenFailure('EGeneral:Unknown method', 404)
    const params = request.method === 'POST' ? parseForm(request.body) : parseForm(request.query)
    return krakenResult(endpoint(params, { engine, pairs, now }))
  }

  const handlePrivate = (name: string, request: SimRequest): SimResponse => {
    const endpoint = PRIVATE_ENDPOINTS[name]
    if (!endpoint || request.method !== 'POST') return krakenFailure('EGeneral:Unknown method', 404)
    const params = parseBody(request.body, header(request, 'content-type'))
    const owner = authenticator.authenticate(request, params['nonce'])
    if (!rateLimits.chargeCall(owner, name)) throw new KrakenError('EAPI:Rate limit exceeded')
    const ctx: PrivateContext = { engine, pairs, now, owner, userrefs, rateLimits }
    return krakenResult(endpoint(params, ctx))
  }

  return {
    venue: 'kraken',
    handle(request) {
      const route = ROUTE.exec(request.path)
      if (!route) return krakenFailure('EGeneral:Unknown method', 404)
      const [, api, name = ''] = route
      try {
        return api === 'public' ? handlePublic(name, request) : handlePrivate(name, request)
      } catch (error) {
        return failureFrom(error)
      }
    },
    unavailable(kind, request) {
      if (kind === 'server-error') return krakenFailure('EGeneral:Internal error', 500)
      if (request.path === '/0/public/SystemStatus') {
        return krakenResult({ status: 'maintenance', timestamp: isoSeconds(now()) })
      }
      return krakenFailure('EService:Unavailable')
    },
    // Kraken sends no 429 and no Retry-After: its refusal is an error in a 200 body.
    rateLimited(request) {
      return krakenFailure(
        request.path === '/0/private/AddOrder' ? 'EOrder:Rate limit exceeded' : 'EAPI:Rate limit exceeded'
      )
    },
    isOrderPlacement: (request) => request.method === 'POST' && request.path === '/0/private/AddOrder',
  }
}
