// How much an order reserves when it is accepted: pure, from the validated order and a price estimate.
import type { Decimal } from 'decimal.js'

import { dec } from '../../domain/money.js'
import type { SimMarket } from './types.js'
import type { ValidOrder } from './validation.js'

/** Extra reserved for stop-market buys, whose fill price is unknown until they fire. */
const STOP_MARKET_SLIPPAGE = '1.05'

export interface Reservation {
  asset: string
  amount: Decimal
}

/**
 * `estimatedCost` is the quote a market order of `order.amount` would pay now (walking the book); `mid` is the
 * fallback reference price for positions opened by market orders.
 */
export function reservationFor(
  order: ValidOrder,
  market: SimMarket,
  estimatedCost: Decimal | undefined,
  mid: Decimal
): Reservation {
  const fee = dec(market.takerFee)
  const withFee = (notional: Decimal): Decimal => notional.plus(notional.times(fee))
  const amount = dec(order.amount ?? 0)
  const reference = order.price ?? order.triggerPrice
  if (order.leverage !== undefined) {
    const notional = estimatedCost ?? amount.times(reference ?? mid)
    const margin = order.reduceOnly ? dec(0) : notional.div(order.leverage)
    return { asset: market.quote, amount: margin.plus(notional.times(fee)) }
  }
  if (order.side === 'sell') return { asset: market.base, amount }
  if (order.quoteAmount !== undefined) return { asset: market.quote, amount: withFee(dec(order.quoteAmount)) }
  if (order.price !== undefined) return { asset: market.quote, amount: withFee(amount.times(order.price)) }
  if (order.triggerPrice !== undefined) {
    return { asset: market.quote, amount: withFee(amount.times(order.triggerPrice).times(STOP_MARKET_SLIPPAGE)) }
  }
  return { asset: market.quote, amount: withFee(estimatedCost ?? amount.times(mid)) }
}
