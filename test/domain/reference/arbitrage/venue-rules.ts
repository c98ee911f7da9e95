// Reference copy of domain/arbitrage/venue-rules.ts as it was at 991155f, on decimal.js: the equivalence tests compare the exact
// scaled-integer implementation with it. Test-only; not imported by production code.
// The order-size rules of the two venues an arbitrage trades on: a leg (or an unwind) that breaks one of them is
// refused by the venue, or by our connector before it is sent, while the other leg may already have filled.
import { cmp, dec, floorToStep, isPositive, mul, str } from '../money.js'
import type { VenueMarketRules } from '../../../../domain/routing/types.js'
import type { DecimalString, ExchangeId } from '../../../../domain/types.js'

export type RuleName = 'amountStep' | 'minAmount' | 'minNotional'

export interface RuleProblem {
  limit: RuleName
  message: string
}

/**
 * The smallest step that is a multiple of every given step (zero and absent steps impose nothing): an amount on
 * it is on every venue's step. For powers of ten, the usual case, that is the coarsest of them.
 *
 * @example
 * commonStep(['0.00001', '0.00000001']) // '0.00001'
 * commonStep(['0.25', '0.1'])          // '0.5'
 */
export function commonStep(steps: readonly (DecimalString | undefined)[]): DecimalString | undefined {
  const positive = steps.filter((s): s is DecimalString => s !== undefined && isPositive(s))
  if (positive.length === 0) return undefined
  // Scale to integers, take their least common multiple, scale back.
  const places = Math.max(...positive.map((s) => dec(s).decimalPlaces()))
  const scale = dec(10).pow(places)
  const lcm = positive.map((s) => dec(s).times(scale)).reduce((a, b) => a.times(b).div(gcd(a, b)))
  return str(lcm.div(scale))
}

function gcd(a: ReturnType<typeof dec>, b: ReturnType<typeof dec>): ReturnType<typeof dec> {
  let [x, y] = [a, b]
  while (!y.isZero()) [x, y] = [y, x.mod(y)]
  return x
}

/**
 * Why one order of `amount` at `price` breaks `exchange`'s rules, or undefined when it keeps them. `price` values
 * the order for the minimum notional (a limit order's own price, or a reference for a market order); without one
 * the notional is not checked.
 */
export function ruleProblem(
  exchange: ExchangeId,
  amount: DecimalString,
  price: DecimalString | undefined,
  rules: VenueMarketRules | undefined
): RuleProblem | undefined {
  if (rules === undefined) return undefined
  if (cmp(floorToStep(amount, rules.amountStep), amount) !== 0 || !isPositive(amount)) {
    return {
      limit: 'amountStep',
      message: `${amount} is not a positive multiple of ${exchange}'s amount step ${rules.amountStep}`,
    }
  }
  if (rules.minAmount !== undefined && cmp(amount, rules.minAmount) < 0) {
    return { limit: 'minAmount', message: `${amount} is below ${exchange}'s minimum amount ${rules.minAmount}` }
  }
  if (price !== undefined && rules.minNotional !== undefined) {
    const notional = mul(amount, price)
    if (cmp(notional, rules.minNotional) < 0) {
      return {
        limit: 'minNotional',
        message: `${amount} at ${price} is worth ${notional}, below ${exchange}'s minimum notional ${rules.minNotional}`,
      }
    }
  }
  return undefined
}
