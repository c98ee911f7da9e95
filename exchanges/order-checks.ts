// Pure pre-flight of an order against its market: round to the venue's steps, then check the minimums, so that a
// request the venue would reject is refused here, with a message naming the limit, before anything is sent.
import { ceilToStep, cmp, floorToStep, isDecimalString, isPositive, mul, str } from '../domain/money.js'
import type { DecimalString, ExchangeId, MarketInfo, OrderRequest } from '../domain/types.js'
import { InvalidOrderError } from './errors.js'

export interface PreparedOrder {
  /** Rounded down to the amount step (never more than asked). */
  amount: DecimalString
  /** Limit orders: on the tick, never worse than asked (buys down, sells up). */
  price?: DecimalString
}

/**
 * Rounds and validates `request` for `market`. `referencePrice` prices a market order's notional (the best ask
 * for a buy, the best bid for a sell); without one the notional check is skipped for market orders.
 */
export function prepareOrder(request: OrderRequest, market: MarketInfo, referencePrice?: DecimalString): PreparedOrder {
  const where = `for ${market.symbol} on ${market.exchange}`
  const reject = (message: string): never => {
    throw new InvalidOrderError(message, { exchange: market.exchange, operation: 'placeOrder' })
  }
  if (!market.active) reject(`market ${market.symbol} is not active on ${market.exchange}`)
  if (!isDecimalString(request.amount) || !isPositive(request.amount)) {
    reject(`amount ${request.amount} is not a positive decimal ${where}`)
  }
  const amount = floorToStep(request.amount, market.amountStep)
  if (market.minAmount !== undefined && cmp(amount, market.minAmount) < 0) {
    reject(`amount ${request.amount} is below the minimum amount ${market.minAmount} ${where}`)
  }
  if (!isPositive(amount)) reject(`amount ${request.amount} rounds to 0 at the amount step ${market.amountStep} ${where}`)

  let price: DecimalString | undefined
  if (request.type === 'limit') {
    if (request.price === undefined || !isDecimalString(request.price) || !isPositive(request.price)) {
      reject(`a limit order needs a positive price ${where} (got ${request.price ?? 'none'})`)
    }
    const asked = request.price as DecimalString
    price = request.side === 'buy' ? floorToStep(asked, market.priceStep) : ceilToStep(asked, market.priceStep)
    if (!isPositive(price)) reject(`price ${asked} rounds to 0 at the tick ${market.priceStep} ${where}`)
  }

  const notionalPrice = price ?? referencePrice
  if (market.minNotional !== undefined && notionalPrice !== undefined) {
    const notional = mul(amount, notionalPrice)
    if (cmp(notional, market.minNotional) < 0) {
      reject(
        `notional ${notional} (amount ${amount} × price ${notionalPrice}) is below the minimum notional ` +
          `${market.minNotional} ${where}`
      )
    }
  }
  return price === undefined ? { amount } : { amount, price }
}

/**
 * ccxt's createOrder takes numbers. A decimal already on the venue's step converts exactly when it has at most ~15
 * significant digits; anything longer would be silently changed by the float, so it is refused instead.
 */
export function exactNumber(value: DecimalString, field: string, context: { exchange: ExchangeId; operation: string }): number {
  const number = Number(value)
  if (!Number.isFinite(number) || str(number) !== str(value)) {
    throw new InvalidOrderError(`${field} ${value} has more significant digits than can be sent exactly`, context)
  }
  return number
}
