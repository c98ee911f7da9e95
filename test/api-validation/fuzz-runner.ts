// The WorkflowRunner the API fuzzer gives the app. It starts nothing: every start (startOrJoin, client.workflow.start,
// execute of anything but a read) is recorded and answered as Temporal would answer a fresh start (a running handle),
// so that a request the API should have refused shows up as a recorded start instead of hiding behind a 500.
// Reads (exchangeReadWorkflow) run the real readExchange activity on the real connectors against the simulator, and
// its failure reaches the API wrapped as Temporal wraps it (WorkflowFailedError > ActivityFailure > ApplicationFailure).
// Looking up a workflow id answers "not found", which is the truth: no workflow was ever started.
import { WorkflowFailedError, WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client'
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common'

import type { WorkflowRunner } from '../../api/workflow-runner.js'

export interface FuzzRunner extends WorkflowRunner {
  /** Workflows the API tried to start (reads excluded). */
  starts: { via: string; workflowType: string; workflowId: string }[]
  /** Read workflows run (market data, balances, health). */
  reads: number
}

export function createFuzzRunner(readExchange: (input: unknown) => Promise<unknown>): FuzzRunner {
  const starts: FuzzRunner['starts'] = []
  const runningHandle = (workflowId: string) =>
    ({
      workflowId,
      describe: async () => ({ type: 'unknown', status: { name: 'RUNNING' }, memo: {} }),
      result: () => new Promise(() => undefined),
      signal: async () => undefined,
      query: async () => undefined,
    }) as unknown as WorkflowHandle
  const client = {
    workflow: {
      start: async (workflowType: string, options: { workflowId: string }) => {
        starts.push({ via: 'client.workflow.start', workflowType, workflowId: options.workflowId })
        return runningHandle(options.workflowId)
      },
      getHandle: (workflowId: string) => ({
        workflowId,
        describe: async () => {
          throw new WorkflowNotFoundError('workflow not found', workflowId, undefined)
        },
      }),
    },
    workflowService: { getSystemInfo: async () => ({}) },
  } as unknown as Client

  const runner: FuzzRunner = {
    starts,
    reads: 0,
    client,
    taskQueue: 'fuzz',
    async startOrJoin(request) {
      starts.push({ via: 'startOrJoin', workflowType: request.workflowType, workflowId: request.workflowId })
      return runningHandle(request.workflowId)
    },
    awaitResult: async () => ({ done: false }),
    async execute<T>(workflowType: string, workflowId: string, args: unknown[]) {
      if (workflowType !== 'exchangeReadWorkflow') {
        starts.push({ via: 'execute', workflowType, workflowId })
        return new Promise<T>(() => undefined)
      }
      runner.reads++
      try {
        return (await readExchange(args[0])) as T
      } catch (error) {
        if (!(error instanceof ApplicationFailure)) throw error
        const activity = new ActivityFailure('activity failed', 'readExchange', '1', RetryState.NON_RETRYABLE_FAILURE, 'fuzz', error)
        throw new WorkflowFailedError('workflow execution failed', activity, RetryState.NON_RETRYABLE_FAILURE)
      }
    },
  }
  return runner
}
