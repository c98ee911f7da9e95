// The route table's types and matcher. Each route names its rate-limit class: public (per IP), private (per
// profile) or fills (its own per-profile bucket).
import type { SimRequest, SimResponse } from '../../dialect.js'
import type { CoinbaseState } from './state.js'

export type RouteAccess = 'public' | 'private' | 'fills'

export interface RouteContext {
  request: SimRequest
  /** Capture groups of the route's pattern, URI-decoded. */
  params: string[]
  query: URLSearchParams
  /** API key of the authenticated account ('' on public routes). */
  owner: string
  state: CoinbaseState
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE'
  pattern: RegExp
  access: RouteAccess
  handle(context: RouteContext): SimResponse
}

export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string
): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue
    const match = route.pattern.exec(path)
    if (match) return { route, params: match.slice(1).map((part) => decodeURIComponent(part)) }
  }
  return undefined
}

export const ok = (body: unknown): SimResponse => ({ status: 200, body })
