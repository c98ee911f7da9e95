// The Binance dialect: spot (/api/v3, /sapi/v1/system/status) and USD-M futures (/fapi/v1, v2, v3) on one
// port, answering the unmodified ccxt `binance` client as Binance would (wire-formats §1).

import type { DialectFactory, DialectHandler, SimRequest, SimResponse } from '../../dialect.js'
import { authenticate } from './auth.js'
import { BinanceApiError, unavailableResponse } from './errors.js'
import { futuresMarketRoutes } from './futures-market-routes.js'
import { futuresTradeRoutes } from './futures-trade-routes.js'
import { BinanceParams } from './params.js'
import { PUBLISHED_BINANCE_LIMITS, createBinanceRateLimiter, type BinanceLimits } from './rate-limit.js'
import type { BinanceRoute } from './route.js'
import { spotMarketRoutes } from './spot-market-routes.js'
import { spotTradeRoutes } from './spot-trade-routes.js'

export { PUBLISHED_BINANCE_LIMITS, type BinanceLimits } from './rate-limit.js'
export { binanceSignature, signedPayload, verifyBinanceSignature } from './sign.js'

const ROUTES: BinanceRoute[] = [...spotMarketRoutes, ...spotTradeRoutes, ...futuresMarketRoutes, ...futuresTradeRoutes]
const ORDER_PLACEMENT_PATHS = ['/api/v3/order', '/fapi/v1/order']
// Binance accounts have numeric ids; the simulator numbers its accounts from here.
const FIRST_UID = 354_937_868

export interface BinanceDialectOptions {
  /** Rate limits to enforce; Binance's published ones by default. Tests lower them to provoke 429 and 418. */
  limits?: Partial<BinanceLimits>
}

/** A Binance dialect factory with the given options. */
export function binanceDialect(options: BinanceDialectOptions = {}): DialectFactory {
  return function createBinance(context): DialectHandler {
    const limits: BinanceLimits = { ...PUBLISHED_BINANCE_LIMITS, ...options.limits }
    const limiter = createBinanceRateLimiter(limits, context.now)

    function route(request: SimRequest): BinanceRoute | undefined {
      return ROUTES.find((r) => r.method === request.method && r.path === request.path)
    }

    return {
      venue: 'binance',

      handle(request): SimResponse {
        const found = route(request)
        if (found === undefined) return { status: 404, body: '<html><body><h2>404 Not found</h2></body></html>' }
        let weightHeaders: Record<string, string> = {}
        try {
          const params = new BinanceParams(request.query, request.body)
          weightHeaders = limiter.admitRequest(found.family, request.ip, found.weight(params))
          const now = context.now()
          const owner = found.signed ? authenticate(request, params, context.credentials, now) : ''
          const uid = FIRST_UID + context.credentials.findIndex((c) => c.apiKey === owner)
          const result = found.handle({ engine: context.engine, params, now, owner, uid, limits, limiter })
          return { status: 200, body: result.body, headers: { ...weightHeaders, ...result.headers } }
        } catch (error) {
          if (!(error instanceof BinanceApiError)) throw error
          const response = error.toResponse()
          return { ...response, headers: { ...weightHeaders, ...response.headers } }
        }
      },

      unavailable(kind, request) {
        return unavailableResponse(kind, request.path)
      },

      rateLimited(_request, retryAfterSeconds) {
        const message = 'Too much request weight used; current limit is 6000 request weight per 1 MINUTE.'
        return new BinanceApiError(429, -1003, message, { 'Retry-After': String(retryAfterSeconds) }).toResponse()
      },

      isOrderPlacement(request) {
        return request.method === 'POST' && ORDER_PLACEMENT_PATHS.includes(request.path)
      },
    }
  }
}

export const createBinanceDialect: DialectFactory = binanceDialect()
