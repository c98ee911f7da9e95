// Bearer-token authentication for /api. The token comes from GATEWAY_API_TOKEN; the comparison is constant-time
// (on hashes, so that the token's length does not leak either).
import { createHash, timingSafeEqual } from 'node:crypto'

import type { MiddlewareHandler } from 'hono'

import { ApiError } from './errors.js'

const digest = (value: string) => createHash('sha256').update(value).digest()

export function requireBearerToken(token: string): MiddlewareHandler {
  const expected = digest(token)
  return async function requireBearerToken(c, next) {
    const presented = /^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '')?.[1]
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
      c.header('WWW-Authenticate', 'Bearer')
      throw new ApiError(401, 'unauthorized', 'send Authorization: Bearer <token> (the GATEWAY_API_TOKEN of this deployment)')
    }
    await next()
  }
}
