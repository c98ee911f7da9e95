// What a failed workflow run says went wrong, as { type, message }: the ApplicationFailure the activity raised
// (type = the ExchangeError class name, see activities/failures.ts), however deep Temporal wrapped it
// (WorkflowFailedError -> ActivityFailure -> [TimeoutFailure ->] ApplicationFailure).
import { WorkflowFailedError } from '@temporalio/client'
import { ApplicationFailure, TemporalFailure, TimeoutFailure } from '@temporalio/common'

export interface FailureInfo {
  type: string
  message: string
}

/** The failure behind a WorkflowFailedError, or undefined for any other error (Temporal down, a bug...). */
export function workflowFailure(error: unknown): FailureInfo | undefined {
  if (!(error instanceof WorkflowFailedError)) return undefined
  let timeout: TimeoutFailure | undefined
  // An activity that ran out of time after retries carries its last ApplicationFailure under the timeout:
  // that one names the venue's problem, so it wins over the timeout itself.
  for (let cause = error.cause; cause instanceof TemporalFailure; cause = cause.cause) {
    if (cause instanceof ApplicationFailure) return { type: cause.type ?? 'Error', message: cause.message }
    if (cause instanceof TimeoutFailure) timeout ??= cause
  }
  if (timeout) return { type: `Timeout:${timeout.timeoutType}`, message: timeout.message || 'timed out' }
  return { type: 'WorkflowFailed', message: error.cause?.message ?? error.message }
}
