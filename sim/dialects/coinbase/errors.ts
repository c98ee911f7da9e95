// Coinbase Exchange error bodies. ccxt reads `message` only at HTTP 400 and 404 (exact, then broad, case-sensitive;
// wire-formats §2.5, quirk 12), so each error here carries the status and text that make ccxt raise the right class.
import type { SimResponse } from '../../dialect.js'
import { SimError } from '../../engine/types.js'

export function coinbaseError(status: number, message: string, headers?: Record<string, string>): SimResponse {
  return headers ? { status, body: { message }, headers } : { status, body: { message } }
}

/** 404 NotFound: ccxt raises OrderNotFound. Also Coinbase's answer for unknown routes and products. */
export const notFound = (): SimResponse => coinbaseError(404, 'NotFound')
export const badRequest = (message: string): SimResponse => coinbaseError(400, message)

/** Only the engine errors that do not become an order body (see order-placement.ts). */
export function simErrorResponse(error: SimError): SimResponse {
  switch (error.code) {
    case 'INSUFFICIENT_FUNDS':
      return badRequest('Insufficient funds')
    case 'UNKNOWN_SYMBOL':
      return badRequest('Product not found')
    case 'UNKNOWN_ORDER':
      return notFound()
    case 'ORDER_NOT_CANCELABLE':
      // ccxt: broad match → OrderNotFound
      return badRequest('Order already done')
    case 'DUPLICATE_CLIENT_ORDER_ID':
      return badRequest('duplicate client_oid')
    default:
      // INVALID_ORDER and the rest: the dialect's own validation (order-request.ts) answers the common cases
      // with Coinbase's texts first; what reaches here keeps the engine's explanation.
      return badRequest(error.message)
  }
}

export function isSimError(error: unknown): error is SimError {
  return error instanceof SimError
}
