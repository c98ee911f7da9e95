// Binance's error bodies ({"code":-1121,"msg":"Invalid symbol."}) with the HTTP status the venue uses, and the
// translation of the engine's SimError codes into them. Messages are Binance's own (binance-spot-api-docs
// errors.md; USD-M error codes page), because ccxt maps some errors by the exact `msg` (wire-formats §1.5).

import { SimError } from '../../engine/types.js'
import type { SimResponse } from '../../dialect.js'
import type { ApiFamily } from './symbols.js'

export class BinanceApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly msg: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(msg)
    this.name = 'BinanceApiError'
  }

  toResponse(): SimResponse {
    return { status: this.status, body: { code: this.code, msg: this.msg }, headers: this.headers }
  }
}

export const invalidSymbol = (): BinanceApiError => new BinanceApiError(400, -1121, 'Invalid symbol.')

export const mandatoryParam = (name: string): BinanceApiError =>
  new BinanceApiError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`)

export const paramNotRequired = (name: string): BinanceApiError =>
  new BinanceApiError(400, -1106, `Parameter '${name}' sent when not required.`)

export const illegalParam = (name: string, legal: string): BinanceApiError =>
  new BinanceApiError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '${legal}'.`)

export const invalidInterval = (): BinanceApiError => new BinanceApiError(400, -1120, 'Invalid interval.')

export const filterFailure = (filter: string): BinanceApiError =>
  new BinanceApiError(400, -1013, `Filter failure: ${filter}`)

export const orderDoesNotExist = (): BinanceApiError => new BinanceApiError(400, -2013, 'Order does not exist.')

export const unknownOrderSent = (): BinanceApiError => new BinanceApiError(400, -2011, 'Unknown order sent.')

export const reduceOnlyRejected = (): BinanceApiError =>
  new BinanceApiError(400, -2022, 'ReduceOnly Order is rejected.')

export const invalidApiKeyFormat = (): BinanceApiError => new BinanceApiError(401, -2014, 'API-key format invalid.')

export const invalidApiKey = (): BinanceApiError =>
  new BinanceApiError(401, -2015, 'Invalid API-key, IP, or permissions for action.')

export const invalidSignature = (): BinanceApiError =>
  new BinanceApiError(400, -1022, 'Signature for this request is not valid.')

export const outsideRecvWindow = (): BinanceApiError =>
  new BinanceApiError(400, -1021, 'Timestamp for this request is outside of the recvWindow.')

export const aheadOfServer = (): BinanceApiError =>
  new BinanceApiError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.")

export const recvWindowTooLarge = (): BinanceApiError =>
  new BinanceApiError(400, -1131, 'recvWindow must be less than 60000')

/** The engine said where the order (or query) went wrong; Binance words it per API family and operation. */
export type OrderOperation = 'place' | 'query' | 'cancel' | 'leverage'

export function fromSimError(error: SimError, family: ApiFamily, operation: OrderOperation): BinanceApiError {
  const spot = family === 'spot'
  switch (error.code) {
    case 'UNKNOWN_SYMBOL':
      return invalidSymbol()
    case 'INSUFFICIENT_FUNDS':
      return spot
        ? new BinanceApiError(400, -2010, 'Account has insufficient balance for requested action.')
        : new BinanceApiError(400, -2019, 'Margin is insufficient.')
    case 'POST_ONLY_WOULD_CROSS':
      return spot
        ? new BinanceApiError(400, -2010, 'Order would immediately match and take.')
        : new BinanceApiError(
            400,
            -5022,
            'Due to the order could not be executed as maker, the Post Only order will be rejected. ' +
              'The order will not be recorded in the order history'
          )
    case 'FOK_NOT_FILLABLE':
      // Spot FOK orders that cannot fill are normally accepted and reported EXPIRED (see order-routes); this
      // is the USD-M wording, also used for spot should the engine refuse such an order outright.
      return new BinanceApiError(
        400,
        -5021,
        'Due to the order could not be filled immediately, the FOK order has been rejected. ' +
          'The order will not be recorded in the order history'
      )
    case 'DUPLICATE_CLIENT_ORDER_ID':
      return spot
        ? new BinanceApiError(400, -2010, 'Duplicate order sent.')
        : new BinanceApiError(400, -4116, 'ClientOrderId is duplicated.')
    case 'UNKNOWN_ORDER':
      return operation === 'cancel' ? unknownOrderSent() : orderDoesNotExist()
    case 'ORDER_NOT_CANCELABLE':
      return unknownOrderSent()
    case 'MARGIN_NOT_ALLOWED':
      return new BinanceApiError(400, -2010, 'This symbol is not permitted for this account.')
    case 'INVALID_LEVERAGE':
      return new BinanceApiError(400, -4028, 'Leverage is not valid')
    case 'NO_LIQUIDITY':
      return spot
        ? new BinanceApiError(400, -2010, 'Order book liquidity is less than symbol minimum quantity.')
        : new BinanceApiError(400, -4131, "The counterparty's best price does not meet the PERCENT_PRICE filter limit.")
    case 'INVALID_ORDER':
      // The dialect checks Binance's filters before the engine sees the order; this is the engine's own verdict.
      return new BinanceApiError(400, -1013, error.message)
  }
}

/** Maintenance and 5xx answers as the venue gives them. */
export function unavailableResponse(kind: 'maintenance' | 'server-error', path: string): SimResponse {
  if (kind === 'maintenance') {
    // The status endpoint itself still answers, and says so.
    if (path === '/sapi/v1/system/status') return { status: 200, body: { status: 1, msg: 'system maintenance' } }
    return { status: 503, body: { code: 1, msg: 'System is under maintenance.' } }
  }
  return {
    status: 503,
    body: { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' },
  }
}
