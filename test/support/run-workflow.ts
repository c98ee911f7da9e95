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
