// The WorkflowRunner the API fuzzer gives the app. It starts nothing: every start (startOrJoin, client.workflow.start,
// execute) is recorded and answered as Temporal would answer a fresh start (a running handle), so that a request the
// API should have refused shows up as a recorded start instead of hiding behind a 500. (Reads do not come here: the
// app reads the venues through its VenueReader.) Looking up a workflow id answers "not found", which is the truth:
// no workflow was ever started; except RUNNING_ORDER_ID, a resting order's run, so that cancels and amendments reach
// the command they would send (an update, recorded like a start, never answered).
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client'

import type { WorkflowRunner } from '../../api/workflow-runner.js'

export interface FuzzRunner extends WorkflowRunner {
  /** Workflows the API tried to start. */
  starts: { via: string; workflowType: string; workflowId: string }[]
}

/** The one run the fuzzer's Temporal knows: a limit order resting on binance, followed by its run. */
export const RUNNING_ORDER_ID = 'order-fuzz-1'

const restingOrder = {
  phase: 'following',
  clientOrderId: 'fuzz-coid-1',
  result: {
    workflowId: RUNNING_ORDER_ID,
    exchange: 'binance',
    clientOrderId: 'fuzz-coid-1',
    outcome: 'placed',
    status: 'open',
    total: '0.1',
    filled: '0',
    fills: [],
    amendments: [],
  },
  unresolved: [],
}

export function createFuzzRunner(): FuzzRunner {
  const starts: FuzzRunner['starts'] = []
  const runningHandle = (workflowId: string) =>
    ({
      workflowId,
      describe: async () => ({ type: 'unknown', status: { name: 'RUNNING' }, memo: {} }),
      result: () => new Promise(() => undefined),
      signal: async () => undefined,
      query: async () => undefined,
    }) as unknown as WorkflowHandle
  const runningOrder = () =>
    ({
      workflowId: RUNNING_ORDER_ID,
      describe: async () => ({
        type: 'placeOrderWorkflow',
        status: { name: 'RUNNING' },
        memo: {},
        typedSearchAttributes: { get: (key: { name: string }) => (key.name === 'Symbol' ? 'BTC/USDT' : undefined) },
      }),
      query: async () => structuredClone(restingOrder),
      startUpdate: async (update: { name: string }, options: { updateId?: string } = {}) => {
        starts.push({ via: 'startUpdate', workflowType: `update ${update.name}`, workflowId: RUNNING_ORDER_ID })
        return { updateId: options.updateId ?? 'fuzz-update', result: () => new Promise(() => undefined) }
      },
    }) as unknown as WorkflowHandle
  const client = {
    workflow: {
      start: async (workflowType: string, options: { workflowId: string }) => {
        starts.push({ via: 'client.workflow.start', workflowType, workflowId: options.workflowId })
        return runningHandle(options.workflowId)
      },
      getHandle: (workflowId: string) =>
        workflowId === RUNNING_ORDER_ID
          ? runningOrder()
          : {
              workflowId,
              describe: async () => {
                throw new WorkflowNotFoundError('workflow not found', workflowId, undefined)
              },
            },
    },
    workflowService: { getSystemInfo: async () => ({}) },
  } as unknown as Client

  const runner: FuzzRunner = {
    starts,
    client,
    taskQueue: 'fuzz',
    async startOrJoin(request) {
      starts.push({ via: 'startOrJoin', workflowType: request.workflowType, workflowId: request.workflowId })
      return runningHandle(request.workflowId)
    },
    awaitResult: async () => ({ done: false }),
    async execute<T>(workflowType: string, workflowId: string) {
      starts.push({ via: 'execute', workflowType, workflowId })
      return new Promise<T>(() => undefined)
    },
  }
  return runner
}
