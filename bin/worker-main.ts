// `npm run worker`: one worker alone; start as many as needed on one task queue. Configured like npm start:
// TEMPORAL_ADDRESS (127.0.0.1:7233), TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, DATABASE_URL (PostgreSQL) or
// DATABASE_PATH (one SQLite file) shared by every worker and api process, exchange API keys; exchanges without keys
// trade against the simulator at SIMULATOR_URL. WORKFLOW_BUNDLE: a workflow bundle built by `npm run worker:bundle`, so that a (re)started worker
// serves within seconds instead of bundling first. SIGINT/SIGTERM: the worker shuts down (in-flight activities are cancelled and drained), then the
// connections close. A SIGKILL leaves nothing to clean: Temporal hands its tasks to another worker.
import { describeDatabase, openDatabase } from '../db/client.js'
import { createConnectorRegistry, loadExchangeSettings } from '../exchanges/registry.js'
import { temporalConnectionSettings } from '../temporal.config.js'
import { runProcess } from './lifecycle.js'
import { createProcessLogger } from './logger.js'
import { listenMetrics, readWorkerMetricsConfig } from './metrics-server.js'
import { createProcessMetrics, runtimeMetricsAddress } from './process-metrics.js'
import { fetchSimulatorUrls } from './simulator-venues.js'
import { readDatabaseTarget } from './start-config.js'
import { installWorkerRuntime, startWorker } from './worker-role.js'
import { readWorkflowBundle } from './worker.js'

// LOG_LEVEL, LOG_FORMAT: see bin/logger.ts. The SDK's lines and the activities' audit lines go through it too.
const logger = createProcessLogger('worker')

await runProcess({ name: 'worker', log: (line) => logger.info(line) }, async (lifecycle) => {
  const settings = loadExchangeSettings(process.env)
  const simulatorUrls = await fetchSimulatorUrls(settings)
  const temporal = temporalConnectionSettings(process.env)
  const databaseTarget = readDatabaseTarget(process.env)
  const workflowBundle = process.env.WORKFLOW_BUNDLE ? readWorkflowBundle(process.env.WORKFLOW_BUNDLE) : undefined
  // WORKER_METRICS_PORT: this worker's venue calls and its Temporal runtime's metrics on GET /metrics of its own.
  const metricsConfig = readWorkerMetricsConfig(process.env)
  const metricsAddress = metricsConfig === undefined ? undefined : await runtimeMetricsAddress()
  installWorkerRuntime(logger, { metricsAddress })
  const metrics =
    metricsConfig === undefined ? undefined : createProcessMetrics({ runtimeMetricsAddress: metricsAddress })

  const database = await openDatabase(databaseTarget)
  lifecycle.defer(() => database.close())
  const registry = createConnectorRegistry(settings, {
    simulatorUrls,
    ...(metrics !== undefined && { deps: metrics.connectorDeps(settings.exchanges) }),
  })
  lifecycle.defer(() => registry.close())
  await startWorker(lifecycle, {
    temporal,
    deps: { connectors: registry, db: database.db, requestTimeoutMs: settings.requestTimeoutMs },
    workflowBundle,
    logger,
  })

  if (metrics !== undefined && metricsConfig !== undefined) {
    const { server, url } = await listenMetrics(metrics, metricsConfig)
    lifecycle.defer(() => new Promise<void>((done) => server.close(() => done())))
    logger.info({ metrics: url }, `worker: metrics at ${url}`)
  }
  const venues = settings.exchanges.map((id) => (simulatorUrls[id] ? `${id} (simulator ${simulatorUrls[id]})` : id))
  logger.info(
    {
      taskQueue: temporal.taskQueue,
      namespace: temporal.namespace,
      temporal: temporal.address,
      venues,
      history: describeDatabase(databaseTarget),
    },
    `worker: task queue ${temporal.taskQueue}, namespace ${temporal.namespace} at ${temporal.address}; ` +
      `exchanges ${venues.join(', ')}; history ${describeDatabase(databaseTarget)}`
  )
  // The ready line stays a plain line: harnesses wait for it (notes/ROLES.md).
  console.log(`worker ready: task queue ${temporal.taskQueue} (pid ${process.pid})`)
})
