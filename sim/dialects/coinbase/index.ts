// The Coinbase Exchange dialect: its REST API as the unmodified ccxt `coinbaseexchange` (4.5.84) uses it, over
// a VenueEngine. See /work/shared/reference/exchange-wire-formats.md §2.
import type { DialectContext, DialectFactory, DialectHandler, SimRequest, SimResponse } from '../../dialect.js'
import { authenticate } from './auth.js'
import { accountRoutes } from './account-routes.js'
import { coinbaseError, isSimError, notFound, simErrorResponse } from './errors.js'
import { profileIdOf } from './ids.js'
import { orderRoutes } from './order-routes.js'
import { publicRoutes } from './public-routes.js'
import { createCoinbaseRateLimiter, PUBLISHED_RATE_LIMITS, type CoinbaseRateLimits } from './rate-limits.js'
import { matchRoute, type Route } from './routes.js'
import { createCoinbaseState } from './state.js'
import { createTransferBook } from './transfers.js'

export { coinbaseSignature } from './signature.js'
export { PUBLISHED_RATE_LIMITS, type CoinbaseRateLimits } from './rate-limits.js'

export interface CoinbaseDialectOptions {
  /** Defaults to Coinbase's published limits; tests inject small ones. */
  rateLimits?: Partial<CoinbaseRateLimits>
}

const ROUTES: readonly Route[] = [...publicRoutes, ...accountRoutes, ...orderRoutes]

/** A Coinbase dialect factory with non-default options (e.g. a small rate limit for a test). */
export function coinbaseDialect(options: CoinbaseDialectOptions = {}): DialectFactory {
  return (context) => createHandler(context, { ...PUBLISHED_RATE_LIMITS, ...options.rateLimits })
}

export const createCoinbaseDialect: DialectFactory = coinbaseDialect()

function createHandler(context: DialectContext, rateLimits: CoinbaseRateLimits): DialectHandler {
  const { engine, credentials, now } = context
  const state = createCoinbaseState(
    engine,
    now,
    createTransferBook(
      engine,
      now,
      credentials.map((c) => c.apiKey)
    )
  )
  const limiter = createCoinbaseRateLimiter(rateLimits, now)

  function handle(request: SimRequest): SimResponse {
    const matched = matchRoute(ROUTES, request.method.toUpperCase(), request.path)
    if (!matched) return notFound()
    const { route, params } = matched
    let owner = ''
    if (route.access === 'public') {
      const refused = limiter.check('public', request.ip)
      if (refused) return refused
    } else {
      const auth = authenticate(request, credentials, now())
      if ('error' in auth) return auth.error
      owner = auth.credentials.apiKey
      const refused = limiter.check(route.access, profileIdOf(owner))
      if (refused) return refused
    }
    try {
      return route.handle({ request, params, query: new URLSearchParams(request.query), owner, state })
    } catch (error) {
      if (isSimError(error)) return simErrorResponse(error)
      throw error
    }
  }

  return {
    venue: 'coinbase',
    handle,
    unavailable(kind) {
      return kind === 'maintenance'
        ? coinbaseError(503, 'Coinbase Exchange is under maintenance')
        : coinbaseError(500, 'Internal server error')
    },
    rateLimited(request, retryAfterSeconds) {
      const message = request.path.startsWith('/products')
        ? 'Public rate limit exceeded'
        : 'Private rate limit exceeded'
      return coinbaseError(429, message, { 'Retry-After': String(retryAfterSeconds) })
    },
    isOrderPlacement: (request) => request.method.toUpperCase() === 'POST' && request.path === '/orders',
    detachedOrders: () => [...state.detached.values()],
  }
}
