// The worker as npm start and npm run worker run it: its own connection to Temporal, the workflows and the
// activities of one task queue, stopped in order (shutdown, drain, then the connection) by the lifecycle, and the
// reconciliation schedule made sure of at start.
import { Client, Connection } from '@temporalio/client'
import type { Worker, WorkflowBundleOption } from '@temporalio/worker'
import { makeTelemetryFilterString, NativeConnection, Runtime } from '@temporalio/worker'

import type { ActivityDeps } from '../activities/index.js'
import type { TemporalConnectionSettings } from '../temporal.config.js'
import type { Lifecycle } from './lifecycle.js'
import type { Logger } from './logger.js'
import { ensureReconciliationSchedule } from './reconciliation.js'
import { readRiskLimits } from './risk-limits.js'
import { readTemporalConnectionOptions } from './temporal-connection-options.js'
import { temporalLogger } from './temporal-logger.js'
import { createGatewayWorker } from './worker.js'

/**
 * Once per process, before any worker: the SDK's lines (its own, the workflow and activity loggers, and the native
 * core's warnings, forwarded) go through the process logger as JSON lines; no signal handling of the SDK's own
 * (ours stops in order). With `metricsAddress` (host:port), the runtime serves its own metrics (temporal_*: task
 * slots, poll and schedule-to-start latencies, activity and workflow outcomes) there in the Prometheus format.
 */
export function installWorkerRuntime(logger: Logger, { metricsAddress }: { metricsAddress?: string } = {}): void {
  Runtime.install({
    logger: temporalLogger(logger),
    shutdownSignals: [],
    telemetryOptions: {
      logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }) },
      ...(metricsAddress !== undefined && { metrics: { prometheus: { bindAddress: metricsAddress } } }),
    },
  })
}

export async function startWorker(
  lifecycle: Lifecycle,
  {
    temporal,
    deps,
    workflowBundle,
    logger,
    connection: shared,
  }: {
    temporal: TemporalConnectionSettings
    deps: ActivityDeps
    workflowBundle?: WorkflowBundleOption
    logger: Logger
    /** A connection the caller owns and closes (npm start shares it with the API's client, for eager starts). */
    connection?: NativeConnection
  }
): Promise<Worker> {
  const connection =
    shared ??
    (await NativeConnection.connect({ address: temporal.address, ...readTemporalConnectionOptions(process.env) }))
  if (!shared) lifecycle.defer(() => connection.close())
  const worker = await createGatewayWorker({
    connection,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    // The configured risk limits (RISK_LIMITS_FILE over the defaults); a bad file stops the worker here, named.
    deps: { ...deps, riskLimits: deps.riskLimits ?? readRiskLimits(process.env) },
    workflowBundle,
  })
  let stopping = false
  const running = worker.run().catch((error: Error) => {
    // A worker that can no longer poll must not leave a process that looks alive.
    if (!stopping) lifecycle.abort(`the worker stopped: ${error.message}`)
  })
  lifecycle.defer(async () => {
    stopping = true
    worker.shutdown()
    await running
  })
  await ensureReconciliation(temporal, logger)
  return worker
}

/**
 * The reconciliation schedule lives in Temporal and every worker makes sure it exists. A failure is logged, not
 * fatal: the worker still serves orders, and the next worker start (or this one's restart) tries again.
 */
async function ensureReconciliation(temporal: TemporalConnectionSettings, logger: Logger): Promise<void> {
  let connection: Connection | undefined
  try {
    connection = await Connection.connect({ address: temporal.address, ...readTemporalConnectionOptions(process.env) })
    await ensureReconciliationSchedule(new Client({ connection, namespace: temporal.namespace }), temporal.taskQueue)
  } catch (error) {
    logger.warn({ err: error }, `reconciliation schedule not set up: ${(error as Error).message}`)
  } finally {
    await connection?.close()
  }
}
