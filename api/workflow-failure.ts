// What a failed workflow run says went wrong: the failure behind Temporal's WorkflowFailedError, described as the
// workflows describe it (workflows/lib/describe-failure.ts), however deep Temporal wrapped it.
import { WorkflowFailedError } from '@temporalio/client'

import { describeFailure, type FailureDescription } from '../workflows/lib/describe-failure.js'

export type { FailureDescription } from '../workflows/lib/describe-failure.js'

/** The failure behind a WorkflowFailedError, or undefined for any other error (Temporal down, a bug...). */
export function workflowFailure(error: unknown): FailureDescription | undefined {
  if (!(error instanceof WorkflowFailedError)) return undefined
  return describeFailure(error.cause ?? error)
}
