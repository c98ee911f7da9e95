// What the API may do with a fuzzed request. Reads (GET) may answer 2xx: they start nothing (market data, balances
// and venue health come from the simulator through the VenueReader; history, risk and reconciliation from the
// database). Every other method may answer 2xx, start a workflow or change state only when the request is valid by the
// route's own rules, restated here from its schema: the generator drops those, so a 2xx or a start on a write is a bug.
// A command to a running order (cancel, amend) is an update of its run, recorded like a start.
import { HonoRequest } from 'hono/request'
import type { z } from 'zod'

import {
  arbitrageExecuteBody,
  arbitrageMonitorBody,
  failoverOrderBody,
  placeOrderBody,
  smartOrderBody,
} from '../../api/schemas.js'
import { tradingStateBody } from '../../api/routes/risk.js'
import { setLeverageBody } from '../../api/schemas-account.js'
import { amendOrderBody, cancelOrdersQuery } from '../../api/schemas-orders.js'
import { riskLimitsPatchProblem } from '../../domain/risk/config.js'
import type { FuzzRequest, RouteSpec } from './fuzz-requests.js'
import { RUNNING_ORDER_ID } from './fuzz-runner.js'

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/
const JSON_TYPE = /^application\/json\s*(;|$)/i

/** What a route reads of a request besides its body: its path parameters (decoded) and its query, as Hono reads them. */
interface Sent {
  params: Record<string, string>
  query: Record<string, string>
}
type Check = (body: unknown, sent: Sent) => boolean
const bySchema =
  (schema: z.ZodType): Check =>
  (body) =>
    schema.safeParse(body).success
const toRunningOrder = (sent: Sent) => sent.params.workflowId === RUNNING_ORDER_ID

/**
 * Write routes that can act on a request, with the check that decides whether they may; `key`: reads Idempotency-Key;
 * `ignoresBody`: acts on its path and query alone, whatever body came with it.
 */
const WRITES: Record<string, { valid: Check; key: boolean; emptyBodyOk?: boolean; ignoresBody?: boolean }> = {
  'POST /api/orders': { valid: bySchema(placeOrderBody), key: true },
  'POST /api/orders/failover': { valid: bySchema(failoverOrderBody), key: true },
  'POST /api/smart-order': { valid: bySchema(smartOrderBody), key: true },
  'POST /api/arbitrage/execute': { valid: bySchema(arbitrageExecuteBody), key: true },
  'POST /api/arbitrage/monitor': { valid: bySchema(arbitrageMonitorBody), key: true },
  'PUT /api/trading-state': { valid: bySchema(tradingStateBody), key: false },
  'PUT /api/risk/limits': { valid: (body) => riskLimitsPatchProblem(body) === undefined, key: false },
  // A valid body may still be refused: the path must name a binance perpetual, the leverage fit its bracket.
  'PUT /api/leverage/:exchange/:symbol': { valid: bySchema(setLeverageBody), key: false },
  // A sweep of the ledger's open orders, by its query.
  'DELETE /api/orders': {
    valid: (_, sent) => cancelOrdersQuery.safeParse(sent.query).success,
    key: true,
    ignoresBody: true,
  },
  // Commands reach only a run that exists (the fuzzer's Temporal knows one).
  'DELETE /api/orders/:workflowId': { valid: (_, sent) => toRunningOrder(sent), key: true, ignoresBody: true },
  'PATCH /api/orders/:workflowId': {
    valid: (body, sent) => toRunningOrder(sent) && amendOrderBody.safeParse(body).success,
    key: true,
  },
  'POST /api/reconciliation': {
    valid: (body) => isPlainObject(body) && Object.keys(body).length === 0,
    key: false,
    emptyBodyOk: true,
  },
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** True for a route that can act on a request (start a workflow, command one, change state). */
export const canAct = (route: RouteSpec): boolean => `${route.method} ${route.path}` in WRITES

/** The route of the app this method and path reach, if any (Hono's strict matching: a trailing slash differs). */
export function matchRoute(routes: RouteSpec[], method: string, pathname: string): RouteSpec | undefined {
  return routes.find((route) => {
    if (route.method !== method) return false
    const pattern = new RegExp(`^${route.path.replace(/:\w+/g, '[^/]+')}$`)
    return pattern.test(pathname)
  })
}

/** True when the route reached may act on this request (start a workflow, change state). */
export function mayAct(route: RouteSpec | undefined, request: FuzzRequest): boolean {
  if (!route) return false
  const write = WRITES[`${route.method} ${route.path}`]
  if (!write) return false
  const key = request.headers['Idempotency-Key']
  if (write.key && key !== undefined && !IDEMPOTENCY_KEY.test(key)) return false
  const sent = sentOf(route, request)
  if (write.ignoresBody) return write.valid(undefined, sent)
  // As the app reads it: UTF-8 on the wire (a lone surrogate becomes U+FFFD) and a leading BOM dropped.
  const text = new TextDecoder().decode(new TextEncoder().encode(request.body ?? ''))
  if (write.emptyBodyOk && text.trim() === '') return true
  if (!JSON_TYPE.test(request.headers['content-type'] ?? '')) return false
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return false
  }
  return isPlainObject(body) && write.valid(body, sent)
}

function sentOf(route: RouteSpec, request: FuzzRequest): Sent {
  // As app.request builds it: a path relative to http://localhost (a fragment, and any query after it, dropped).
  const url = new URL(`http://localhost${request.path}`)
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
  const values = new RegExp(`^${route.path.replace(/:\w+/g, '([^/]+)')}$`).exec(url.pathname)?.slice(1) ?? []
  const params = Object.fromEntries(names.map((name, i) => [name, decoded(values[i] ?? '')]))
  return { params, query: new HonoRequest(new Request(url)).query() }
}

/** A path parameter as Hono decodes it: a malformed escape leaves the text as it came. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
