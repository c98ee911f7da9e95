// Starting a workflow for a request exactly once, also after Temporal has forgotten it. Temporal refuses a second
// start of a closed workflow id only within its retention window; the execution history in SQLite keeps every id,
// so a key whose workflow Temporal no longer knows is refused here rather than placing its order again.
import type { WorkflowHandle } from '@temporalio/client'

import { executionRecordedAt } from '../db/executions.js'
import type { AppDeps } from './deps.js'
import { ApiError } from './errors.js'
import { describeOrUndefined, type StartRequest } from './workflow-runner.js'
import type { WorkflowName, WorkflowOf } from './workflow-types.js'

export async function startOrJoinOnce<N extends WorkflowName>(
  deps: AppDeps,
  request: StartRequest<N>
): Promise<WorkflowHandle<WorkflowOf<N>>> {
  const recordedAt = await executionRecordedAt(deps.db, request.workflowId)
  if (recordedAt !== undefined && !(await describeOrUndefined(deps.runner.client, request.workflowId))) {
    throw new ApiError(
      409,
      'idempotency_key_used',
      `this Idempotency-Key already ran execution ${request.workflowId} on ${new Date(recordedAt).toISOString()}, ` +
        `which is past Temporal's retention; see GET /api/executions/${request.workflowId}, or use a new key`,
      { workflowId: request.workflowId }
    )
  }
  return deps.runner.startOrJoin(request)
}
