// ccxt's error classes -> the ExchangeError family (exchanges/errors.ts).
//
// ccxt's hierarchy nests specific classes under general ones (OrderNotFound is an InvalidOrder, RateLimitExceeded a
// NetworkError), so the checks below go from the most specific class to the most general. For order placement a
// transport failure after the request may have left means "outcome unknown"; throttling, nonce and maintenance
// answers mean the venue refused before touching the book (ccxt's own OrderRouter classifies them the same way).
import ccxt from 'ccxt'

import type { ExchangeId } from '../domain/types.js'
import {
  AuthenticationError,
  DuplicateClientOrderIdError,
  ExchangeError,
  ExchangeUnavailableError,
  InsufficientBalanceError,
  InvalidOrderError,
  OrderNotFoundError,
  OrderOutcomeUnknownError,
  RateLimitError,
  UnknownSymbolError,
} from './errors.js'

export interface ErrorContext {
  exchange: ExchangeId
  /** Connector method that failed, e.g. 'placeOrder', 'getTicker'. */
  operation: string
  clientOrderId?: string
  /** The order request may have reached the venue (set for placement once the HTTP call started). */
  sent?: boolean
  /** Headers of the last response (ccxt's exchange.last_response_headers), for Retry-After. */
  responseHeaders?: Record<string, string | undefined>
  /** Strings that must not appear in the message (keys, secrets). */
  secrets?: readonly (string | undefined)[]
  /** ms since the epoch; for "banned until <ms>" answers. */
  now?: number
}

/** Wait when a venue throttles without saying how long. */
export const DEFAULT_RATE_LIMIT_RETRY_MS = 1_000
/** Wait after an IP ban / DDoS answer without a Retry-After. */
export const DEFAULT_BAN_RETRY_MS = 60_000

type ErrorClass = abstract new (...args: never[]) => Error

/** Venue answers that prove no order was placed, although ccxt files them under NetworkError. */
const NO_ORDER_PLACED: ErrorClass[] = [ccxt.InvalidNonce, ccxt.OnMaintenance]
/** Transport-level failures: for placement they leave the outcome unknown. */
const TRANSPORT_FAILURES: ErrorClass[] = [
  ccxt.RequestTimeout,
  ccxt.ExchangeNotAvailable,
  ccxt.BadResponse,
  ccxt.NetworkError,
  ccxt.CancelPending,
  ccxt.OperationFailed,
]
/**
 * A placement refused because its client order id is in use: the order exists. ccxt files these under InvalidOrder
 * (Binance -2010, USD-M -4116) or its generic ExchangeError (Kraken, Coinbase), and DuplicateOrderId for some venues.
 */
const DUPLICATE_CLIENT_ORDER_ID_ANSWERS: RegExp[] = [
  /Duplicate order sent/i, // Binance spot -2010 (errors.md: "The clientOrderId is already in use")
  /-4116\b|ClientOrderId is duplicated/i, // Binance USD-M DUPLICATED_CLIENT_ORDER_ID
  /EOrder:Duplicate/, // Kraken: cl_ord_id in use among open orders
  /duplicate client_oid/i, // Coinbase Exchange's wording, should it refuse one
]
/** "No such market" as ccxt files it under InvalidOrder rather than BadSymbol. */
const UNKNOWN_MARKET_ANSWERS: RegExp[] = [
  /Product not found/, // Coinbase Exchange (ccxt: InvalidOrder)
]
/**
 * Refusals ccxt files by venue code only for the venue's own hostnames: against another base URL (the simulator, a
 * proxy) the same answer arrives as a BadResponse, which must not read as "the order may exist".
 */
const REFUSAL_ANSWERS: RegExp[] = [
  /"code":\s*-2022\b|ReduceOnly Order is rejected/, // Binance USD-M REDUCE_ONLY_REJECT
]
const INVALID_REQUEST: ErrorClass[] = [
  ccxt.InvalidOrder, // OrderImmediatelyFillable, OrderNotFillable, ContractUnavailable (DuplicateOrderId: above)
  ccxt.BadRequest, // (BadSymbol: above)
  ccxt.ArgumentsRequired,
]
const NOT_AUTHORISED: ErrorClass[] = [ccxt.AuthenticationError, ccxt.RestrictedLocation]

const isAny = (err: unknown, classes: ErrorClass[]) => classes.some((c) => err instanceof c)

/** Maps anything a ccxt call threw to one ExchangeError subclass, keeping the original (redacted) message. */
export function toExchangeError(err: unknown, ctx: ErrorContext): ExchangeError {
  if (err instanceof ExchangeError) return err
  const message = redact(messageOf(err), ctx.secrets)
  const cause = safeCause(err, message)
  const base = { exchange: ctx.exchange, operation: ctx.operation, cause }
  const placing = ctx.operation === 'placeOrder' && ctx.sent === true

  if (ctx.operation === 'placeOrder' && isDuplicateClientOrderId(err, message)) {
    return new DuplicateClientOrderIdError(
      `order ${ctx.clientOrderId ?? ''} exists at ${ctx.exchange} (its client order id is in use): ${message}`,
      { ...base, clientOrderId: ctx.clientOrderId ?? '' }
    )
  }
  if (err instanceof ccxt.OrderNotFound || err instanceof ccxt.OrderNotCached) {
    return new OrderNotFoundError(message, base)
  }
  if (err instanceof ccxt.InsufficientFunds) return new InsufficientBalanceError(message, base)
  if (isUnknownMarket(err, message)) return new UnknownSymbolError(message, base)
  if (isAny(err, INVALID_REQUEST)) return new InvalidOrderError(message, base)
  if (err instanceof ccxt.BaseError && REFUSAL_ANSWERS.some((answer) => answer.test(message))) {
    return new InvalidOrderError(message, base)
  }
  if (isAny(err, NOT_AUTHORISED)) return new AuthenticationError(message, base)
  if (err instanceof ccxt.MarketClosed) return new ExchangeUnavailableError(message, base)
  if (err instanceof ccxt.RateLimitExceeded || err instanceof ccxt.DDoSProtection) {
    return new RateLimitError(message, { ...base, retryAfterMs: retryAfterMs(err, message, ctx) })
  }
  if (isAny(err, NO_ORDER_PLACED)) return new ExchangeUnavailableError(message, base)
  if (isAny(err, TRANSPORT_FAILURES)) {
    if (placing) return outcomeUnknown(message, base, ctx)
    return new ExchangeUnavailableError(message, base)
  }
  if (err instanceof ccxt.BaseError) return new ExchangeError(message, { ...base, retryable: false })
  // Not a ccxt error (a bug, or a parse failure after the answer arrived): for a sent order we cannot tell.
  if (placing) return outcomeUnknown(message, base, ctx)
  return new ExchangeError(message, { ...base, retryable: false })
}

function isDuplicateClientOrderId(err: unknown, message: string): boolean {
  if (err instanceof ccxt.DuplicateOrderId) return true
  return err instanceof ccxt.BaseError && DUPLICATE_CLIENT_ORDER_ID_ANSWERS.some((answer) => answer.test(message))
}

function isUnknownMarket(err: unknown, message: string): boolean {
  if (err instanceof ccxt.BadSymbol) return true
  return err instanceof ccxt.InvalidOrder && UNKNOWN_MARKET_ANSWERS.some((answer) => answer.test(message))
}

function outcomeUnknown(
  message: string,
  base: { exchange: ExchangeId; operation: string; cause: unknown },
  ctx: ErrorContext
): OrderOutcomeUnknownError {
  return new OrderOutcomeUnknownError(message, { ...base, clientOrderId: ctx.clientOrderId ?? '' })
}

/**
 * How long the venue asked us to wait: Retry-After (seconds or an HTTP date), or Binance's "banned until <ms>",
 * else a default (longer for bans / DDoS answers than for plain throttling).
 */
export function retryAfterMs(
  err: unknown,
  message: string,
  ctx: Pick<ErrorContext, 'responseHeaders' | 'now'>
): number {
  const now = ctx.now ?? Date.now()
  const bannedUntil = /banned until (\d{12,})/i.exec(message)?.[1]
  if (bannedUntil !== undefined) return Math.max(0, Number(bannedUntil) - now)
  const header = headerValue(ctx.responseHeaders, 'retry-after')
  if (header !== undefined) {
    const seconds = Number(header)
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000)
    const date = Date.parse(header)
    if (Number.isFinite(date)) return Math.max(0, date - now)
  }
  return err instanceof ccxt.DDoSProtection ? DEFAULT_BAN_RETRY_MS : DEFAULT_RATE_LIMIT_RETRY_MS
}

/** Case-insensitive header lookup (ccxt capitalises names: 'Retry-After'). */
export function headerValue(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) return value
  }
  return undefined
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message
  return String(err)
}

/** Removes credentials and request signatures from a message. */
export function redact(message: string, secrets: readonly (string | undefined)[] = []): string {
  let out = message.replace(/(signature|api[-_]?sign|cb-access-sign)=([^&\s"]+)/gi, '$1=***')
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue
    // Also as a venue or a library may have written it: URL-encoded (a base64 secret's + / = in a query) or base64.
    for (const form of new Set([
      secret,
      encodeURIComponent(secret),
      Buffer.from(secret).toString('base64').replace(/=+$/, ''),
    ])) {
      out = out.split(form).join('***')
    }
  }
  return out
}

/** The cause kept on our error: the ccxt class name with the redacted message, never the raw object. */
function safeCause(err: unknown, message: string): Error {
  const cause = new Error(message)
  cause.name = err instanceof Error ? err.name : typeof err
  return cause
}
