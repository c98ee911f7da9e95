// Builds the Temporal worker: the bundled workflows plus activities wired to concrete connectors and the database.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import {
  bundleWorkflowCode,
  NativeConnection,
  Worker,
  type WorkflowBundleOption,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker'

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
  /** Pre-built bundle (tests bundle once per file, WORKFLOW_BUNDLE in production); bundled on the fly when absent. */
  workflowBundle?: WorkflowBundleOption
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

/**
 * Writes the workflow bundle to `path` (and its source map to `path`.map) for workers to load with
 * readWorkflowBundle: bundling takes seconds to tens of seconds, too long for a worker restarted after a crash.
 * Rebuild it with every change to workflows/: a worker runs the workflow code of its bundle.
 */
export async function writeWorkflowBundle(path: string): Promise<void> {
  const bundle = await bundleWorkflows()
  writeFileSync(path, bundle.code)
  writeFileSync(`${path}.map`, bundle.sourceMap)
}

export function readWorkflowBundle(path: string): WorkflowBundleOption {
  if (!existsSync(path)) throw new Error(`WORKFLOW_BUNDLE=${path} does not exist (build it with npm run worker:bundle)`)
  const code = readFileSync(path, 'utf8')
  return existsSync(`${path}.map`) ? { code, sourceMap: readFileSync(`${path}.map`, 'utf8') } : { code }
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
