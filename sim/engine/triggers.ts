// When a stop-loss or take-profit order fires: pure decision over the order and a reference price.
import type { Decimal } from 'decimal.js'

import { dec } from '../../domain/money.js'
import type { SimOrder } from './types.js'

/**
 * Stop-loss fires when the price moves against the position the order protects (a sell at or below the
 * trigger, a buy at or above it); take-profit fires when it moves in favour.
 */
export function isTriggered(order: SimOrder, price: Decimal): boolean {
  if (order.triggerPrice === undefined) return false
  const trigger = dec(order.triggerPrice)
  const stop = order.type === 'stop_loss' || order.type === 'stop_loss_limit'
  const fallingFires = stop === (order.side === 'sell')
  return fallingFires ? price.lessThanOrEqualTo(trigger) : price.greaterThanOrEqualTo(trigger)
}
