// Pre-trade checks: an order against its market's precision and size rules, and against our own per-order
// notional ceiling. Pure and exact; the connector runs the same checks before sending, this lets a workflow or
// the API refuse an order before any activity runs.
import { ceilToStep, cmp, floorToStep, isDecimalString, isPositive, mul } from './money.js'
import type { DecimalString, MarketInfo, OrderRequest } from './types.js'

/** Bounds this gateway puts on every order, whatever the venue allows. */
export interface OrderLimits {
  /** Largest order value in quote currency; absent means no ceiling. */
  maxNotionalQuote?: DecimalString
}

/** A modest ceiling: an order above it is more likely a typo than a trade. Configure per deployment. */
export const DEFAULT_ORDER_LIMITS: OrderLimits = { maxNotionalQuote: '1000000' }

export type LimitName =
  | 'active'
  | 'amount'
  | 'price'
  | 'amountStep'
  | 'priceStep'
  | 'minAmount'
  | 'minNotional'
  | 'maxNotional'

export interface LimitViolation {
  limit: LimitName
  message: string
}

export type MarketValidation =
  | {
      ok: true
      /** Amount rounded down to the amount step (never more than asked). */
      amount: DecimalString
      /** Limit price rounded to the price step in the order's favour: down for a buy, up for a sell. */
      price?: DecimalString
      /** amount × (price or reference price); absent for a market order without a reference price. */
      notional?: DecimalString
    }
  | { ok: false; violations: LimitViolation[] }

export interface ValidationOptions {
  /** Price to value a market order at (e.g. the best opposite price); limit orders use their own price. */
  referencePrice?: DecimalString
  /** Defaults to DEFAULT_ORDER_LIMITS; pass {} for no ceiling. */
  limits?: OrderLimits
}

/**
 * Rounds `order` to `market`'s steps and checks it against the market's minimums and our notional ceiling,
 * returning every violation, each naming its limit. The minimum notional of a market order without a reference
 * price is left to the venue; the maximum notional is not: that guard fails closed.
 *
 * @example
 * validateAgainstMarket({ side: 'buy', type: 'limit', amount: '0.12345', price: '64000.123' }, btcUsdt)
 * // { ok: true, amount: '0.1234', price: '64000.12', notional: '7897.614808' }
 */
export function validateAgainstMarket(
  order: Pick<OrderRequest, 'side' | 'type' | 'amount' | 'price'>,
  market: MarketInfo,
  options: ValidationOptions = {},
): MarketValidation {
  const where = `${market.symbol} on ${market.exchange}`
  const violations: LimitViolation[] = []
  if (!market.active) violations.push({ limit: 'active', message: `${where} is not open for trading` })
  if (!isDecimalString(order.amount) || !isPositive(order.amount)) {
    violations.push({ limit: 'amount', message: `amount must be a positive decimal, got ${order.amount}` })
    return { ok: false, violations }
  }

  const amount = floorToStep(order.amount, market.amountStep)
  if (!isPositive(amount)) {
    violations.push({
      limit: 'amountStep',
      message: `amount ${order.amount} is below the amount step ${market.amountStep} of ${where}`,
    })
  } else if (market.minAmount !== undefined && cmp(amount, market.minAmount) < 0) {
    violations.push({
      limit: 'minAmount',
      message: `amount ${amount} is below the minimum amount ${market.minAmount} of ${where}`,
    })
  }

  let price: DecimalString | undefined
  if (order.type === 'limit') {
    if (order.price === undefined || !isDecimalString(order.price) || !isPositive(order.price)) {
      const message = `a limit order needs a positive price, got ${order.price ?? 'none'}`
      violations.push({ limit: 'price', message })
    } else {
      const roundToStep = order.side === 'buy' ? floorToStep : ceilToStep
      const rounded = roundToStep(order.price, market.priceStep)
      if (isPositive(rounded)) price = rounded
      else {
        violations.push({
          limit: 'priceStep',
          message: `price ${order.price} is below the price step ${market.priceStep} of ${where}`,
        })
      }
    }
  }

  const valuationPrice = price ?? (order.type === 'market' ? options.referencePrice : undefined)
  const notional = valuationPrice === undefined ? undefined : mul(amount, valuationPrice)
  if (notional !== undefined && market.minNotional !== undefined && cmp(notional, market.minNotional) < 0) {
    violations.push({
      limit: 'minNotional',
      message: `order value ${notional} is below the minimum notional ${market.minNotional} of ${where}`,
    })
  }
  // A limit order without a usable price already has its violation; an unpriced market order has none yet.
  if (notional !== undefined || order.type === 'market') {
    const ceiling = maxNotionalViolation(notional, (options.limits ?? DEFAULT_ORDER_LIMITS).maxNotionalQuote)
    if (ceiling !== undefined) violations.push(ceiling)
  }

  if (violations.length > 0) return { ok: false, violations }
  const valid: MarketValidation = { ok: true, amount }
  if (price !== undefined) valid.price = price
  if (notional !== undefined) valid.notional = notional
  return valid
}

/**
 * The per-order notional guard on its own: a violation when `notional` exceeds `maxNotionalQuote`, or when there
 * is a ceiling but no notional to compare (an order that cannot be valued is refused, not waved through).
 */
export function maxNotionalViolation(
  notional: DecimalString | undefined,
  maxNotionalQuote: DecimalString | undefined,
): LimitViolation | undefined {
  if (maxNotionalQuote === undefined) return undefined
  if (notional === undefined) {
    return {
      limit: 'maxNotional',
      message: `an order without a price cannot be checked against the maximum notional ${maxNotionalQuote}`,
    }
  }
  if (cmp(notional, maxNotionalQuote) > 0) {
    return {
      limit: 'maxNotional',
      message: `order value ${notional} is above the maximum notional ${maxNotionalQuote} per order`,
    }
  }
  return undefined
}
