// Every order the venue holds, with the engine's private bookkeeping (funds still reserved for it).
import type { Decimal } from 'decimal.js'

import type { SimOrder, SimOrderStatus } from './types.js'

/** Owner of the synthetic depth; its orders touch no balances and are not "received". */
export const LIQUIDITY_OWNER = 'liquidity'

export interface OrderRecord {
  order: SimOrder
  /** Asset reserved for the order (quote for buys and positions, base for spot sells). */
  lockAsset: string
  /** Still reserved for this order; released when it ends. */
  locked: Decimal
  /** Set for orders that trade a position (perps, spot margin). */
  leverage?: number
  /** Newest public trade id when the order was placed: only later trades may trigger it. */
  tradeMark: number
}

export interface OrderStore {
  add(record: OrderRecord): void
  get(id: number): OrderRecord | undefined
  byClientOrderId(owner: string, clientOrderId: string): OrderRecord | undefined
  /** The owner's orders, oldest first. */
  ofOwner(owner: string): OrderRecord[]
  /** Orders placed by accounts (not liquidity), oldest first. */
  received(): OrderRecord[]
  /** Open orders that time or price may change (GTT, stop, take-profit), oldest first. */
  watched(): OrderRecord[]
  /** Forgets a finished liquidity order (they are many and nobody asks about them again). */
  forget(record: OrderRecord): void
}

const OPEN_STATUSES: readonly SimOrderStatus[] = ['new', 'partially_filled', 'pending_trigger']

const clientKey = (owner: string, clientOrderId: string): string => `${owner}\u0000${clientOrderId}`

export function createOrderStore(): OrderStore {
  const byId = new Map<number, OrderRecord>()
  const byClientId = new Map<string, OrderRecord>()
  const byOwner = new Map<string, OrderRecord[]>()
  const received: OrderRecord[] = []
  let watched: OrderRecord[] = []

  return {
    add(record) {
      const { order } = record
      byId.set(order.id, record)
      if (order.owner === LIQUIDITY_OWNER) return
      received.push(record)
      if (order.expireAt !== undefined || order.triggerPrice !== undefined) watched.push(record)
      if (order.clientOrderId !== undefined) byClientId.set(clientKey(order.owner, order.clientOrderId), record)
      const owned = byOwner.get(order.owner)
      if (owned) owned.push(record)
      else byOwner.set(order.owner, [record])
    },
    get: (id) => byId.get(id),
    byClientOrderId: (owner, clientOrderId) => byClientId.get(clientKey(owner, clientOrderId)),
    ofOwner: (owner) => byOwner.get(owner) ?? [],
    received: () => received,
    watched() {
      watched = watched.filter(({ order }) => OPEN_STATUSES.includes(order.status))
      return watched
    },
    forget(record) {
      if (record.order.owner === LIQUIDITY_OWNER) byId.delete(record.order.id)
    },
  }
}

/** A copy the caller may keep or change without touching the engine's state. */
export const snapshot = (order: SimOrder): SimOrder => ({
  ...order,
  fills: order.fills.map((fill) => ({ ...fill })),
})
