// `npm run api`: the HTTP API alone (start as many as needed behind a load balancer). Configured like npm start:
// PORT (3000), HOST (127.0.0.1), GATEWAY_API_TOKEN, TEMPORAL_ADDRESS (127.0.0.1:7233), TEMPORAL_NAMESPACE,
// TEMPORAL_TASK_QUEUE, DATABASE_PATH (the SQLite file the workers write), exchange API keys or SIMULATOR_URL.
// The API reaches venues only through workflows; it still refuses demo mode without SIMULATOR_URL so that a
// missing setting shows at once rather than as orders that the workers cannot place.
import { openDatabase } from '../db/client.js'
import { loadExchangeSettings } from '../exchanges/registry.js'
import { temporalConnectionSettings } from '../temporal.config.js'
import { startApiServer } from './api-server.js'
import { runProcess } from './lifecycle.js'
import { createProcessLogger } from './logger.js'
import { requireSimulatorUrl } from './simulator-venues.js'
import { readApiConfig, readDatabasePath } from './start-config.js'

// LOG_LEVEL, LOG_FORMAT: see bin/logger.ts. A bad value stops the role before it starts (exit 1, on stderr).
const logger = createProcessLogger('api')

await runProcess({ name: 'api', log: (line) => logger.info(line) }, async (lifecycle) => {
  const api = readApiConfig(process.env)
  const settings = loadExchangeSettings(process.env)
  requireSimulatorUrl(settings)
  const temporal = temporalConnectionSettings(process.env)

  const database = openDatabase(readDatabasePath(process.env))
  lifecycle.defer(() => database.close())
  const url = await startApiServer(lifecycle, { temporal, api, db: database.db, settings, logger })
  logger.info(
    { temporal: temporal.address, namespace: temporal.namespace, taskQueue: temporal.taskQueue, url },
    `api: Temporal ${temporal.address} (namespace ${temporal.namespace}, task queue ${temporal.taskQueue})`
  )
  // The ready line stays a plain line: harnesses wait for it (notes/ROLES.md).
  console.log(`api ready: ${url} (pid ${process.pid})`)
})
