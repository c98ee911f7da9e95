// An order against its market's rules: rounded to the venue's steps, then checked against the market's minimums, so
// that a request the venue would reject is refused before anything is sent, with a message naming the limit. Pure
// and exact; the connectors throw a refusal as their InvalidOrderError. Our own ceilings (notional, exposure) are
// the risk gate's (domain/risk).
import { ceilToStep, cmp, floorToStep, isDecimalString, isPositive, mul } from './money.js'
import type { DecimalString, MarketInfo, OrderRequest } from './types.js'

export type MarketLimit = 'active' | 'amount' | 'minAmount' | 'amountStep' | 'price' | 'priceStep' | 'minNotional'

export type MarketCheck =
  | {
      ok: true
      /** Rounded down to the amount step (never more than asked). */
      amount: DecimalString
      /** Limit orders: on the tick, never worse than asked (buys down, sells up). */
      price?: DecimalString
    }
  | { ok: false; limit: MarketLimit; message: string }

/**
 * Rounds `order` to `market`'s steps and checks it against the market's minimums, refusing at the first broken
 * rule. `referencePrice` values a market order's notional (the best ask for a buy, the best bid for a sell);
 * without one the minimum notional of a market order is left to the venue.
 *
 * @example
 * checkAgainstMarket({ side: 'buy', type: 'limit', amount: '0.12345', price: '64000.123' }, btcUsdt)
 * // { ok: true, amount: '0.1234', price: '64000.12' }
 */
export function checkAgainstMarket(
  order: Pick<OrderRequest, 'side' | 'type' | 'amount' | 'price'>,
  market: MarketInfo,
  referencePrice?: DecimalString
): MarketCheck {
  const where = `for ${market.symbol} on ${market.exchange}`
  const refuse = (limit: MarketLimit, message: string): MarketCheck => ({ ok: false, limit, message })
  if (!market.active) return refuse('active', `market ${market.symbol} is not active on ${market.exchange}`)
  if (!isDecimalString(order.amount) || !isPositive(order.amount)) {
    return refuse('amount', `amount ${order.amount} is not a positive decimal ${where}`)
  }
  const amount = floorToStep(order.amount, market.amountStep)
  if (market.minAmount !== undefined && cmp(amount, market.minAmount) < 0) {
    return refuse('minAmount', `amount ${order.amount} is below the minimum amount ${market.minAmount} ${where}`)
  }
  if (!isPositive(amount)) {
    return refuse('amountStep', `amount ${order.amount} rounds to 0 at the amount step ${market.amountStep} ${where}`)
  }

  let price: DecimalString | undefined
  if (order.type === 'limit') {
    const asked = order.price
    if (asked === undefined || !isDecimalString(asked) || !isPositive(asked)) {
      return refuse('price', `a limit order needs a positive price ${where} (got ${asked ?? 'none'})`)
    }
    price = order.side === 'buy' ? floorToStep(asked, market.priceStep) : ceilToStep(asked, market.priceStep)
    if (!isPositive(price))
      return refuse('priceStep', `price ${asked} rounds to 0 at the tick ${market.priceStep} ${where}`)
  }

  const notionalPrice = price ?? referencePrice
  if (market.minNotional !== undefined && notionalPrice !== undefined) {
    const notional = mul(amount, notionalPrice)
    if (cmp(notional, market.minNotional) < 0) {
      return refuse(
        'minNotional',
        `notional ${notional} (amount ${amount} × price ${notionalPrice}) is below the minimum notional ` +
          `${market.minNotional} ${where}`
      )
    }
  }
  return price === undefined ? { ok: true, amount } : { ok: true, amount, price }
}
