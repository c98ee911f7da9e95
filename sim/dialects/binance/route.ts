// What one Binance endpoint is: where it lives, whether it is SIGNED, its request weight, and its handler.

import type { VenueEngine } from '../../engine/types.js'
import type { BinanceParams } from './params.js'
import type { BinanceLimits, BinanceRateLimiter } from './rate-limit.js'
import type { ApiFamily } from './symbols.js'

export interface RouteContext {
  engine: VenueEngine
  params: BinanceParams
  now: number
  /** API key of the signed request's account; '' on public endpoints. */
  owner: string
  /** Binance's numeric account id for the owner. */
  uid: number
  limits: BinanceLimits
  limiter: BinanceRateLimiter
}

export interface RouteResult {
  body: unknown
  headers?: Record<string, string>
}

export interface BinanceRoute {
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  family: ApiFamily
  signed: boolean
  /** Request weight as Binance publishes it, some depending on parameters (depth limit, symbol or not). */
  weight: (params: BinanceParams) => number
  handle: (context: RouteContext) => RouteResult
}

export const fixedWeight = (weight: number) => (): number => weight

/** Weights that drop when the request names a symbol (ticker/24hr, openOrders). */
export const symbolWeight =
  (withSymbol: number, without: number) =>
  (params: BinanceParams): number =>
    params.has('symbol') ? withSymbol : without

/** A SIGNED endpoint of one API family: `signedRoute('spot')('GET', '/api/v3/order', weight, handle)`. */
export const signedRoute =
  (family: ApiFamily) =>
  (
    method: BinanceRoute['method'],
    path: string,
    weight: BinanceRoute['weight'],
    handle: BinanceRoute['handle']
  ): BinanceRoute => ({ method, path, family, signed: true, weight, handle })
