// `npm run api`: the HTTP API alone (start as many as needed behind a load balancer). Configured like npm start:
// PORT (3000), HOST (127.0.0.1), GATEWAY_API_TOKEN, TEMPORAL_ADDRESS (127.0.0.1:7233), TEMPORAL_NAMESPACE,
// TEMPORAL_TASK_QUEUE, DATABASE_URL or DATABASE_PATH (the history the workers write), exchange API keys or SIMULATOR_URL.
// Orders and strategies reach venues only through workflows; reads a person waits for (market data, balances,
// /health) go through the API's own connectors. Demo mode needs SIMULATOR_URL, as for the workers.
import { openDatabase } from '../db/client.js'
import { createConnectorRegistry, loadExchangeSettings } from '../exchanges/registry.js'
import { temporalConnectionSettings } from '../temporal.config.js'
import { startApiServer } from './api-server.js'
import { runProcess } from './lifecycle.js'
import { createProcessLogger } from './logger.js'
import { createProcessMetrics } from './process-metrics.js'
import { fetchSimulatorUrls } from './simulator-venues.js'
import { readApiConfig, readDatabaseTarget } from './start-config.js'

// LOG_LEVEL, LOG_FORMAT: see bin/logger.ts. A bad value stops the role before it starts (exit 1, on stderr).
const logger = createProcessLogger('api')

await runProcess({ name: 'api', log: (line) => logger.info(line) }, async (lifecycle) => {
  const api = readApiConfig(process.env)
  const settings = loadExchangeSettings(process.env)
  const simulatorUrls = await fetchSimulatorUrls(settings)
  const temporal = temporalConnectionSettings(process.env)

  const database = await openDatabase(readDatabaseTarget(process.env))
  lifecycle.defer(() => database.close())
  // GET /metrics: the API's own venue reads and the ledger (the workers' venue calls are on WORKER_METRICS_PORT).
  const metrics = createProcessMetrics()
  const connectors = createConnectorRegistry(settings, {
    simulatorUrls,
    deps: metrics.connectorDeps(settings.exchanges),
  })
  lifecycle.defer(() => connectors.close())
  const url = await startApiServer(lifecycle, { temporal, api, db: database.db, settings, logger, connectors, metrics })
  logger.info(
    { temporal: temporal.address, namespace: temporal.namespace, taskQueue: temporal.taskQueue, url },
    `api: Temporal ${temporal.address} (namespace ${temporal.namespace}, task queue ${temporal.taskQueue})`
  )
  // The ready line stays a plain line: harnesses wait for it (notes/ROLES.md).
  console.log(`api ready: ${url} (pid ${process.pid})`)
})
