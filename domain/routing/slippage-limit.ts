// The worst price a taker accepts under a slippage bound, so the bound is enforced on what is sent (an IOC limit
// at that price cannot walk the book further) rather than only reported afterwards.
import { dec, str } from '../money.js'
import type { DecimalString, Side } from '../types.js'

/**
 * `marketBest` moved against the taker by `slippageBps`: above it for a buy, below it for a sell. Exact decimal;
 * the connector then rounds it to the venue's tick inwards (down for a buy, up for a sell), never past the bound.
 *
 * @example worstAcceptablePrice('buy', '64000', 50) // '64320'
 */
export function worstAcceptablePrice(side: Side, marketBest: DecimalString, slippageBps: number): DecimalString {
  if (!Number.isFinite(slippageBps) || slippageBps < 0) {
    throw new RangeError(`slippageBps must be a non-negative number, got ${slippageBps}`)
  }
  const factor = dec(slippageBps).div(10_000)
  return str(dec(marketBest).times(side === 'buy' ? dec(1).plus(factor) : dec(1).minus(factor)))
}

/** The tighter of a caller's limit price and the slippage bound: the lower for a buy, the higher for a sell. */
export function tighterLimit(side: Side, a: DecimalString, b: DecimalString): DecimalString {
  const aIsTighter = side === 'buy' ? dec(a).lte(b) : dec(a).gte(b)
  return aIsTighter ? a : b
}
