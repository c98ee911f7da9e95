// Request defaults and the preconditions every routing function relies on.
import { isPositive, parseExact, type Exact } from '../exact/index.js'
import { isDecimalString } from '../money.js'
import type { RoutingRequest } from './types.js'

export const DEFAULT_MAX_SLIPPAGE_BPS = 50

/** What a valid request means in numbers. */
export interface RequestTerms {
  amount: Exact
  /** The slippage tolerance in force, in bps. */
  slippageBps: number
}

/**
 * Throws a RangeError when `request` is malformed (a programmer error: the API validates user input first).
 * Returns the amount and the slippage tolerance in force.
 */
export function assertRoutingRequest(request: RoutingRequest): RequestTerms {
  if (!isDecimalString(request.amount) || !isPositive(parseExact(request.amount))) {
    throw new RangeError(`amount must be a positive decimal string, got ${String(request.amount)}`)
  }
  if (request.type === 'limit') {
    if (request.limitPrice === undefined) throw new RangeError('a limit order needs limitPrice')
    if (!isDecimalString(request.limitPrice) || !isPositive(parseExact(request.limitPrice))) {
      throw new RangeError(`limitPrice must be a positive decimal string, got ${request.limitPrice}`)
    }
  }
  const slippageBps = request.maxSlippageBps ?? DEFAULT_MAX_SLIPPAGE_BPS
  if (!Number.isFinite(slippageBps) || slippageBps < 0) {
    throw new RangeError(`maxSlippageBps must be a non-negative number, got ${slippageBps}`)
  }
  return { amount: parseExact(request.amount), slippageBps }
}
