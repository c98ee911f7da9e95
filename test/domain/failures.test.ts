// Goal: one vocabulary of failures, and everything that classes failures agrees with it: the ExchangeError family
// (every class is named, with the retry flag its class implies), the retry policies in temporal.config.ts, the
// placement rules and the one description of a Temporal failure.
// Method: real error classes, the real ACTIVITY_OPTIONS, real @temporalio failure objects (no server).
import { ActivityFailure, ApplicationFailure, RetryState, TimeoutFailure } from '@temporalio/common'
import { describe, expect, it } from 'vitest'

import {
  CALLER_REFUSALS,
  FAILURE_TYPES,
  FAILURES,
  FINAL_FAILURES,
  OUTCOME_UNKNOWN_FAILURES,
  failureClass,
  isDefinitiveRejection,
  isNothingPlaced,
} from '../../domain/failures.js'
import { RISK_REJECTED } from '../../domain/risk/types.js'
import * as errors from '../../exchanges/errors.js'
import { ACTIVITY_OPTIONS } from '../../temporal.config.js'
import { describeFailure } from '../../workflows/lib/describe-failure.js'

const base = { exchange: 'binance' as const, operation: 'placeOrder' }
/** One instance of every class exchanges/errors.ts exports. */
const EXCHANGE_ERRORS: errors.ExchangeError[] = [
  new errors.ExchangeError('x', base),
  new errors.RateLimitError('x', { ...base, retryAfterMs: 1 }),
  new errors.InsufficientBalanceError('x', base),
  new errors.InvalidOrderError('x', base),
  new errors.UnknownSymbolError('x', base),
  new errors.OrderNotFoundError('x', base),
  new errors.AuthenticationError('x', base),
  new errors.ExchangeUnavailableError('x', base),
  new errors.OrderOutcomeUnknownError('x', { ...base, clientOrderId: 'c' }),
  new errors.SendDeadlineError({ ...base, clientOrderId: 'c' }),
  new errors.DuplicateClientOrderIdError('x', { ...base, clientOrderId: 'c' }),
]

describe('the failure vocabulary', () => {
  it('names every class of the ExchangeError family', () => {
    const exported = Object.values(errors).filter((v) => typeof v === 'function' && v.prototype instanceof Error)
    expect(EXCHANGE_ERRORS.map((e) => e.constructor).sort()).toEqual([...exported].sort())
    for (const error of EXCHANGE_ERRORS) expect(FAILURE_TYPES, error.name).toContain(error.name)
  })

  it("agrees with each class's own retry flag: the venue's refusals before the book are retryable, nothing else is but a send deadline", () => {
    for (const error of EXCHANGE_ERRORS.filter((e) => e.name !== 'ExchangeError')) {
      const kind = failureClass(error.name)
      expect(error.retryable, error.name).toBe(kind === 'nothing_placed' || kind === 'not_sent')
    }
  })

  it('classes the refusals, the failures before the book and the unknown outcomes', () => {
    const refusals = [
      'InsufficientBalanceError',
      'InvalidOrderError',
      'UnknownSymbolError',
      'AuthenticationError',
      'ValidationError',
      'ClientOrderIdInUseError',
      RISK_REJECTED,
    ]
    for (const type of refusals) expect(isDefinitiveRejection(type), type).toBe(true)
    expect(FAILURE_TYPES.filter(isDefinitiveRejection).sort()).toEqual([...refusals].sort())
    for (const type of ['RateLimitError', 'ExchangeUnavailableError']) expect(isNothingPlaced(type)).toBe(true)
    for (const type of ['OrderOutcomeUnknownError', 'DuplicateClientOrderIdError', 'Timeout'])
      expect(failureClass(type)).toBe('outcome_unknown')
  })

  it('does not call an order not found a refusal: a placement that ends with it is settled by lookup', () => {
    expect(isDefinitiveRejection('OrderNotFoundError')).toBe(false)
    expect(isNothingPlaced('OrderNotFoundError')).toBe(false)
    expect(FINAL_FAILURES).toContain('OrderNotFoundError')
  })

  it('leaves types it does not know unclassified, so a placement failing with one is looked up', () => {
    for (const type of ['TypeError', 'Error', 'toString', '__proto__']) {
      expect(failureClass(type)).toBe('unclassified')
      expect(isDefinitiveRejection(type) || isNothingPlaced(type)).toBe(false)
    }
  })
})

describe('the retry policies derive from it', () => {
  const nonRetryable = (name: keyof typeof ACTIVITY_OPTIONS) =>
    (ACTIVITY_OPTIONS[name] as { retry: { nonRetryableErrorTypes?: readonly string[] } }).retry
      .nonRetryableErrorTypes ?? []

  it('never retries a refusal or a failed lookup on reads and placements, and never re-sends an unknown outcome', () => {
    for (const name of ['marketData', 'interactiveRead', 'routingSnapshot', 'placeOrder', 'unwind', 'risk'] as const) {
      expect(nonRetryable(name), name).toEqual(expect.arrayContaining([...FINAL_FAILURES]))
    }
    for (const name of ['placeOrder', 'unwind'] as const) {
      expect(nonRetryable(name)).toEqual(
        expect.arrayContaining([
          'OrderOutcomeUnknownError',
          'DuplicateClientOrderIdError',
          'TemporalTimeout:StartToClose',
        ])
      )
      expect(nonRetryable(name)).not.toContain('SendDeadlineError')
      expect(nonRetryable(name)).not.toContain('RateLimitError')
    }
  })

  it('lets lookups that must succeed retry everything but a refusal of the caller', () => {
    expect([...CALLER_REFUSALS].sort()).toEqual(['AuthenticationError', 'ValidationError'])
    for (const name of ['reconcile', 'unwindLookup', 'settle'] as const)
      expect(nonRetryable(name)).toEqual([...CALLER_REFUSALS])
  })

  it('names only types an activity raises, each one known', () => {
    for (const name of Object.keys(ACTIVITY_OPTIONS) as (keyof typeof ACTIVITY_OPTIONS)[]) {
      for (const type of nonRetryable(name))
        expect(FAILURES[type as keyof typeof FAILURES]?.origin, `${name}: ${type}`).toBe('activity')
    }
    expect(OUTCOME_UNKNOWN_FAILURES).not.toContain('Timeout')
  })
})

describe('describeFailure', () => {
  const activityFailure = (cause: Error) =>
    new ActivityFailure('activity failed', 'placeOrder', '1', RetryState.NON_RETRYABLE_FAILURE, 'worker', cause)

  it('names an activity failure by its ApplicationFailure type', () => {
    const failure = activityFailure(
      ApplicationFailure.create({ type: 'InsufficientBalanceError', message: 'binance: no funds' })
    )
    expect(describeFailure(failure)).toEqual({ errorType: 'InsufficientBalanceError', message: 'binance: no funds' })
  })

  it('calls a timed-out activity a Timeout even when its last attempt was a refusal before the book', () => {
    const timeout = new TimeoutFailure('activity timed out', undefined, 'SCHEDULE_TO_CLOSE')
    ;(timeout as { cause?: Error }).cause = ApplicationFailure.create({ type: 'RateLimitError', message: 'throttled' })
    const described = describeFailure(activityFailure(timeout))
    expect(described.errorType).toBe('Timeout')
    expect(described.message).toBe('activity timed out (SCHEDULE_TO_CLOSE); last failure RateLimitError: throttled')
    expect(isNothingPlaced(described.errorType)).toBe(false)
  })

  it('names anything else Error, with its message', () => {
    expect(describeFailure(new TypeError('boom'))).toEqual({ errorType: 'Error', message: 'boom' })
    expect(describeFailure('text')).toEqual({ errorType: 'Error', message: 'text' })
  })
})
