// Bearer tokens with scopes for /api. Tokens are configured as SHA-256 digests (GATEWAY_API_TOKENS_FILE; the
// GATEWAY_API_TOKEN secret becomes the token 'default' with every scope). A presented token is hashed and compared
// in constant time with EVERY configured digest, without an early exit: neither which token matched, nor how many
// bytes of it did, nor the token's length shows in the time taken.
// Missing or wrong token: 401; a token without the route's scope: 403. Neither says which tokens or scopes exist.
import { createHash, timingSafeEqual } from 'node:crypto'

import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'

import { ApiError } from './errors.js'
import { scopeOfRoute, type Scope } from './scopes.js'

/** A token as configured: its name (in logs and the audit), the SHA-256 of its secret, its scopes. */
export interface ConfiguredToken {
  name: string
  sha256: Buffer
  scopes: readonly Scope[]
}

/** The token a request authenticated with, as the rest of the request sees it (`c.get('token')`). */
export interface AuthenticatedToken {
  name: string
  scopes: Scope[]
}

/** Absent in tokenless loopback demo mode. */
export type AuthVariables = { token?: AuthenticatedToken }
export type AuthEnv = { Variables: AuthVariables }

/** The actor recorded in audits: the token's name, 'api' when the API runs without tokens. */
export function actorOf(c: Context): string {
  return (c as unknown as Context<AuthEnv>).get('token')?.name ?? 'api'
}

export const sha256 = (secret: string): Buffer => createHash('sha256').update(secret).digest()

/**
 * The configured token whose digest equals the presented secret's. Every configured digest is compared, whatever
 * matched before; `compare` is injectable only so that a test can count the comparisons.
 */
export function matchToken(
  tokens: readonly ConfiguredToken[],
  presented: string,
  compare: (a: Buffer, b: Buffer) => boolean = timingSafeEqual
): ConfiguredToken | undefined {
  const digest = sha256(presented)
  let found: ConfiguredToken | undefined
  for (const token of tokens) {
    const equal = compare(digest, token.sha256)
    // No break and no short-circuit: the loop runs the same comparisons whichever token matches.
    found = equal && found === undefined ? token : found
  }
  return found
}

const BEARER = /^Bearer ([\x21-\x7e]+)$/

/** Sets c.var.token when the Authorization header carries a configured token; it refuses nothing itself. */
export function identifyBearer(tokens: readonly ConfiguredToken[]): MiddlewareHandler<AuthEnv> {
  return async function identifyBearer(c, next) {
    const presented = BEARER.exec(c.req.header('Authorization') ?? '')?.[1]
    const token = presented === undefined || tokens.length === 0 ? undefined : matchToken(tokens, presented)
    if (token) c.set('token', { name: token.name, scopes: [...token.scopes] })
    await next()
  }
}

/**
 * 401 without a valid token (when tokens are configured), 403 when the token lacks the scope of the route that
 * will answer (api/scopes.ts). Without tokens (loopback demo mode) every route is open.
 */
export function authorize(tokensRequired: boolean): MiddlewareHandler<AuthEnv> {
  return async function authorize(c, next) {
    if (!tokensRequired) return next()
    const token = c.get('token')
    if (!token) {
      c.header('WWW-Authenticate', 'Bearer')
      throw new ApiError(401, 'unauthorized', 'send Authorization: Bearer <token> with a valid API token')
    }
    // The first route handler matched (middleware is registered for ALL methods): the one that will answer.
    const route = matchedRoutes(c).find((r) => r.method !== 'ALL')
    if (route && !token.scopes.includes(scopeOfRoute(route.method, route.path))) {
      throw new ApiError(403, 'forbidden', 'this token may not use this route')
    }
    await next()
  }
}
