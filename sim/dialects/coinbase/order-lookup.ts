// Finding an account's order by Coinbase id (UUID) or client_oid, in the engine or among the detached orders,
// and rendering it with its Coinbase id.
import type { SimOrder } from '../../engine/types.js'
import { profileIdOf } from './ids.js'
import { orderView } from './order-view.js'
import type { CoinbaseState } from './state.js'

export type OrderSelector = { uuid: string } | { clientOid: string }

export interface FoundOrder {
  order: SimOrder
  uuid: string
  /** True for orders only the dialect knows (see CoinbaseState.detached). */
  detached: boolean
}

export function findOrder(state: CoinbaseState, owner: string, selector: OrderSelector): FoundOrder | undefined {
  if ('uuid' in selector) {
    const engineId = state.ids.engineIdOf(selector.uuid)
    const order = engineId === undefined ? undefined : state.engine.getOrder(owner, { id: engineId })
    if (order) return { order, uuid: state.ids.uuidOf(order.id), detached: false }
    const detached = state.detached.get(selector.uuid.toLowerCase())
    return detached?.owner === owner
      ? { order: detached, uuid: selector.uuid.toLowerCase(), detached: true }
      : undefined
  }
  const order = state.engine.getOrder(owner, { clientOrderId: selector.clientOid })
  if (order) return { order, uuid: state.ids.uuidOf(order.id), detached: false }
  for (const [uuid, detached] of state.detached) {
    if (detached.owner === owner && detached.clientOrderId === selector.clientOid)
      return { order: detached, uuid, detached: true }
  }
  return undefined
}

export function renderOrder(
  state: CoinbaseState,
  order: SimOrder,
  uuid: string,
  asReceived = false
): Record<string, unknown> {
  const market = state.engine.market(order.symbol)
  if (!market) throw new Error(`engine order ${order.id} names unknown market ${order.symbol}`)
  return orderView(order, { uuid, profileId: profileIdOf(order.owner), market }, asReceived)
}
