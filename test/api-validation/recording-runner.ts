// A WorkflowRunner for requests that must be refused before any workflow starts: it records every call and
// fails it, so a test can assert that a 400 (or 404) started nothing.
import type { Client } from '@temporalio/client'

import type { WorkflowRunner } from '../../api/workflow-runner.js'

export interface RecordingRunner extends WorkflowRunner {
  calls: { method: string; workflowType: string }[]
}

export function createRecordingRunner(): RecordingRunner {
  const calls: RecordingRunner['calls'] = []
  const refuse = (method: string, workflowType: string): never => {
    calls.push({ method, workflowType })
    throw new Error(`${method}(${workflowType}) called on a request that should have been refused`)
  }
  return {
    calls,
    get client(): Client {
      return refuse('client', '-')
    },
    taskQueue: 'unused',
    startOrJoin: async (request) => refuse('startOrJoin', request.workflowType),
    awaitResult: async () => refuse('awaitResult', '-'),
    execute: async (workflowType) => refuse('execute', workflowType),
  }
}
