// The pre-flight of an order against its market (domain/limits.ts), as the connectors need it: a refusal thrown as an
// InvalidOrderError before anything is sent, and decimals converted to the numbers ccxt takes only when exact.
import { checkAgainstMarket } from '../domain/limits.js'
import { str } from '../domain/money.js'
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
  const checked = checkAgainstMarket(request, market, referencePrice)
  if (!checked.ok) throw new InvalidOrderError(checked.message, { exchange: market.exchange, operation: 'placeOrder' })
  return checked.price === undefined ? { amount: checked.amount } : { amount: checked.amount, price: checked.price }
}

/**
 * ccxt's createOrder takes numbers. A decimal already on the venue's step converts exactly when it has at most ~15
 * significant digits; anything longer would be silently changed by the float, so it is refused instead.
 */
export function exactNumber(
  value: DecimalString,
  field: string,
  context: { exchange: ExchangeId; operation: string }
): number {
  const number = Number(value)
  if (!Number.isFinite(number) || str(number) !== str(value)) {
    throw new InvalidOrderError(`${field} ${value} has more significant digits than can be sent exactly`, context)
  }
  return number
}
