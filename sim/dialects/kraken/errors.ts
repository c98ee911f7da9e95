// Kraken reports failures as HTTP 200 with {"error":["<Category>:<message>"]}. Endpoint code throws
// KrakenError; the handler turns it (and the engine's SimError) into that body.
import { SimError, type SimErrorCode } from '../../engine/types.js'
import type { SimResponse } from '../../dialect.js'

export class KrakenError extends Error {
  constructor(
    /** The exact string Kraken puts in the error array, e.g. "EOrder:Insufficient funds". */
    readonly krakenMessage: string,
    readonly status = 200
  ) {
    super(krakenMessage)
    this.name = 'KrakenError'
  }
}

export const krakenResult = (result: unknown): SimResponse => ({ status: 200, body: { error: [], result } })

export const krakenFailure = (message: string, status = 200): SimResponse => ({
  status,
  body: { error: [message] },
})

// The strings Kraken sends for each engine refusal. ccxt 4.5.84 maps them (exchange-wire-formats.md §3.5):
// Insufficient funds -> InsufficientFunds, Unknown order -> InvalidOrder (OrderNotFound in cancelOrder),
// Invalid order -> InvalidOrder (broad), Post only order / Cannot open position -> ExchangeError.
const SIM_ERROR_MESSAGES: Record<SimErrorCode, string> = {
  UNKNOWN_SYMBOL: 'EQuery:Unknown asset pair',
  INVALID_ORDER: 'EOrder:Invalid order',
  INSUFFICIENT_FUNDS: 'EOrder:Insufficient funds',
  POST_ONLY_WOULD_CROSS: 'EOrder:Post only order',
  FOK_NOT_FILLABLE: 'EOrder:Invalid order',
  DUPLICATE_CLIENT_ORDER_ID: 'EOrder:Duplicate cl_ord_id',
  UNKNOWN_ORDER: 'EOrder:Unknown order',
  // Kraken no longer finds a closed order for cancellation
  ORDER_NOT_CANCELABLE: 'EOrder:Unknown order',
  MARGIN_NOT_ALLOWED: 'EOrder:Cannot open position',
  INVALID_LEVERAGE: 'EGeneral:Invalid arguments:leverage',
  NO_LIQUIDITY: 'EOrder:Insufficient liquidity',
}

export function toKrakenError(error: unknown): KrakenError | undefined {
  if (error instanceof KrakenError) return error
  if (error instanceof SimError) return new KrakenError(SIM_ERROR_MESSAGES[error.code])
  return undefined
}
