// What the API may do with a fuzzed request. Reads (GET) may answer 2xx: they start nothing (market data, balances
// and venue health come from the simulator through the VenueReader; history, risk and reconciliation from the
// database). Every other method may answer 2xx, start a workflow or change state only when the request is valid by the
// route's own rules, restated here from its schema: the generator drops those, so a 2xx or a start on a write is a bug.
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
import { riskLimitsPatchProblem } from '../../domain/risk/config.js'
import type { FuzzRequest, RouteSpec } from './fuzz-requests.js'

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/
const JSON_TYPE = /^application\/json\s*(;|$)/i

type Check = (body: unknown) => boolean
const bySchema =
  (schema: z.ZodType): Check =>
  (body) =>
    schema.safeParse(body).success

/** Write routes that can act on a request, with the check that decides whether they may; `key`: reads Idempotency-Key. */
const WRITES: Record<string, { valid: Check; key: boolean; emptyBodyOk?: boolean }> = {
  'POST /api/orders': { valid: bySchema(placeOrderBody), key: true },
  'POST /api/orders/failover': { valid: bySchema(failoverOrderBody), key: true },
  'POST /api/smart-order': { valid: bySchema(smartOrderBody), key: true },
  'POST /api/arbitrage/execute': { valid: bySchema(arbitrageExecuteBody), key: true },
  'POST /api/arbitrage/monitor': { valid: bySchema(arbitrageMonitorBody), key: true },
  'PUT /api/trading-state': { valid: bySchema(tradingStateBody), key: false },
  'PUT /api/risk/limits': { valid: (body) => riskLimitsPatchProblem(body) === undefined, key: false },
  // A valid body may still be refused: the path must name a binance perpetual, the leverage fit its bracket.
  'PUT /api/leverage/:exchange/:symbol': { valid: bySchema(setLeverageBody), key: false },
  'POST /api/reconciliation': {
    valid: (body) => isPlainObject(body) && Object.keys(body).length === 0,
    key: false,
    emptyBodyOk: true,
  },
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

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
  if (!isPlainObject(body) || !write.valid(body)) return false
  const key = request.headers['Idempotency-Key']
  return !write.key || key === undefined || IDEMPOTENCY_KEY.test(key)
}
