// A workflow update that did not apply, as an HTTP answer: a change its validator refused is a 400 naming the field
// (the validator threw a ValidationError with { field } in its details), a run that has ended is a 409.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client'
import { ApplicationFailure } from '@temporalio/common'

import { ApiError, badRequest } from './errors.js'

/** The ApiError for a failed executeUpdate; anything else (Temporal down, a bug) passes through. */
export function updateRefusal(error: unknown, workflowId: string): unknown {
  if (error instanceof WorkflowNotFoundError || isClosedRunError(error)) {
    return new ApiError(409, 'not_running', `${workflowId} is not running`, { workflowId })
  }
  if (!(error instanceof WorkflowUpdateFailedError)) return error
  const cause = error.cause
  if (cause instanceof ApplicationFailure && cause.type === 'AcceptedUpdateCompletedWorkflow') {
    return new ApiError(409, 'not_running', `${workflowId} ended before it applied the change`, { workflowId })
  }
  if (cause instanceof ApplicationFailure && cause.type === 'ValidationError')
    return badRequest(cause.message, fieldOf(cause.details))
  return new ApiError(
    500,
    'update_failed',
    `${workflowId} could not apply the change: ${cause?.message ?? error.message}`,
    {
      workflowId,
    }
  )
}

/**
 * A run that ended between the caller's look and the update: the server refuses it with a plain service error
 * ("workflow execution already completed") rather than a not-found, depending on when the close landed.
 */
export const isClosedRunError = (error: unknown): boolean =>
  error instanceof Error && /already completed/i.test(error.message)

function fieldOf(details: unknown[] | undefined | null): string | undefined {
  const first = details?.[0]
  if (typeof first !== 'object' || first === null || !('field' in first)) return undefined
  return typeof first.field === 'string' && first.field !== '' ? first.field : undefined
}
