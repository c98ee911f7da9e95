// How a failed read workflow becomes an HTTP answer: the ApplicationFailure is dug out of Temporal's wrappers
// (real @temporalio failure classes, no server), then mapped by its type's class in the failure vocabulary.
import { WorkflowFailedError } from '@temporalio/client'
import { ActivityFailure, ApplicationFailure, RetryState, TimeoutFailure } from '@temporalio/common'
import { describe, expect, it } from 'vitest'

import { ApiError } from '../../api/errors.js'
import { enabledExchange, readError, venueError } from '../../api/exchange-read.js'
import { workflowFailure } from '../../api/workflow-failure.js'

function failedRead(cause: Error) {
  const activity = new ActivityFailure(
    'activity failed',
    'readExchange',
    '1',
    RetryState.NON_RETRYABLE_FAILURE,
    'worker',
    cause
  )
  return new WorkflowFailedError('workflow failed', activity, RetryState.NON_RETRYABLE_FAILURE)
}
const application = (type: string, message: string) => ApplicationFailure.create({ type, message })

describe('workflowFailure', () => {
  it('finds the ApplicationFailure under the activity failure', () => {
    const error = failedRead(application('ExchangeUnavailableError', 'binance GET /api/v3/depth 503'))
    expect(workflowFailure(error)).toEqual({
      errorType: 'ExchangeUnavailableError',
      message: 'binance GET /api/v3/depth 503',
    })
  })

  it('names a timeout as the workflows do, keeping the last failure under it in the message', () => {
    const timeout = new TimeoutFailure('activity timed out', undefined, 'SCHEDULE_TO_CLOSE')
    expect(workflowFailure(failedRead(timeout))).toEqual({
      errorType: 'Timeout',
      message: 'activity timed out (SCHEDULE_TO_CLOSE)',
    })
    const withLast = new TimeoutFailure('activity timed out', undefined, 'SCHEDULE_TO_CLOSE')
    ;(withLast as { cause?: Error }).cause = application('RateLimitError', 'kraken EAPI:Rate limit exceeded')
    expect(workflowFailure(failedRead(withLast))).toEqual({
      errorType: 'Timeout',
      message: 'activity timed out (SCHEDULE_TO_CLOSE); last failure RateLimitError: kraken EAPI:Rate limit exceeded',
    })
  })

  it('leaves errors that are not workflow failures alone', () => {
    expect(workflowFailure(new Error('connection refused'))).toBeUndefined()
  })
})

describe('venueError', () => {
  it('maps UnknownSymbolError to a 404 naming the symbol', () => {
    const error = venueError(
      { errorType: 'UnknownSymbolError', message: 'binance has no market DOGE/EUR' },
      'binance',
      'DOGE/EUR'
    )
    expect(error.status).toBe(404)
    expect(error.code).toBe('unknown_symbol')
    expect(error.message).toContain('DOGE/EUR')
    expect(error.extra).toMatchObject({ symbol: 'DOGE/EUR', exchange: 'binance' })
  })

  it('does not read the message: another refusal worded like an unknown symbol is a 422', () => {
    const error = venueError(
      { errorType: 'InvalidOrderError', message: 'kraken EQuery:Unknown asset pair' },
      'kraken',
      'DOGE/EUR'
    )
    expect([error.status, error.code]).toEqual([422, 'venue_rejected'])
  })

  it.each([
    ['ExchangeUnavailableError', 503, 'venue_unavailable'],
    ['RateLimitError', 503, 'venue_unavailable'],
    ['Timeout', 503, 'venue_unavailable'],
    ['AuthenticationError', 502, 'venue_auth_failed'],
    ['InvalidOrderError', 422, 'venue_rejected'],
    ['ValidationError', 422, 'venue_rejected'],
    ['OrderNotFoundError', 502, 'venue_error'],
    ['ExchangeError', 502, 'venue_error'],
    ['TypeError', 502, 'venue_error'],
  ])('maps %s to %i %s, keeping the venue message', (errorType, status, code) => {
    const error = venueError({ errorType, message: 'the venue said so' }, 'kraken', 'BTC/USDT')
    expect([error.status, error.code]).toEqual([status, code])
    expect(error.message).toContain('the venue said so')
    expect(error.extra).toMatchObject({ exchange: 'kraken', errorType })
  })

  it('does not call an error unknown_symbol when the read names no symbol', () => {
    expect(venueError({ errorType: 'UnknownSymbolError', message: 'binance has no market X/Y' }, 'binance').code).toBe(
      'venue_rejected'
    )
  })
})

describe('readError', () => {
  it('turns a failed read into the venue error and passes anything else through', () => {
    const mapped = readError(failedRead(application('ExchangeUnavailableError', 'down')), 'kraken', {
      operation: 'balances',
    })
    expect(mapped).toBeInstanceOf(ApiError)
    expect((mapped as ApiError).status).toBe(503)
    const other = new Error('Temporal is unreachable')
    expect(readError(other, 'kraken', { operation: 'balances' })).toBe(other)
  })
})

describe('enabledExchange', () => {
  it('accepts an enabled exchange in any case and refuses unknown or disabled ones with a 404 naming them', () => {
    const deps = { exchanges: ['binance', 'kraken'] as const }
    expect(enabledExchange(deps, 'Binance')).toBe('binance')
    for (const raw of ['ftx', 'coinbase']) {
      let thrown: unknown
      try {
        enabledExchange(deps, raw)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(ApiError)
      expect((thrown as ApiError).status).toBe(404)
      expect((thrown as ApiError).message).toContain(raw)
    }
  })
})
