// Goal: every ccxt error class lands in the right ExchangeError subclass, for ordinary calls and for an order
// placement whose request may have left. Method: throw a real instance of each class ccxt exports and map it; the
// table must cover every class ccxt has, so a new ccxt class fails this test until it is classified.
import ccxt, { errors } from 'ccxt'
import { describe, expect, it } from 'vitest'

import {
  DEFAULT_BAN_RETRY_MS,
  DEFAULT_RATE_LIMIT_RETRY_MS,
  redact,
  retryAfterMs,
  toExchangeError,
} from '../../exchanges/error-mapping.js'
import {
  DuplicateClientOrderIdError,
  InvalidOrderError,
  OrderOutcomeUnknownError,
  RateLimitError,
} from '../../exchanges/errors.js'

/** ccxt class -> [our class for a read, our class for a sent placement]. */
const EXPECTED: Record<string, [string, string]> = {
  BaseError: ['ExchangeError', 'ExchangeError'],
  ExchangeError: ['ExchangeError', 'ExchangeError'],
  AuthenticationError: ['AuthenticationError', 'AuthenticationError'],
  PermissionDenied: ['AuthenticationError', 'AuthenticationError'],
  AccountNotEnabled: ['AuthenticationError', 'AuthenticationError'],
  AccountSuspended: ['AuthenticationError', 'AuthenticationError'],
  ArgumentsRequired: ['InvalidOrderError', 'InvalidOrderError'],
  BadRequest: ['InvalidOrderError', 'InvalidOrderError'],
  BadSymbol: ['UnknownSymbolError', 'UnknownSymbolError'],
  OperationRejected: ['ExchangeError', 'ExchangeError'],
  NoChange: ['ExchangeError', 'ExchangeError'],
  MarginModeAlreadySet: ['ExchangeError', 'ExchangeError'],
  MarketClosed: ['ExchangeUnavailableError', 'ExchangeUnavailableError'],
  ManualInteractionNeeded: ['ExchangeError', 'ExchangeError'],
  RestrictedLocation: ['AuthenticationError', 'AuthenticationError'],
  InsufficientFunds: ['InsufficientBalanceError', 'InsufficientBalanceError'],
  InvalidAddress: ['ExchangeError', 'ExchangeError'],
  AddressPending: ['ExchangeError', 'ExchangeError'],
  InvalidOrder: ['InvalidOrderError', 'InvalidOrderError'],
  OrderNotFound: ['OrderNotFoundError', 'OrderNotFoundError'],
  OrderNotCached: ['OrderNotFoundError', 'OrderNotFoundError'],
  OrderImmediatelyFillable: ['InvalidOrderError', 'InvalidOrderError'],
  OrderNotFillable: ['InvalidOrderError', 'InvalidOrderError'],
  DuplicateOrderId: ['InvalidOrderError', 'DuplicateClientOrderIdError'],
  ContractUnavailable: ['InvalidOrderError', 'InvalidOrderError'],
  NotSupported: ['ExchangeError', 'ExchangeError'],
  InvalidProxySettings: ['ExchangeError', 'ExchangeError'],
  ExchangeClosedByUser: ['ExchangeError', 'ExchangeError'],
  OperationFailed: ['ExchangeUnavailableError', 'OrderOutcomeUnknownError'],
  NetworkError: ['ExchangeUnavailableError', 'OrderOutcomeUnknownError'],
  DDoSProtection: ['RateLimitError', 'RateLimitError'],
  RateLimitExceeded: ['RateLimitError', 'RateLimitError'],
  ExchangeNotAvailable: ['ExchangeUnavailableError', 'OrderOutcomeUnknownError'],
  OnMaintenance: ['ExchangeUnavailableError', 'ExchangeUnavailableError'],
  InvalidNonce: ['ExchangeUnavailableError', 'ExchangeUnavailableError'],
  ChecksumError: ['ExchangeUnavailableError', 'ExchangeUnavailableError'],
  RequestTimeout: ['ExchangeUnavailableError', 'OrderOutcomeUnknownError'],
  BadResponse: ['ExchangeUnavailableError', 'OrderOutcomeUnknownError'],
  NullResponse: ['ExchangeUnavailableError', 'OrderOutcomeUnknownError'],
  CancelPending: ['ExchangeUnavailableError', 'OrderOutcomeUnknownError'],
  UnsubscribeError: ['ExchangeError', 'ExchangeError'],
}

type ErrorCtor = new (message: string) => Error
const ccxtErrors = Object.fromEntries(
  Object.entries(errors as unknown as Record<string, ErrorCtor>).filter(([name]) => name !== 'default')
)

describe('toExchangeError', () => {
  it('classifies every error class ccxt exports', () => {
    expect(Object.keys(ccxtErrors).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.entries(EXPECTED))('%s -> %j (read, sent placement)', (name, [read, placing]) => {
    const Ctor = ccxtErrors[name]!
    const message = `binance {"code":-1,"msg":"${name} happened"}`
    const asRead = toExchangeError(new Ctor(message), { exchange: 'binance', operation: 'getTicker' })
    expect(asRead.name).toBe(read)
    expect(asRead.message).toBe(message)
    expect(asRead.exchange).toBe('binance')
    expect(asRead.operation).toBe('getTicker')
    const asPlacement = toExchangeError(new Ctor(message), {
      exchange: 'binance',
      operation: 'placeOrder',
      clientOrderId: 'cid-1',
      sent: true,
    })
    expect(asPlacement.name).toBe(placing)
    if (asPlacement instanceof OrderOutcomeUnknownError) expect(asPlacement.clientOrderId).toBe('cid-1')
  })

  // Issue 7, hole 9: "the client order id is in use" means the order exists; it was a definitive InvalidOrderError.
  it.each([
    ['binance spot -2010', new ccxt.InvalidOrder('binance {"code":-2010,"msg":"Duplicate order sent."}')],
    ['binance USD-M -4116', new ccxt.ExchangeError('binance {"code":-4116,"msg":"ClientOrderId is duplicated."}')],
    ['kraken', new ccxt.ExchangeError('kraken {"error":["EOrder:Duplicate cl_ord_id"]}')],
    ['coinbase', new ccxt.ExchangeError('coinbaseexchange {"message":"duplicate client_oid"}')],
    ['ccxt DuplicateOrderId', new ccxt.DuplicateOrderId('duplicate')],
  ])('maps a duplicate client order id answer (%s) on placement to DuplicateClientOrderIdError', (_, err) => {
    const mapped = toExchangeError(err, {
      exchange: 'binance',
      operation: 'placeOrder',
      clientOrderId: 'cid-9',
      sent: true,
    })
    expect(mapped).toBeInstanceOf(DuplicateClientOrderIdError)
    expect((mapped as DuplicateClientOrderIdError).clientOrderId).toBe('cid-9')
    expect(mapped.retryable).toBe(false)
    expect(mapped.message).toContain(err.message)
  })

  it('maps a venue\'s "no such market" to UnknownSymbolError, still an InvalidOrderError', () => {
    const answers = [
      new ccxt.BadSymbol('binance {"code":-1121,"msg":"Invalid symbol."}'),
      new ccxt.InvalidOrder('coinbaseexchange {"message":"Product not found"}'),
    ]
    for (const answer of answers) {
      const mapped = toExchangeError(answer, { exchange: 'coinbase', operation: 'getTicker' })
      expect(mapped.name).toBe('UnknownSymbolError')
      expect(mapped).toBeInstanceOf(InvalidOrderError)
    }
    expect(
      toExchangeError(new ccxt.InvalidOrder('coinbaseexchange {"message":"Invalid price"}'), {
        exchange: 'coinbase',
        operation: 'x',
      }).name
    ).toBe('InvalidOrderError')
  })

  it('treats a timeout before the placement was sent as unavailable, not unknown', () => {
    const err = toExchangeError(new ccxt.RequestTimeout('timed out'), {
      exchange: 'kraken',
      operation: 'placeOrder',
      sent: false,
    })
    expect(err.name).toBe('ExchangeUnavailableError')
    expect(err.retryable).toBe(true)
  })

  it('keeps our own errors as they are', () => {
    const ours = new InvalidOrderError('amount too small', { exchange: 'coinbase', operation: 'placeOrder' })
    expect(toExchangeError(ours, { exchange: 'binance', operation: 'x' })).toBe(ours)
  })

  it('maps a non-ccxt failure of a sent placement to outcome unknown and of a read to ExchangeError', () => {
    const ctx = { exchange: 'binance' as const, operation: 'placeOrder', clientOrderId: 'c', sent: true }
    expect(toExchangeError(new TypeError('bad json'), ctx)).toBeInstanceOf(OrderOutcomeUnknownError)
    const read = toExchangeError(new TypeError('bad json'), { exchange: 'binance', operation: 'getOrder' })
    expect(read.name).toBe('ExchangeError')
    expect(read.retryable).toBe(false)
  })

  it('removes keys, secrets and signatures from messages and causes', () => {
    const err = toExchangeError(
      new ccxt.NetworkError('binance GET http://x/api/v3/account?timestamp=1&signature=abcdef0123 key=MYKEY123 failed'),
      { exchange: 'binance', operation: 'getBalances', secrets: ['MYKEY123', undefined] }
    )
    expect(err.message).not.toContain('abcdef0123')
    expect(err.message).not.toContain('MYKEY123')
    expect(String((err.cause as Error).message)).not.toContain('MYKEY123')
    expect(redact('signature=zz&x=1')).toBe('signature=***&x=1')
  })

  it('strips a secret also URL-encoded or base64-encoded (the secret scan echoed both past the plain redaction)', () => {
    const secret = 'a+b/c==' + 'k'.repeat(20)
    const message = `bad key ${encodeURIComponent(secret)} and ${Buffer.from(secret).toString('base64')} and ${secret}`
    expect(redact(message, [secret])).toBe('bad key *** and *** and ***')
  })
})

describe('retryAfterMs', () => {
  it('reads Retry-After seconds, case-insensitively', () => {
    const err = toExchangeError(new ccxt.DDoSProtection('429'), {
      exchange: 'binance',
      operation: 'getTicker',
      responseHeaders: { 'Retry-After': '7' },
    })
    expect(err).toBeInstanceOf(RateLimitError)
    expect((err as RateLimitError).retryAfterMs).toBe(7000)
  })

  it('reads an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z')
    const ms = retryAfterMs(new ccxt.RateLimitExceeded('x'), 'x', {
      now,
      responseHeaders: { 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' },
    })
    expect(ms).toBe(30_000)
  })

  it('waits until the end of a Binance IP ban', () => {
    const now = 1_700_000_000_000
    const message = 'binance {"code":-1003,"msg":"Way too much request weight used; IP banned until 1700000120000."}'
    expect(retryAfterMs(new ccxt.DDoSProtection(message), message, { now })).toBe(120_000)
  })

  it('falls back to defaults: short for throttling, long for DDoS answers', () => {
    expect(retryAfterMs(new ccxt.RateLimitExceeded('x'), 'x', {})).toBe(DEFAULT_RATE_LIMIT_RETRY_MS)
    expect(retryAfterMs(new ccxt.DDoSProtection('x'), 'x', {})).toBe(DEFAULT_BAN_RETRY_MS)
  })
})
