// The platform the benchmarks run against, wired from the same production pieces as `npm start` (bin/start.ts):
// the real connectors (unmodified ccxt) in demo mode against the venue simulator (its own process), a SQLite file
// with the real migrations, a Temporal dev server started here (in memory, or on a SQLite file as npm start runs
// it; headless, free port), the gateway worker, and the Hono app with its venue reader served over HTTP on
// 127.0.0.1. As in npm start, the API's client shares the worker's connection and asks for eager workflow start.
// Only the venue rate limits differ (see venue-limits.ts).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { serve } from '@hono/node-server'
import { Client } from '@temporalio/client'
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker'

import { createApp } from '../../api/app.js'
import { createVenueReader } from '../../api/venue-reader.js'
import { createWorkflowRunner } from '../../api/workflow-runner.js'
import { ensureTemporalCli } from '../../bin/temporal/cli.js'
import { startDevServer } from '../../bin/temporal/dev-server.js'
import { createGatewayWorker, readWorkflowBundle } from '../../bin/worker.js'
import { openDatabase } from '../../db/client.js'
import { createConnectorRegistry, loadExchangeSettings, type ConnectorRegistry } from '../../exchanges/registry.js'
import { startSimulator, type RunningSimulator } from '../../sim/server.js'
import { SA } from '../../temporal.config.js'
import { DEFAULT_RISK_LIMITS } from '../../domain/risk/config.js'
import { benchConnectorDeps, benchDialects, LIMIT_SCALE } from './venue-limits.js'

const PROJECT_ROOT = new URL('../..', import.meta.url).pathname
const TASK_QUEUE = 'bench'
const BENCH_SEED = 42
/**
 * The risk limits' send rate is a venue limit too (600 orders a minute per venue by default): scaled out of reach
 * like the venues' own, so that the sustained case measures the platform. Every other limit stays as shipped.
 */
const BENCH_RISK_LIMITS = { ...DEFAULT_RISK_LIMITS, maxOrdersPerMinutePerVenue: 600 * LIMIT_SCALE }

/** The simulator with benchmark limits and no background ticks: every book stays where the seed put it. */
export function startBenchSimulator(): Promise<RunningSimulator> {
  return startSimulator({ seed: BENCH_SEED, tickIntervalMs: 0, dialects: benchDialects() })
}

/** Demo-mode connectors for every exchange, against the simulator at `urls`. */
export function createBenchRegistry(urls: RunningSimulator['urls']): ConnectorRegistry {
  // no API keys in the environment we pass: every exchange is in demo mode
  return createConnectorRegistry(loadExchangeSettings({}), { simulatorUrls: urls, deps: benchConnectorDeps() })
}

export interface BenchStackOptions {
  simulatorUrls: RunningSimulator['urls']
  /** The dev server's state in a SQLite file, as npm start keeps it (default: in memory). */
  temporalDbFile?: boolean
  /** Eager workflow start from the API's client on the worker's connection (default true, as npm start). */
  eagerStart?: boolean
}

export interface BenchStack {
  /** http://127.0.0.1:<port> of the gateway API. */
  apiUrl: string
  registry: ConnectorRegistry
  client: Client
  taskQueue: string
  /** Whether the API's client (and floor B) ask for eager workflow start. */
  eagerStart: boolean
  /** The Temporal dev server's process id (for its CPU time). */
  temporalPid?: number
  /** host:port of the dev server (for the Temporal UI or a client of the bench's own). */
  temporalAddress: string
  close(): Promise<void>
}

export async function startBenchStack(log: (line: string) => void, options: BenchStackOptions): Promise<BenchStack> {
  // One runtime per process; the bench stops the worker itself.
  if (!runtimeInstalled) Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] })
  runtimeInstalled = true
  const stops: Array<() => Promise<void> | void> = []
  const close = async () => {
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch((error) => console.error(error))
  }
  try {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-bench-'))
    stops.push(() => rmSync(dir, { recursive: true, force: true }))
    const database = await openDatabase(join(dir, 'gateway.db'))
    stops.push(() => database.close())
    const registry = createBenchRegistry(options.simulatorUrls)
    stops.push(() => registry.close())

    const cliPath = await ensureTemporalCli({ projectRoot: PROJECT_ROOT, log })
    const temporal = await startDevServer({
      cliPath,
      searchAttributes: Object.values(SA),
      log,
      ...(options.temporalDbFile === true && { dbFile: join(dir, 'temporal.db') }),
    })
    stops.push(() => temporal.stop())

    workflowBundle ??= bundleInChildProcess(log)
    const nativeConnection = await NativeConnection.connect({ address: temporal.address })
    stops.push(() => nativeConnection.close())
    const worker = await createGatewayWorker({
      connection: nativeConnection,
      namespace: temporal.namespace,
      taskQueue: TASK_QUEUE,
      deps: { connectors: registry, db: database.db, riskLimits: BENCH_RISK_LIMITS },
      workflowBundle,
    })
    const running = worker.run()
    stops.push(async () => {
      worker.shutdown()
      await running
    })

    const client = new Client({ connection: nativeConnection, namespace: temporal.namespace })
    const eagerStart = options.eagerStart ?? true
    const app = createApp({
      runner: createWorkflowRunner(client, TASK_QUEUE, { eagerStart }),
      reader: createVenueReader(registry),
      db: database.db,
      exchanges: registry.list().map((connector) => connector.id),
      demoMode: registry.demoMode,
    })
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started))
    })
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const { port } = server.address() as AddressInfo

    return {
      apiUrl: `http://127.0.0.1:${port}`,
      registry,
      client,
      taskQueue: TASK_QUEUE,
      eagerStart,
      temporalPid: temporal.process.pid,
      temporalAddress: temporal.address,
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

let runtimeInstalled = false
let workflowBundle: ReturnType<typeof readWorkflowBundle> | undefined

/**
 * The workflow bundle, built by `npm run worker:bundle` in a child process and read as a production worker reads
 * WORKFLOW_BUNDLE: webpack's memory stays out of the gateway process whose resident memory the run reports.
 */
function bundleInChildProcess(log: (line: string) => void) {
  const bundling = Date.now()
  const path = join(mkdtempSync(join(tmpdir(), 'gateway-bench-bundle-')), 'workflow-bundle.js')
  execFileSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bin', 'bundle-workflows.ts'), path], {
    stdio: 'ignore',
  })
  log(`   workflows bundled in ${((Date.now() - bundling) / 1000).toFixed(1)} s`)
  return readWorkflowBundle(path)
}
