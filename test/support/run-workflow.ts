import { randomUUID } from 'node:crypto'

import type { TestStack } from './stack.js'

/** Runs a workflow on the stack's worker to completion and returns its id and result. */
export async function runWorkflow<T>(
  stack: TestStack,
  type: string,
  input: unknown,
  prefix = 'test'
): Promise<{ workflowId: string; result: T }> {
  const workflowId = `${prefix}-${randomUUID()}`
  const result = (await stack.client.workflow.execute(type, {
    taskQueue: stack.taskQueue,
    workflowId,
    args: [input],
  })) as T
  return { workflowId, result }
}

/**
 * Starts placeOrderWorkflow and returns its answer once the order is placed: a resting order's run goes on following
 * it (until the venue shows it done), so its result would not come while it rests.
 */
export async function placeUntilPlaced<T>(
  stack: TestStack,
  input: unknown,
  prefix = 'test'
): Promise<{ workflowId: string; result: T }> {
  const workflowId = `${prefix}-${randomUUID()}`
  const handle = await stack.client.workflow.start('placeOrderWorkflow', {
    taskQueue: stack.taskQueue,
    workflowId,
    args: [input],
  })
  return { workflowId, result: (await handle.executeUpdate('placed')) as T }
}
