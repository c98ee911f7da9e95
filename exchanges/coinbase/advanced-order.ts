// Coinbase's order options, checked before anything is sent: time in force GTC | GTT | IOC | FOK, GTT needs
// cancel_after (min | hour | day) and nothing else takes it, post-only excludes IOC and FOK, and market orders
// take neither.
import type { AdvancedOrderRequest } from '../connector.js'
import { InvalidOrderError } from '../errors.js'

const TIMES_IN_FORCE = ['GTC', 'GTT', 'IOC', 'FOK'] as const
const CANCEL_AFTER = ['min', 'hour', 'day'] as const

/** Extra ccxt params for `request` (Coinbase's raw cancel_after); throws InvalidOrderError naming the problem. */
export function advancedOrderParams(request: AdvancedOrderRequest): Record<string, unknown> {
  const reject = (message: string): never => {
    throw new InvalidOrderError(`${message} (${request.symbol} on coinbase)`, {
      exchange: 'coinbase',
      operation: 'placeOrder',
    })
  }
  const { timeInForce, postOnly, cancelAfter } = request
  if (timeInForce !== undefined && !TIMES_IN_FORCE.includes(timeInForce)) {
    reject(`time in force ${String(timeInForce)} is not one of ${TIMES_IN_FORCE.join(', ')}`)
  }
  if (request.type === 'market' && (timeInForce !== undefined || postOnly === true || cancelAfter !== undefined)) {
    reject('market orders take no time in force, post-only or cancelAfter')
  }
  if (postOnly === true && (timeInForce === 'IOC' || timeInForce === 'FOK')) {
    reject(`post-only cannot be combined with ${timeInForce}`)
  }
  if (timeInForce === 'GTT') {
    if (cancelAfter === undefined) reject('GTT needs cancelAfter (min, hour or day)')
    if (!CANCEL_AFTER.includes(cancelAfter as (typeof CANCEL_AFTER)[number])) {
      reject(`cancelAfter ${String(cancelAfter)} is not one of ${CANCEL_AFTER.join(', ')}`)
    }
    return { cancel_after: cancelAfter }
  }
  if (cancelAfter !== undefined) reject('cancelAfter applies to GTT orders only')
  return {}
}
