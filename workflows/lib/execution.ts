// Recording an execution's start and end in the history database, and labelling it for the Temporal UI.
import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow'

import type { ExecutionEnd, ExecutionStart } from '../../db/executions.js'
import { SA } from '../../temporal.config.js'
import { records } from './activities.js'

export async function recordStart(start: Omit<ExecutionStart, 'id'>): Promise<string> {
  const { workflowId } = workflowInfo()
  await records.recordExecutionStart({ id: workflowId, ...start })
  return workflowId
}

/** Records the end and sets OrderStatus (e.g. FILLED, REJECTED, UNWOUND) so the UI can filter on it. */
export async function recordEnd(end: ExecutionEnd): Promise<void> {
  upsertSearchAttributes([{ key: SA.orderStatus, value: end.outcome.toUpperCase() }])
  await records.recordExecutionEnd({ id: workflowInfo().workflowId, ...end, outcome: end.outcome.toLowerCase() })
}
