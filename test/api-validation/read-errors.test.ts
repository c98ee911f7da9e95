// How a failed read workflow becomes an HTTP answer: the ApplicationFailure is dug out of Temporal's wrappers
// (real @temporalio failure classes, no server), then mapped by its type and message.
import { WorkflowFailedError } from '@temporalio/client'
import { ActivityFailure, ApplicationFailure, RetryState, TimeoutFailure } from '@temporalio/common'
import { describe, expect, it } from 'vitest'

import { ApiError } from '../../api/errors.js'
import { enabledExchange, readError, venueError } from '../../api/exchange-read.js'
import { workflowFailure } from '../../api/workflow-failure.js'

function failedRead(cause: Error) {
  const activity = new ActivityFailure('activity failed', 'readExchange', '1', RetryState.NON_RETRYABLE_FAILURE, 'worker', cause)
  return new WorkflowFailedError('workflow failed', activity, RetryState.NON_RETRYABLE_FAILURE)
}
const application = (type: string, message: string) => ApplicationFailure.create({ type, message })

describe('workflowFailure', () => {
  it('finds the ApplicationFailure under the activity failure', () => {
    const error = failedRead(application('ExchangeUnavailableError', 'binance GET /api/v3/depth 503'))
    expect(workflowFailure(error)).toEqual({ type: 'ExchangeUnavailableError', message: 'binance GET /api/v3/depth 503' })
  })

  it('prefers the last ApplicationFailure under a timeout, and reports a bare timeout by its kind', () => {
    const timeout = new TimeoutFailure('activity timed out', undefined, 'SCHEDULE_TO_CLOSE')
    expect(workflowFailure(failedRead(timeout))).toEqual({ type: 'Timeout:SCHEDULE_TO_CLOSE', message: 'activity timed out' })
    const withLast = new TimeoutFailure('activity timed out', undefined, 'SCHEDULE_TO_CLOSE')
    ;(withLast as { cause?: Error }).cause = application('RateLimitError', 'kraken EAPI:Rate limit exceeded')
    expect(workflowFailure(failedRead(withLast))).toEqual({ type: 'RateLimitError', message: 'kraken EAPI:Rate limit exceeded' })
  })

  it('leaves errors that are not workflow failures alone', () => {
    expect(workflowFailure(new Error('connection refused'))).toBeUndefined()
  })
})

describe('venueError', () => {
  it.each([
    ['the connector', 'InvalidOrderError', 'binance has no market DOGE/EUR'],
    ['ccxt BadSymbol', 'InvalidOrderError', 'kraken does not have market symbol DOGE/EUR'],
    ['Binance', 'InvalidOrderError', 'binance {"code":-1121,"msg":"Invalid symbol."}'],
    ['Kraken', 'InvalidOrderError', 'kraken {"error":["EQuery:Unknown asset pair"]}'],
  ])('maps an unknown symbol as %s words it to a 404 naming the symbol', (_, type, message) => {
    const error = venueError({ type, message }, 'binance', 'DOGE/EUR')
    expect(error.status).toBe(404)
    expect(error.code).toBe('unknown_symbol')
    expect(error.message).toContain('DOGE/EUR')
    expect(error.extra).toMatchObject({ symbol: 'DOGE/EUR', exchange: 'binance' })
  })

  it.each([
    ['ExchangeUnavailableError', 503, 'venue_unavailable'],
    ['RateLimitError', 503, 'venue_unavailable'],
    ['Timeout:SCHEDULE_TO_CLOSE', 503, 'venue_unavailable'],
    ['AuthenticationError', 502, 'venue_auth_failed'],
    ['InvalidOrderError', 422, 'venue_rejected'],
    ['ExchangeError', 502, 'venue_error'],
  ])('maps %s to %i %s, keeping the venue message', (type, status, code) => {
    const error = venueError({ type, message: 'the venue said so' }, 'kraken', 'BTC/USDT')
    expect([error.status, error.code]).toEqual([status, code])
    expect(error.message).toContain('the venue said so')
    expect(error.extra).toMatchObject({ exchange: 'kraken', errorType: type })
  })

  it('does not call an error unknown_symbol when the read names no symbol', () => {
    expect(venueError({ type: 'InvalidOrderError', message: 'binance has no market X/Y' }, 'binance').code).toBe('venue_rejected')
  })
})

describe('readError', () => {
  it('turns a failed read into the venue error and passes anything else through', () => {
    const mapped = readError(failedRead(application('ExchangeUnavailableError', 'down')), 'kraken', { operation: 'balances' })
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
