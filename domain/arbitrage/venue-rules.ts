// The order-size rules of the two venues an arbitrage trades on: a leg (or an unwind) that breaks one of them is
// refused by the venue, or by our connector before it is sent, while the other leg may already have filled.
import { cmp, dec, floorToStep, isPositive, mul, str, sub } from '../money.js'
import type { VenueMarketRules } from '../routing/types.js'
import type { DecimalString, ExchangeId } from '../types.js'

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

/** An unwind split into what one market order can trade and what is left as dust. */
export interface UnwindSplit {
  /** Floored to the venue's step and within its minimums; '0' when the venue can take none of it. */
  amount: DecimalString
  /** What the venue cannot take: below its step, or (all of it) below its minimum amount or notional. */
  dust: DecimalString
  /** Why `dust` cannot be traded; absent when there is none. */
  dustReason?: string
}

/**
 * How much of `amount` one market order on `exchange` can trade back. The part below the venue's amount step is
 * dust; when what remains is below the venue's minimum amount, or worth less than its minimum notional at
 * `referencePrice`, all of it is dust. An order for dust would only be refused, so none is sent.
 *
 * @example
 * splitUnwind('binance', '0.49999877', { amountStep: '0.00001', minAmount: '0.00001', minNotional: '5' }, '64100')
 * // { amount: '0.49999', dust: '0.00000877', dustReason: '… below the amount step …' }
 */
export function splitUnwind(
  exchange: ExchangeId,
  amount: DecimalString,
  rules: VenueMarketRules | undefined,
  referencePrice?: DecimalString
): UnwindSplit {
  if (!isPositive(amount)) return { amount: '0', dust: '0' }
  if (rules === undefined) return { amount, dust: '0' }
  const tradable = floorToStep(amount, rules.amountStep)
  const problem = isPositive(tradable) ? ruleProblem(exchange, tradable, referencePrice, rules) : undefined
  if (!isPositive(tradable) || problem !== undefined) {
    const why = problem?.message ?? `${amount} is below ${exchange}'s amount step ${rules.amountStep}`
    return { amount: '0', dust: amount, dustReason: why }
  }
  const dust = sub(amount, tradable)
  if (!isPositive(dust)) return { amount: tradable, dust: '0' }
  return { amount: tradable, dust, dustReason: `${dust} is below ${exchange}'s amount step ${rules.amountStep}` }
}
