// `npm start`: the whole platform on one machine with embedded defaults.
//   Temporal dev server (state in data/temporal.db, UI on :8233) -> worker -> Hono API on :3000,
//   plus the venue simulator for every exchange without API keys (demo mode).
// Ctrl-C stops everything in order; starting again picks up the same data with the workflow history intact.
import { serve } from '@hono/node-server'
import { Client, Connection } from '@temporalio/client'
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker'

import { createApp } from '../api/app.js'
import { createWorkflowRunner } from '../api/workflow-runner.js'
import { openDatabase } from '../db/client.js'
import type { ExchangeId } from '../domain/types.js'
import { createConnectorRegistry, loadExchangeSettings } from '../exchanges/registry.js'
import { startSimulator } from '../sim/server.js'
import { DEV_SERVER, SA, temporalConnectionSettings } from '../temporal.config.js'
import { ensureTemporalCli } from './temporal/cli.js'
import { startDevServer } from './temporal/dev-server.js'
import { bundleWorkflows, createGatewayWorker } from './worker.js'
import { readStartConfig } from './start-config.js'

const projectRoot = new URL('..', import.meta.url).pathname
const log = (line: string) => console.log(line)

async function main() {
  const config = readStartConfig(process.env)
  const settings = loadExchangeSettings(process.env)
  // We stop the worker ourselves, in order, on Ctrl-C.
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] })
  const stack: Array<() => Promise<void> | void> = []
  const shutdown = async () => {
    for (const stop of stack.reverse()) await Promise.resolve(stop()).catch((e) => console.error(e))
  }
  let stopping = false
  const onSignal = (signal: string) => {
    if (stopping) return
    stopping = true
    log(`\n${signal}: stopping...`)
    void shutdown().then(() => {
      log('stopped.')
      process.exit(0)
    })
  }
  process.on('SIGINT', () => onSignal('SIGINT'))
  process.on('SIGTERM', () => onSignal('SIGTERM'))

  try {
    const demoExchanges = settings.exchanges.filter((id) => settings.demo[id])
    let simulatorUrls: Partial<Record<ExchangeId, string>> = {}
    if (demoExchanges.length > 0) {
      const sim = await startSimulator({ host: '127.0.0.1', ports: config.simulatorPorts, seed: config.simulatorSeed })
      stack.push(() => sim.close())
      simulatorUrls = sim.urls
      log(`Demo mode for ${demoExchanges.join(', ')} (no API keys set): trading against the venue simulator.`)
      log(`  simulator control API: ${sim.urls.control}`)
    }

    let temporalAddress = config.temporalAddress
    let uiUrl: string | undefined
    if (!temporalAddress) {
      const cliPath = await ensureTemporalCli({ projectRoot, log })
      const server = await startDevServer({
        cliPath,
        port: config.temporalPort,
        uiPort: config.temporalUiPort,
        dbFile: config.temporalDbFile,
        searchAttributes: Object.values(SA),
        retentionDays: DEV_SERVER.retentionDays,
        log,
      })
      stack.push(() => server.stop())
      temporalAddress = server.address
      uiUrl = server.uiUrl
    }
    const temporal = temporalConnectionSettings({ ...process.env, TEMPORAL_ADDRESS: temporalAddress })

    const database = openDatabase(config.databasePath)
    stack.push(() => database.close())
    const registry = createConnectorRegistry(settings, { simulatorUrls })
    stack.push(() => registry.close())

    const nativeConnection = await NativeConnection.connect({ address: temporal.address })
    stack.push(() => nativeConnection.close())
    const worker = await createGatewayWorker({
      connection: nativeConnection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueue,
      deps: { connectors: registry, db: database.db },
      workflowBundle: await bundleWorkflows(),
    })
    const workerRun = worker.run()
    stack.push(async () => {
      worker.shutdown()
      await workerRun
    })

    const connection = await Connection.connect({ address: temporal.address })
    stack.push(() => connection.close())
    const client = new Client({ connection, namespace: temporal.namespace })
    const app = createApp({
      runner: createWorkflowRunner(client, temporal.taskQueue),
      db: database.db,
      exchanges: settings.exchanges,
      demoMode: settings.demo,
      apiToken: config.apiToken,
    })
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host })
    stack.push(() => new Promise<void>((resolve) => server.close(() => resolve())))

    log('')
    log(`Exchange gateway API:  http://${config.host}:${config.port}   (try: curl http://${config.host}:${config.port}/health)`)
    if (uiUrl) log(`Temporal UI:           ${uiUrl}`)
    log(`Temporal server:       ${temporal.address} (namespace ${temporal.namespace}, task queue ${temporal.taskQueue})`)
    log(`Execution history:     ${config.databasePath}`)
    log(config.apiToken ? 'API authentication:    Authorization: Bearer $GATEWAY_API_TOKEN' : 'API authentication:    none (listening on loopback only; set GATEWAY_API_TOKEN to require a token)')
    log('Press Ctrl-C to stop.')
  } catch (error) {
    console.error(`\nCould not start the platform: ${(error as Error).message}`)
    await shutdown()
    process.exit(1)
  }
}

await main().catch((error: Error) => {
  console.error(`Could not start the platform: ${error.message}`)
  process.exit(1)
})
