// The ExchangeError family: what every connector throws, whatever the venue or ccxt said.
//
// Class names are part of the retry contract: activities turn them into Temporal ApplicationFailure types, and the
// failure vocabulary (domain/failures.ts) names and classes each one once (refused, nothing placed, outcome unknown,
// not found...); the retry policies, the workflows and the API derive from it. Rename none of them lightly.

import type { ExchangeId } from '../domain/types.js'

export interface ExchangeErrorOptions {
  exchange: ExchangeId
  operation: string
  /** Safe to send the same call again (after a delay). */
  retryable?: boolean
  cause?: unknown
}

export class ExchangeError extends Error {
  readonly exchange: ExchangeId
  readonly operation: string
  readonly retryable: boolean

  constructor(message: string, options: ExchangeErrorOptions) {
    super(message, { cause: options.cause })
    this.name = new.target.name
    this.exchange = options.exchange
    this.operation = options.operation
    this.retryable = options.retryable ?? false
  }
}

export class RateLimitError extends ExchangeError {
  /** How long the venue (or our limiter) asks us to wait. */
  readonly retryAfterMs: number

  constructor(message: string, options: Omit<ExchangeErrorOptions, 'retryable'> & { retryAfterMs: number }) {
    super(message, { ...options, retryable: true })
    this.retryAfterMs = options.retryAfterMs
  }
}

export class InsufficientBalanceError extends ExchangeError {
  constructor(message: string, options: Omit<ExchangeErrorOptions, 'retryable'>) {
    super(message, { ...options, retryable: false })
  }
}

export class InvalidOrderError extends ExchangeError {
  constructor(message: string, options: Omit<ExchangeErrorOptions, 'retryable'>) {
    super(message, { ...options, retryable: false })
  }
}

/** The venue lists no such market: ccxt's BadSymbol, a venue's own wording of it, or the connector's market check. */
export class UnknownSymbolError extends InvalidOrderError {}

export class OrderNotFoundError extends ExchangeError {
  constructor(message: string, options: Omit<ExchangeErrorOptions, 'retryable'>) {
    super(message, { ...options, retryable: false })
  }
}

export class AuthenticationError extends ExchangeError {
  constructor(message: string, options: Omit<ExchangeErrorOptions, 'retryable'>) {
    super(message, { ...options, retryable: false })
  }
}

/** Network failure, timeout before sending, HTTP 5xx or maintenance: nothing reached the book. */
export class ExchangeUnavailableError extends ExchangeError {
  constructor(message: string, options: Omit<ExchangeErrorOptions, 'retryable'>) {
    super(message, { ...options, retryable: true })
  }
}

/**
 * An order request that may or may not have reached the book (timeout after sending, connection reset,
 * a 5xx after the body went out). Never retried blindly: look the order up by its client order id.
 */
export class OrderOutcomeUnknownError extends ExchangeError {
  readonly clientOrderId: string

  constructor(message: string, options: Omit<ExchangeErrorOptions, 'retryable'> & { clientOrderId: string }) {
    super(message, { ...options, retryable: false })
    this.clientOrderId = options.clientOrderId
  }
}

/**
 * The attempt's send deadline passed (or it was cancelled) before its order request was handed to ccxt: proof that
 * THIS attempt sent nothing. Raised only by the one check right before the send and by the bounded waits before it
 * (market load, rate limiter, Kraken's private-call queue). An earlier attempt may still have placed the order: the
 * caller's lookup-first rule applies as for any retry.
 */
export class SendDeadlineError extends ExchangeError {
  readonly clientOrderId: string
  /** The deadline that passed (epoch ms on this process's clock), when one was set. */
  readonly sendBy: number | undefined

  constructor(
    options: Omit<ExchangeErrorOptions, 'retryable'> & { clientOrderId: string; sendBy?: number; aborted?: boolean }
  ) {
    const why = options.aborted === true ? ' (cancelled)' : ''
    super(`order ${options.clientOrderId} not sent: its attempt's deadline passed before the request went out${why}`, {
      ...options,
      retryable: true,
    })
    this.clientOrderId = options.clientOrderId
    this.sendBy = options.sendBy
  }
}

/**
 * The venue refused the order because its client order id is in use (Binance -2010 "Duplicate order sent." /
 * USD-M -4116, Kraken EOrder:Duplicate…, ccxt DuplicateOrderId). Not a rejection of the order: an order with this id
 * exists at the venue. Settle it by looking it up by `clientOrderId`; never send it again under a new id.
 */
export class DuplicateClientOrderIdError extends ExchangeError {
  readonly clientOrderId: string

  constructor(message: string, options: Omit<ExchangeErrorOptions, 'retryable'> & { clientOrderId: string }) {
    super(message, { ...options, retryable: false })
    this.clientOrderId = options.clientOrderId
  }
}
