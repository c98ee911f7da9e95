// The one description of a failure, as { errorType, message }: workflows decide from it (domain/failures.ts classes
// the errorType) and the API answers with it. It imports only @temporalio/common, so the API can use it without
// loading workflow code.
//
// The errorType is the ApplicationFailure's type (an ExchangeError class name, see activities/failures.ts), however
// deep Temporal wrapped it, except under a timeout: an activity that ran out of time is 'Timeout' whatever its last
// attempt said, because an attempt may have been running (and sending) when time ran out. Its last failure stays in
// the message. Workflow decisions depend on these types: change them only with a patch (see the replay suite).
import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  TemporalFailure,
  TimeoutFailure,
} from '@temporalio/common'

export interface FailureDescription {
  errorType: string
  message: string
}

export function describeFailure(error: unknown): FailureDescription {
  if (error instanceof ApplicationFailure) return { errorType: error.type ?? 'Error', message: error.message }
  if (error instanceof ActivityFailure || error instanceof ChildWorkflowFailure) {
    const cause = error.cause
    if (cause instanceof TimeoutFailure)
      return timedOut(cause, error instanceof ActivityFailure ? 'activity' : 'child workflow')
    if (
      cause instanceof ApplicationFailure ||
      cause instanceof ActivityFailure ||
      cause instanceof ChildWorkflowFailure
    ) {
      return describeFailure(cause)
    }
    return { errorType: cause?.name ?? 'Error', message: cause?.message ?? error.message }
  }
  if (error instanceof TimeoutFailure) return timedOut(error, 'workflow')
  // Cancelled, terminated, a server failure: named by their class.
  if (error instanceof TemporalFailure) return { errorType: error.name, message: error.message }
  return { errorType: 'Error', message: error instanceof Error ? error.message : String(error) }
}

function timedOut(timeout: TimeoutFailure, what: string): FailureDescription {
  const last = timeout.cause instanceof TemporalFailure ? describeFailure(timeout.cause) : undefined
  const after = last ? `; last failure ${last.errorType}: ${last.message}` : ''
  return { errorType: 'Timeout', message: `${what} timed out (${timeout.timeoutType})${after}` }
}
