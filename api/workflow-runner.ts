// Starting and awaiting workflows from HTTP handlers.
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client'
import type { SearchAttributePair } from '@temporalio/common'

import { ApiError } from './errors.js'

export interface StartRequest {
  workflowType: string
  workflowId: string
  args: unknown[]
  searchAttributes: SearchAttributePair[]
  /** Hash of the HTTP request, compared when an Idempotency-Key is reused. */
  requestHash: string
  summary: string
}

export interface WorkflowRunner {
  readonly client: Client
  readonly taskQueue: string
  /** Starts the workflow, or joins the one an earlier request with the same id started. */
  startOrJoin(request: StartRequest): Promise<WorkflowHandle>
  /** Waits up to `waitMs` for the result. */
  awaitResult<T>(handle: WorkflowHandle, waitMs: number): Promise<{ done: true; result: T } | { done: false }>
  /** Runs a short workflow to completion (market-data reads). */
  execute<T>(workflowType: string, workflowId: string, args: unknown[], searchAttributes: SearchAttributePair[]): Promise<T>
}

export function createWorkflowRunner(client: Client, taskQueue: string): WorkflowRunner {
  return {
    client,
    taskQueue,

    async startOrJoin(request) {
      let handle: WorkflowHandle
      try {
        handle = await client.workflow.start(request.workflowType, {
          taskQueue,
          workflowId: request.workflowId,
          args: request.args as [unknown],
          typedSearchAttributes: request.searchAttributes,
          memo: { requestHash: request.requestHash },
          staticSummary: request.summary,
          // A running duplicate is joined; a closed one is never started again (the same key = the same order).
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        })
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error
        handle = client.workflow.getHandle(request.workflowId)
      }
      const description = await handle.describe()
      // Each endpoint has its own kind of run: an id that names another kind (e.g. a monitor's child) is not this
      // request's, and a run without a request hash was not started by an API request: neither is joined.
      if (description.type !== request.workflowType) {
        throw new ApiError(
          409,
          'idempotency_conflict',
          `Idempotency-Key names a ${description.type} run, not a ${request.workflowType}; use a new key`,
          { workflowId: request.workflowId }
        )
      }
      const earlierHash = description.memo?.requestHash
      if (earlierHash !== request.requestHash) {
        throw new ApiError(
          409,
          'idempotency_conflict',
          'Idempotency-Key was already used for a different request; use a new key for a new order',
          { workflowId: request.workflowId }
        )
      }
      return handle
    },

    async awaitResult<T>(handle: WorkflowHandle, waitMs: number) {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<{ done: false }>((resolve) => {
        timer = setTimeout(() => resolve({ done: false }), waitMs)
      })
      try {
        return await Promise.race([handle.result().then((result) => ({ done: true as const, result: result as T })), timeout])
      } finally {
        clearTimeout(timer)
      }
    },

    async execute<T>(workflowType: string, workflowId: string, args: unknown[], searchAttributes: SearchAttributePair[]) {
      return (await client.workflow.execute(workflowType, {
        taskQueue,
        workflowId,
        args,
        typedSearchAttributes: searchAttributes,
      })) as T
    },
  }
}

export async function describeOrUndefined(client: Client, workflowId: string) {
  try {
    const handle = client.workflow.getHandle(workflowId)
    return { handle, description: await handle.describe() }
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined
    throw error
  }
}
