// Starting and awaiting workflows from HTTP handlers.
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandle,
  type WorkflowStartOptions,
} from '@temporalio/client'
import type { SearchAttributePair, Workflow, WorkflowResultType } from '@temporalio/common'

import { ApiError } from './errors.js'
import type { WorkflowArgs, WorkflowName, WorkflowOf, WorkflowResult } from './workflow-types.js'

/** A start checked against the workflow's own signature: its name, then its arguments. */
export interface StartRequest<N extends WorkflowName = WorkflowName> {
  workflowType: N
  workflowId: string
  args: WorkflowArgs<N>
  searchAttributes: SearchAttributePair[]
  /** Hash of the HTTP request, compared when an Idempotency-Key is reused. */
  requestHash: string
  summary: string
}

export interface WorkflowRunner {
  readonly client: Client
  readonly taskQueue: string
  /** Starts the workflow, or joins the one an earlier request with the same id started. */
  startOrJoin<N extends WorkflowName>(request: StartRequest<N>): Promise<WorkflowHandle<WorkflowOf<N>>>
  /**
   * Waits up to `waitMs` for the result, or for `early`'s answer when it comes first (a resting order answers once it
   * is placed, while its run goes on following it). An `early` that fails (a run too old to answer it, or one that
   * ended before it was asked) leaves the result to decide.
   */
  awaitResult<W extends Workflow>(
    handle: WorkflowHandle<W>,
    waitMs: number,
    early?: () => Promise<WorkflowResultType<W>>
  ): Promise<{ done: true; result: WorkflowResultType<W> } | { done: false }>
  /** Runs a short workflow to completion (market-data reads). */
  execute<N extends WorkflowName>(
    workflowType: N,
    workflowId: string,
    args: WorkflowArgs<N>,
    searchAttributes: SearchAttributePair[]
  ): Promise<WorkflowResult<N>>
}

export interface WorkflowRunnerOptions {
  /**
   * Ask the server to hand a new run's first workflow task straight back to this process's worker (eager workflow
   * start): one round trip through the task queue less per order. Only for a client on the worker's own
   * NativeConnection in the same process (npm start); the server ignores it otherwise.
   */
  eagerStart?: boolean
}

export function createWorkflowRunner(
  client: Client,
  taskQueue: string,
  options: WorkflowRunnerOptions = {}
): WorkflowRunner {
  return {
    client,
    taskQueue,

    async startOrJoin<N extends WorkflowName>(request: StartRequest<N>) {
      try {
        // A new id starts a run and needs no further question to the server: it is this request's own.
        return await client.workflow.start<WorkflowOf<N>>(
          request.workflowType,
          startOptions<N>({
            taskQueue,
            workflowId: request.workflowId,
            args: request.args,
            typedSearchAttributes: request.searchAttributes,
            memo: { requestHash: request.requestHash },
            staticSummary: request.summary,
            // A duplicate of a running or closed run is refused here and joined below after its checks: the same key
            // is the same order, never a second one.
            workflowIdConflictPolicy: 'FAIL',
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
            ...(options.eagerStart === true && { requestEagerStart: true }),
          })
        )
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error
      }
      const handle = client.workflow.getHandle(request.workflowId)
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

    async awaitResult(handle, waitMs, early) {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<{ done: false }>((resolve) => {
        timer = setTimeout(() => resolve({ done: false }), waitMs)
      })
      const answered = early?.().then(
        (result) => ({ done: true as const, result }),
        () => new Promise<never>(() => {})
      )
      try {
        return await Promise.race([
          handle.result().then((result) => ({ done: true as const, result })),
          timeout,
          ...(answered ? [answered] : []),
        ])
      } finally {
        clearTimeout(timer)
      }
    },

    async execute<N extends WorkflowName>(
      workflowType: N,
      workflowId: string,
      args: WorkflowArgs<N>,
      searchAttributes: SearchAttributePair[]
    ) {
      return client.workflow.execute<WorkflowOf<N>>(
        workflowType,
        startOptions<N>({ taskQueue, workflowId, args, typedSearchAttributes: searchAttributes })
      )
    },
  }
}

/**
 * Temporal types a start's options by a condition on the workflow's parameters, which TypeScript cannot resolve for
 * a workflow named by a type parameter; the arguments were checked against that workflow in StartRequest<N>.
 */
function startOptions<N extends WorkflowName>(options: Omit<WorkflowStartOptions, 'args'> & { args: WorkflowArgs<N> }) {
  return options as WorkflowStartOptions<WorkflowOf<N>>
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
