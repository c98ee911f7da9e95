// Turns connector errors into Temporal ApplicationFailures whose `type` is the ExchangeError class name, so the
// retry policies in temporal.config.ts can list them declaratively and workflows can branch on them.
import { ApplicationFailure } from '@temporalio/activity'

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
      // The subclasses are listed by name in the retry policies; only the catch-all class decides here.
      nonRetryable: error.name === 'ExchangeError' ? !error.retryable : false,
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
