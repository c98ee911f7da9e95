// Builds the Temporal worker: the bundled workflows plus activities wired to concrete connectors and the database.
import { fileURLToPath } from 'node:url'

import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker'

import { createActivities, type ActivityDeps } from '../activities/index.js'

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url))

export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger })
}

export interface GatewayWorkerOptions {
  connection: NativeConnection
  namespace: string
  taskQueue: string
  deps: ActivityDeps
  /** Pre-built bundle (tests bundle once per file); bundled on the fly when absent. */
  workflowBundle?: WorkflowBundleWithSourceMap
}

export async function createGatewayWorker(options: GatewayWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle ?? (await bundleWorkflows()),
    activities: createActivities(options.deps),
  })
}

// The bundler logs every webpack step at INFO; only problems matter here.
const quietBundlerLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string, meta?: unknown) => console.warn(message, meta ?? ''),
  error: (message: string, meta?: unknown) => console.error(message, meta ?? ''),
}
