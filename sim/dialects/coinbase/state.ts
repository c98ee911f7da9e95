// What the Coinbase dialect keeps besides the engine: the order-id mapping, orders the engine refused but Coinbase
// reports as order objects, the seeded funding records and the book sequence.
import type { SimOrder, VenueEngine } from '../../engine/types.js'
import { createOrderIdRegistry, type OrderIdRegistry } from './ids.js'
import type { TransferBook } from './transfers.js'

export interface CoinbaseState {
  engine: VenueEngine
  now: () => number
  ids: OrderIdRegistry
  /** Orders Coinbase answers with an order body although the engine refused them (post-only cross, unfilled FOK). */
  detached: Map<string, SimOrder>
  transfers: TransferBook
  /** Coinbase's book `sequence`: increases with every book read. */
  nextSequence(): number
}

export function createCoinbaseState(engine: VenueEngine, now: () => number, transfers: TransferBook): CoinbaseState {
  let sequence = 0
  return {
    engine,
    now,
    ids: createOrderIdRegistry(() => engine.receivedOrders().map((order) => order.id)),
    detached: new Map(),
    transfers,
    nextSequence: () => ++sequence,
  }
}
