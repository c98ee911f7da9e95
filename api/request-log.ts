// One log line per request, and a request id on every line: the id is taken from a sane incoming X-Request-Id
// (word characters, '-' and '=', at most 128) or generated, echoed in the response, and carried by the request's
// child logger (`c.get('logger')`), which handlers and the audit lines use. The line is written when the answer is
// known: method, path (never the query string, which may carry anything), status, duration, the token's name and
// the workflow the request started or read (`c.set('workflowId', id)` by the routes that know it).
import type { Context, MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import type { Logger } from 'pino'

declare module 'hono' {
  interface ContextVariableMap {
    /** This request's logger: every line it writes carries the request id. */
    logger: Logger
    /** The workflow this request started, joined or read. */
    workflowId: string
  }
}

/** Paths are user input: a line never carries more than this much of one. */
const MAX_LOGGED_PATH = 256

export function requestLog(logger: Logger): MiddlewareHandler {
  const assignRequestId = requestId({ limitLength: 128 })
  return async function requestLog(c, next) {
    await assignRequestId(c, async () => {
      const started = performance.now()
      const log = logger.child({ requestId: c.get('requestId') })
      c.set('logger', log)
      try {
        await next()
      } finally {
        const status = c.res.status
        const line = {
          method: c.req.method,
          path: c.req.path.slice(0, MAX_LOGGED_PATH),
          status,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          tokenName: tokenName(c),
          workflowId: c.get('workflowId') ?? null,
        }
        if (status >= 500) log.error(line, 'request')
        else log.info(line, 'request')
      }
    })
  }
}

/**
 * The name of the token that authenticated the request: the auth middleware sets `c.set('token', { name, scopes })`;
 * absent (null) in tokenless loopback demo mode and on a request refused before it was identified.
 */
export function tokenName(c: Context): string | null {
  const token = (c.var as { token?: { name?: unknown } }).token
  return typeof token?.name === 'string' ? token.name : null
}

/** Reads the :workflowId parameter and names it on the request's log line. */
export function workflowIdParam(c: Context, name = 'workflowId'): string {
  const workflowId = c.req.param(name) ?? ''
  c.set('workflowId', workflowId)
  return workflowId
}
