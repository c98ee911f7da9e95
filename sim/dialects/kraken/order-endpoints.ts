// Private order entry and order queries.
import type { SimOrder } from '../../engine/types.js'
import { parseAddOrder } from './add-order.js'
import { KrakenError } from './errors.js'
import { describeOrder, isOpenStatus, orderView } from './order-view.js'
import { type Params, isTrue, optionalInteger, optionalSeconds } from './params.js'
import { type PrivateContext, type PrivateEndpoint, pairOf } from './private-context.js'
import { decodeTxid, encodeTxid } from './txid.js'

const PAGE_SIZE = 50
const MAX_QUERY_IDS = 50

const unknownOrder = (): KrakenError => new KrakenError('EOrder:Unknown order')

function ordersById(orders: SimOrder[], params: Params, ctx: PrivateContext): Record<string, unknown> {
  const withTrades = isTrue(params['trades'])
  return Object.fromEntries(
    orders.map((order) => [
      encodeTxid('order', order.id),
      orderView(order, pairOf(order, ctx), { userref: ctx.userrefs.get(order.id), withTrades }),
    ])
  )
}

/** The userref and cl_ord_id filters of OpenOrders / ClosedOrders. */
function matchesTags(order: SimOrder, params: Params, ctx: PrivateContext): boolean {
  const userref = optionalInteger(params, 'userref')
  const clientOrderId = params['cl_ord_id']
  if (userref !== undefined && ctx.userrefs.get(order.id) !== userref) return false
  return clientOrderId === undefined || clientOrderId === '' || order.clientOrderId === clientOrderId
}

function inTimeRange(order: SimOrder, params: Params): boolean {
  const start = optionalSeconds(params, 'start')
  const end = optionalSeconds(params, 'end')
  const within = (ms: number): boolean =>
    (start === undefined || ms > start * 1000) && (end === undefined || ms <= end * 1000)
  const closetime = params['closetime'] ?? 'both'
  if (closetime === 'open') return within(order.createdAt)
  if (closetime === 'close') return within(order.updatedAt)
  return within(order.createdAt) || within(order.updatedAt)
}

/** Orders a CancelOrder `txid` names: one order by txid, or every open order carrying that userref. */
function ordersToCancel(params: Params, ctx: PrivateContext): SimOrder[] {
  const clientOrderId = params['cl_ord_id']
  if (clientOrderId !== undefined && clientOrderId !== '') {
    const order = ctx.engine.openOrders(ctx.owner).find((o) => o.clientOrderId === clientOrderId)
    if (!order) throw unknownOrder()
    return [order]
  }
  const txid = params['txid'] ?? ''
  if (txid === '') throw new KrakenError('EGeneral:Invalid arguments')
  if (/^-?\d+$/.test(txid)) {
    const userref = Number(txid)
    const tagged = ctx.engine.openOrders(ctx.owner).filter((o) => ctx.userrefs.get(o.id) === userref)
    if (tagged.length === 0) throw unknownOrder()
    return tagged
  }
  const id = decodeTxid('order', txid)
  const order = id === undefined ? undefined : ctx.engine.getOrder(ctx.owner, { id })
  if (!order) throw unknownOrder()
  return [order]
}

function cancel(order: SimOrder, ctx: PrivateContext): void {
  ctx.engine.cancelOrder(ctx.owner, { id: order.id })
  ctx.rateLimits.chargeCancel(ctx.owner, pairOf(order, ctx).id, ctx.now() - order.createdAt)
}

export const ORDER_ENDPOINTS: Record<string, PrivateEndpoint> = {
  AddOrder: (params, ctx) => {
    const parsed = parseAddOrder(params, ctx.pairs, ctx.now(), (symbol) => ctx.engine.mid(symbol))
    const descr = { order: describeOrder(parsed.shape, parsed.pair) }
    if (parsed.validateOnly) return { descr }
    if (!ctx.rateLimits.chargeAddOrder(ctx.owner, parsed.pair.id)) throw new KrakenError('EOrder:Rate limit exceeded')
    const order = ctx.engine.placeOrder(ctx.owner, parsed.order)
    if (parsed.userref !== undefined) ctx.userrefs.set(order.id, parsed.userref)
    return { descr, txid: [encodeTxid('order', order.id)] }
  },

  CancelOrder: (params, ctx) => {
    const orders = ordersToCancel(params, ctx)
    for (const order of orders) cancel(order, ctx)
    return { count: orders.length, pending: false }
  },

  CancelAll: (_params, ctx) => {
    const orders = ctx.engine.openOrders(ctx.owner)
    for (const order of orders) cancel(order, ctx)
    return { count: orders.length }
  },

  QueryOrders: (params, ctx) => {
    const txids = (params['txid'] ?? '').split(',').filter((t) => t !== '')
    if (txids.length === 0) throw new KrakenError('EGeneral:Invalid arguments:txid')
    if (txids.length > MAX_QUERY_IDS) throw new KrakenError('EGeneral:Invalid arguments')
    const orders = txids.flatMap((txid) => {
      const id = decodeTxid('order', txid)
      const order = id === undefined ? undefined : ctx.engine.getOrder(ctx.owner, { id })
      return order ? [order] : []
    })
    if (orders.length === 0) throw unknownOrder()
    const userref = optionalInteger(params, 'userref')
    const tagged = orders.filter((o) => userref === undefined || ctx.userrefs.get(o.id) === userref)
    return ordersById(tagged, params, ctx)
  },

  OpenOrders: (params, ctx) => {
    const orders = ctx.engine
      .openOrders(ctx.owner)
      .filter((o) => isOpenStatus(o.status) && matchesTags(o, params, ctx))
      .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    return { open: ordersById(orders, params, ctx) }
  },

  ClosedOrders: (params, ctx) => {
    const offset = optionalInteger(params, 'ofs') ?? 0
    const orders = ctx.engine
      .closedOrders(ctx.owner)
      .filter((o) => matchesTags(o, params, ctx) && inTimeRange(o, params))
      .sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id)
    return { closed: ordersById(orders.slice(offset, offset + PAGE_SIZE), params, ctx), count: orders.length }
  },
}
