// Turns connector errors into Temporal ApplicationFailures whose `type` is the ExchangeError class name, a type of
// the failure vocabulary (domain/failures.ts), from which the retry policies and the workflows' decisions derive.
import { ApplicationFailure } from '@temporalio/activity'

import { failureClass } from '../domain/failures.js'
import { ExchangeError, RateLimitError } from '../exchanges/errors.js'

export interface ExchangeFailureDetails {
  exchange: string
  operation: string
  retryAfterMs?: number
  clientOrderId?: string
}

export function toApplicationFailure(error: unknown): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error
  if (error instanceof ExchangeError) {
    const details: ExchangeFailureDetails = { exchange: error.exchange, operation: error.operation }
    if (error instanceof RateLimitError) details.retryAfterMs = error.retryAfterMs
    if ('clientOrderId' in error && typeof error.clientOrderId === 'string') details.clientOrderId = error.clientOrderId
    return ApplicationFailure.create({
      type: error.name,
      message: error.message,
      // The vocabulary's types are listed by name in the retry policies; only an unclassified error decides here.
      nonRetryable: failureClass(error.name) === 'unclassified' ? !error.retryable : false,
      // Honour the venue's Retry-After (the policy's maximumInterval caps it).
      nextRetryDelay: error instanceof RateLimitError ? Math.max(error.retryAfterMs, 1) : undefined,
      details: [details],
    })
  }
  const message = error instanceof Error ? error.message : String(error)
  return ApplicationFailure.create({ type: error instanceof Error ? error.name : 'Error', message })
}

/** Runs `fn` and rethrows any failure as an ApplicationFailure. */
export async function asActivity<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    throw toApplicationFailure(error)
  }
}
