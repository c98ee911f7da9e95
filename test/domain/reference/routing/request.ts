// Reference copy of domain/routing/request.ts as it was at 991155f, on decimal.js: the equivalence tests compare the exact
// scaled-integer implementation with it. Test-only; not imported by production code.
// Request defaults and the preconditions every routing function relies on.
import { isDecimalString, isPositive } from '../money.js'
import type { RoutingRequest } from '../../../../domain/routing/types.js'

export const DEFAULT_MAX_SLIPPAGE_BPS = 50

/**
 * Throws a RangeError when `request` is malformed (a programmer error: the API validates user input first).
 * Returns the slippage tolerance in force.
 */
export function assertRoutingRequest(request: RoutingRequest): number {
  if (!isDecimalString(request.amount) || !isPositive(request.amount)) {
    throw new RangeError(`amount must be a positive decimal string, got ${String(request.amount)}`)
  }
  if (request.type === 'limit') {
    if (request.limitPrice === undefined) throw new RangeError('a limit order needs limitPrice')
    if (!isDecimalString(request.limitPrice) || !isPositive(request.limitPrice)) {
      throw new RangeError(`limitPrice must be a positive decimal string, got ${request.limitPrice}`)
    }
  }
  const slippageBps = request.maxSlippageBps ?? DEFAULT_MAX_SLIPPAGE_BPS
  if (!Number.isFinite(slippageBps) || slippageBps < 0) {
    throw new RangeError(`maxSlippageBps must be a non-negative number, got ${slippageBps}`)
  }
  return slippageBps
}
