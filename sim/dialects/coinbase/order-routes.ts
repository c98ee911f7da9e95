// Orders: place, get (by id or client_oid), list, cancel (one, by client_oid, all).
import type { SimResponse } from '../../dialect.js'
import type { SimOrder } from '../../engine/types.js'
import { recordDetachedOrder } from './detached-order.js'
import { badRequest, isSimError, notFound, simErrorResponse } from './errors.js'
import { parseDateParam } from './format.js'
import { isUuid } from './ids.js'
import { findOrder, renderOrder, type OrderSelector } from './order-lookup.js'
import { parseOrderRequest } from './order-request.js'
import { coinbaseStatus } from './order-view.js'
import { marketOfProduct } from './products.js'
import { ok, type Route, type RouteContext } from './routes.js'

const OPEN_STATUSES = ['open', 'pending', 'active']
const LIST_DEFAULT = 100
const LIST_MAX = 1000

function placeOrder({ state, owner, request }: RouteContext): SimResponse {
  const parsed = parseOrderRequest(request.body, (symbol) => state.engine.market(symbol), state.now())
  if ('error' in parsed) return parsed.error
  const { params } = parsed
  // No uniqueness check: Coinbase Exchange accepts a client_oid already in use (see sim/engine/placement.ts).
  try {
    const order = state.engine.placeOrder(owner, params)
    return ok(renderOrder(state, order, state.ids.uuidOf(order.id), true))
  } catch (error) {
    if (!isSimError(error)) throw error
    if (error.code === 'POST_ONLY_WOULD_CROSS') {
      const { order, uuid } = recordDetachedOrder(state, owner, params, 'rejected', 'post only')
      return ok(renderOrder(state, order, uuid, true))
    }
    if (error.code === 'FOK_NOT_FILLABLE' || error.code === 'NO_LIQUIDITY') {
      const { order, uuid } = recordDetachedOrder(state, owner, params, 'canceled', error.message)
      return ok(renderOrder(state, order, uuid, true))
    }
    return simErrorResponse(error)
  }
}

/** `/orders/{id}` takes a UUID; `/orders/client:{client_oid}` the client's id. */
function selectorOf(raw: string): OrderSelector | SimResponse {
  // client_oid is a UUID: one value whatever its letter case
  if (raw.startsWith('client:')) return { clientOid: raw.slice('client:'.length).toLowerCase() }
  return isUuid(raw) ? { uuid: raw } : badRequest('Invalid order id')
}

function getOrder({ state, owner, params }: RouteContext): SimResponse {
  const selector = selectorOf(params[0] ?? '')
  if ('status' in selector) return selector
  const found = findOrder(state, owner, selector)
  return found ? ok(renderOrder(state, found.order, found.uuid)) : notFound()
}

function cancelOrder({ state, owner, params }: RouteContext): SimResponse {
  const selector = selectorOf(params[0] ?? '')
  if ('status' in selector) return selector
  const found = findOrder(state, owner, selector)
  if (!found) return notFound()
  if (found.detached) return badRequest('Order already done')
  state.engine.cancelOrder(owner, { id: found.order.id })
  // Coinbase answers with the id it was asked about, as a JSON string.
  return { status: 200, body: JSON.stringify('uuid' in selector ? found.uuid : selector.clientOid) }
}

/** product_id comes in the query, or (ccxt, quirk 9) in a JSON body as the unified symbol "BTC/USD". */
function productFilter({ state, query, request }: RouteContext): { symbol?: string } | SimResponse {
  let product = query.get('product_id') ?? undefined
  if (product === undefined && request.body.startsWith('{')) {
    const fromBody = productInBody(request.body)
    if (fromBody === null) return badRequest('Invalid JSON')
    product = fromBody?.replace('/', '-')
  }
  if (product === undefined) return {}
  const market = marketOfProduct(state.engine, product)
  return market ? { symbol: market.symbol } : badRequest('Product not found')
}

/** undefined when the body names no product, null when it is not JSON. */
function productInBody(body: string): string | undefined | null {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>
    return typeof parsed['product_id'] === 'string' ? parsed['product_id'] : undefined
  } catch {
    return null
  }
}

function cancelAll(context: RouteContext): SimResponse {
  const filter = productFilter(context)
  if ('status' in filter) return filter
  const { state, owner } = context
  const canceled = state.engine.openOrders(owner, filter.symbol).map((order) => {
    state.engine.cancelOrder(owner, { id: order.id })
    return state.ids.uuidOf(order.id)
  })
  return ok(canceled)
}

function listOrders(context: RouteContext): SimResponse {
  const filter = productFilter(context)
  if ('status' in filter) return filter
  const { state, owner, query } = context
  const requested = query.getAll('status')
  const statuses = new Set(requested.length === 0 ? OPEN_STATUSES : requested)
  const everything = statuses.has('all')
  const start = parseDateParam(query.get('start_date'))
  const end = parseDateParam(query.get('end_date'))
  const limit = Math.min(LIST_MAX, Number(query.get('limit') ?? LIST_DEFAULT) || LIST_DEFAULT)
  const candidates: SimOrder[] = [...state.engine.openOrders(owner, filter.symbol)]
  if (everything || statuses.has('done') || statuses.has('rejected')) {
    candidates.push(...state.engine.closedOrders(owner, filter.symbol, start))
  }
  const rows = candidates
    .filter((order) => everything || statuses.has(coinbaseStatus(order).status))
    .filter(
      (order) => (start === undefined || order.createdAt >= start) && (end === undefined || order.createdAt <= end)
    )
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    .slice(0, limit)
  return ok(rows.map((order) => renderOrder(state, order, state.ids.uuidOf(order.id))))
}

export const orderRoutes: readonly Route[] = [
  { method: 'POST', pattern: /^\/orders$/, access: 'private', handle: placeOrder },
  { method: 'GET', pattern: /^\/orders$/, access: 'private', handle: listOrders },
  { method: 'DELETE', pattern: /^\/orders$/, access: 'private', handle: cancelAll },
  { method: 'GET', pattern: /^\/orders\/([^/]+)$/, access: 'private', handle: getOrder },
  { method: 'DELETE', pattern: /^\/orders\/([^/]+)$/, access: 'private', handle: cancelOrder },
]
