// One symbol's order book: price levels, each a FIFO queue of resting orders (price-time priority).
import type { Decimal } from 'decimal.js'

import { dec, str, sub } from '../../domain/money.js'
import type { DecimalString, Side } from '../../domain/types.js'
import type { SimOrder } from './types.js'

export interface PriceLevel {
  price: Decimal
  /** Oldest first. */
  orders: SimOrder[]
}

export interface OrderBookSide {
  readonly side: Side
  /** Best first: bids descending, asks ascending. */
  readonly levels: PriceLevel[]
}

export interface OrderBook {
  readonly bids: OrderBookSide
  readonly asks: OrderBookSide
  add(order: SimOrder): void
  remove(order: SimOrder): void
  /** Removes every resting order matching `predicate`; returns them. */
  removeWhere(predicate: (order: SimOrder) => boolean): SimOrder[]
  /** Resting orders of both sides, best price first, oldest first within a level. */
  orders(): SimOrder[]
}

export const remainingOf = (order: SimOrder): DecimalString => sub(order.amount, order.filled)

/** True when `price` is at least as good as `other` for a resting order of `side`. */
const better = (side: Side, price: Decimal, other: Decimal): boolean =>
  side === 'buy' ? price.greaterThan(other) : price.lessThan(other)

export function createOrderBook(): OrderBook {
  const bids: OrderBookSide = { side: 'buy', levels: [] }
  const asks: OrderBookSide = { side: 'sell', levels: [] }
  const sideOf = (order: SimOrder): OrderBookSide => (order.side === 'buy' ? bids : asks)

  return {
    bids,
    asks,
    add(order) {
      if (order.price === undefined) throw new Error(`order ${order.id} has no price to rest at`)
      const price = dec(order.price)
      const { levels, side } = sideOf(order)
      let index = 0
      while (index < levels.length && better(side, levels[index]!.price, price)) index++
      const level = levels[index]
      if (level && level.price.equals(price)) level.orders.push(order)
      else levels.splice(index, 0, { price, orders: [order] })
    },
    remove(order) {
      const { levels } = sideOf(order)
      const index = levels.findIndex((level) => level.orders.includes(order))
      const level = levels[index]
      if (!level) return
      level.orders.splice(level.orders.indexOf(order), 1)
      if (level.orders.length === 0) levels.splice(index, 1)
    },
    removeWhere(predicate) {
      const removed: SimOrder[] = []
      for (const side of [bids, asks]) {
        for (const level of side.levels) {
          const kept = level.orders.filter((order) => !predicate(order))
          if (kept.length !== level.orders.length) removed.push(...level.orders.filter(predicate))
          level.orders = kept
        }
        const remaining = side.levels.filter((level) => level.orders.length > 0)
        side.levels.splice(0, side.levels.length, ...remaining)
      }
      return removed
    },
    orders: () => [...bids.levels, ...asks.levels].flatMap((level) => level.orders),
  }
}

/** Aggregated [price, amount] levels, best first. */
export function aggregate(side: OrderBookSide, depth = Infinity): [DecimalString, DecimalString][] {
  return side.levels.slice(0, depth).map((level) => {
    const amount = level.orders.reduce((total, order) => total.plus(remainingOf(order)), dec(0))
    return [str(level.price), str(amount)]
  })
}
