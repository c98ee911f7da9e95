// `npm start`: the whole platform on one machine with embedded defaults.
//   Temporal dev server (state in data/temporal.db, UI on :8233) -> worker -> Hono API on :3000,
//   plus the venue simulator for every exchange without API keys (demo mode; SIMULATOR_URL uses one running elsewhere).
// The same pieces run alone as npm run temporal / sim / worker / api (bin/*-main.ts, bin/sim.ts).
// Ctrl-C stops everything in order; starting again picks up the same data with the workflow history intact.
import { NativeConnection } from '@temporalio/worker'

import { describeDatabase, openDatabase } from '../db/client.js'
import type { ExchangeId } from '../domain/types.js'
import { createConnectorRegistry, loadExchangeSettings } from '../exchanges/registry.js'
import { startSimulator } from '../sim/server.js'
import { temporalConnectionSettings } from '../temporal.config.js'
import { startApiServer } from './api-server.js'
import { runProcess } from './lifecycle.js'
import { createProcessLogger } from './logger.js'
import { createProcessMetrics, runtimeMetricsAddress } from './process-metrics.js'
import { fetchSimulatorUrls, simulatedExchanges } from './simulator-venues.js'
import { readStartConfig } from './start-config.js'
import { readTemporalConnectionOptions, TEMPORAL_TLS_VARIABLES } from './temporal-connection-options.js'
import { startEmbeddedTemporal } from './temporal-server.js'
import { readWorkflowBundle } from './worker.js'
import { installWorkerRuntime, startWorker } from './worker-role.js'
import { simulatorDialects } from './simulator-dialects.js'

// Pretty lines on a terminal, JSON lines otherwise (LOG_FORMAT, LOG_LEVEL: bin/logger.ts). The banner below stays
// plain console lines: it is for the person who ran npm start, and harnesses wait for its first line.
const logger = createProcessLogger('platform')
const log = (line: string) => logger.info(line)
const banner = (line: string) => console.log(line)

await runProcess({ name: 'platform', log }, async (lifecycle) => {
  const config = readStartConfig(process.env)
  const settings = loadExchangeSettings(process.env)
  // One process, one /metrics: the API's answers include the worker runtime's metrics, read from its loopback port.
  const metricsAddress = await runtimeMetricsAddress()
  installWorkerRuntime(logger, { metricsAddress })
  const metrics = createProcessMetrics({ runtimeMetricsAddress: metricsAddress })

  const demoExchanges = simulatedExchanges(settings)
  let simulatorUrls: Partial<Record<ExchangeId, string>> = {}
  if (demoExchanges.length > 0) {
    let controlUrl = settings.simulatorUrl
    if (controlUrl !== undefined) simulatorUrls = await fetchSimulatorUrls(settings)
    else {
      const sim = await startSimulator({
        host: config.simulatorHost,
        ports: config.simulatorPorts,
        seed: config.simulatorSeed,
        dialects: simulatorDialects(process.env),
      })
      lifecycle.defer(() => sim.close())
      simulatorUrls = sim.urls
      controlUrl = sim.urls.control
    }
    log(`Demo mode for ${demoExchanges.join(', ')} (no API keys set): trading against the venue simulator.`)
    log(`  simulator control API: ${controlUrl}`)
  }

  let temporalAddress = config.temporalAddress
  let uiUrl: string | undefined
  if (!temporalAddress) {
    // The embedded dev server speaks plaintext only: TLS settings meant for a remote Temporal do not apply to it.
    const ignored = TEMPORAL_TLS_VARIABLES.filter((name) => process.env[name])
    if (ignored.length > 0)
      log(`${ignored.join(', ')} ignored: TEMPORAL_ADDRESS is not set, so the embedded dev server (plaintext) is used`)
    for (const name of ignored) delete process.env[name]
    const server = await startEmbeddedTemporal(config, log)
    lifecycle.defer(() => server.stop())
    server.process.once('exit', (code, signal) =>
      lifecycle.abort(`the Temporal dev server exited: ${signal ?? `code ${code}`}`)
    )
    temporalAddress = server.address
    uiUrl = server.uiUrl
  }
  const temporal = temporalConnectionSettings({ ...process.env, TEMPORAL_ADDRESS: temporalAddress })

  const database = await openDatabase(config.databaseTarget)
  lifecycle.defer(() => database.close())
  const registry = createConnectorRegistry(settings, { simulatorUrls, deps: metrics.connectorDeps(settings.exchanges) })
  lifecycle.defer(() => registry.close())
  // WORKFLOW_BUNDLE (npm run worker:bundle) skips bundling the workflows at start, as for npm run worker.
  const workflowBundle = process.env.WORKFLOW_BUNDLE ? readWorkflowBundle(process.env.WORKFLOW_BUNDLE) : undefined
  // One connection for the worker and the API's client: new orders start eagerly on this worker.
  const connection = await NativeConnection.connect({
    address: temporal.address,
    ...readTemporalConnectionOptions(process.env),
  })
  lifecycle.defer(() => connection.close())
  await startWorker(lifecycle, {
    temporal,
    deps: { connectors: registry, db: database.db, requestTimeoutMs: settings.requestTimeoutMs },
    workflowBundle,
    logger,
    connection,
  })
  const apiUrl = await startApiServer(lifecycle, {
    temporal,
    api: config,
    db: database.db,
    settings,
    logger,
    connectors: registry,
    metrics,
    workerConnection: connection,
  })

  banner('')
  banner(`Exchange gateway API:  ${apiUrl}   (try: curl ${apiUrl}/health)`)
  banner(`Prometheus metrics:    ${apiUrl}/metrics`)
  if (uiUrl) banner(`Temporal UI:           ${uiUrl}`)
  banner(
    `Temporal server:       ${temporal.address} (namespace ${temporal.namespace}, task queue ${temporal.taskQueue})`
  )
  banner(`Execution history:     ${describeDatabase(config.databaseTarget)}`)
  banner(`API authentication:    ${authenticationLine(config)}`)
  banner('Press Ctrl-C to stop.')
})

/** How the start banner describes the API's authentication: which tokens, or none (loopback only). */
function authenticationLine(config: { apiToken?: string; apiTokens: { name: string }[] }): string {
  const names = [...(config.apiToken ? ['default (GATEWAY_API_TOKEN)'] : []), ...config.apiTokens.map((t) => t.name)]
  if (names.length === 0)
    return 'none (listening on loopback only; set GATEWAY_API_TOKEN or GATEWAY_API_TOKENS_FILE to require a token)'
  return `Authorization: Bearer <token>; ${names.length} token(s): ${names.join(', ')}`
}
