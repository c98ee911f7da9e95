// The platform the benchmarks run against, wired from the same production pieces as `npm start` (bin/start.ts):
// the venue simulator on free ports, the real connectors (unmodified ccxt) in demo mode, a SQLite file with the
// real migrations, a Temporal dev server started here (in memory, headless, free port), the gateway worker, and
// the Hono app served over HTTP on 127.0.0.1. Only the venue rate limits differ (see venue-limits.ts).
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { serve } from '@hono/node-server'
import { Client, Connection } from '@temporalio/client'
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker'

import { createApp } from '../../api/app.js'
import { createWorkflowRunner } from '../../api/workflow-runner.js'
import { ensureTemporalCli } from '../../bin/temporal/cli.js'
import { startDevServer } from '../../bin/temporal/dev-server.js'
import { bundleWorkflows, createGatewayWorker } from '../../bin/worker.js'
import { openDatabase } from '../../db/client.js'
import { createConnectorRegistry, loadExchangeSettings, type ConnectorRegistry } from '../../exchanges/registry.js'
import { startSimulator, type RunningSimulator } from '../../sim/server.js'
import { SA } from '../../temporal.config.js'
import { benchConnectorDeps, benchDialects } from './venue-limits.js'

const PROJECT_ROOT = new URL('../..', import.meta.url).pathname
const TASK_QUEUE = 'bench'
const BENCH_SEED = 42

/** The simulator with benchmark limits and no background ticks: every book stays where the seed put it. */
export function startBenchSimulator(): Promise<RunningSimulator> {
  return startSimulator({ seed: BENCH_SEED, tickIntervalMs: 0, dialects: benchDialects() })
}

/** Demo-mode connectors for every exchange, against `sim`. */
export function createBenchRegistry(sim: RunningSimulator): ConnectorRegistry {
  // no API keys in the environment we pass: every exchange is in demo mode
  return createConnectorRegistry(loadExchangeSettings({}), { simulatorUrls: sim.urls, deps: benchConnectorDeps() })
}

export interface BenchStack {
  /** http://127.0.0.1:<port> of the gateway API. */
  apiUrl: string
  sim: RunningSimulator
  registry: ConnectorRegistry
  /** The Temporal dev server's process id (for its CPU time). */
  temporalPid?: number
  close(): Promise<void>
}

export async function startBenchStack(log: (line: string) => void): Promise<BenchStack> {
  // One runtime per process; the bench stops the worker itself.
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] })
  const stops: Array<() => Promise<void> | void> = []
  const close = async () => {
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch((error) => console.error(error))
  }
  try {
    const sim = await startBenchSimulator()
    stops.push(() => sim.close())
    const dir = mkdtempSync(join(tmpdir(), 'gateway-bench-'))
    stops.push(() => rmSync(dir, { recursive: true, force: true }))
    const database = openDatabase(join(dir, 'gateway.db'))
    stops.push(() => database.close())
    const registry = createBenchRegistry(sim)
    stops.push(() => registry.close())

    const cliPath = await ensureTemporalCli({ projectRoot: PROJECT_ROOT, log })
    const temporal = await startDevServer({ cliPath, searchAttributes: Object.values(SA), log })
    stops.push(() => temporal.stop())

    const bundling = Date.now()
    const workflowBundle = await bundleWorkflows()
    log(`Workflows bundled in ${((Date.now() - bundling) / 1000).toFixed(1)} s`)
    const nativeConnection = await NativeConnection.connect({ address: temporal.address })
    stops.push(() => nativeConnection.close())
    const worker = await createGatewayWorker({
      connection: nativeConnection,
      namespace: temporal.namespace,
      taskQueue: TASK_QUEUE,
      deps: { connectors: registry, db: database.db },
      workflowBundle,
    })
    const running = worker.run()
    stops.push(async () => {
      worker.shutdown()
      await running
    })

    const connection = await Connection.connect({ address: temporal.address })
    stops.push(() => connection.close())
    const client = new Client({ connection, namespace: temporal.namespace })
    const app = createApp({
      runner: createWorkflowRunner(client, TASK_QUEUE),
      db: database.db,
      exchanges: registry.list().map((connector) => connector.id),
      demoMode: registry.demoMode,
    })
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started))
    })
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const { port } = server.address() as AddressInfo

    return { apiUrl: `http://127.0.0.1:${port}`, sim, registry, temporalPid: temporal.process.pid, close }
  } catch (error) {
    await close()
    throw error
  }
}
