// The gateway's roles for the scale test, as separate OS processes the way they run at scale: the venue simulator,
// two APIs and three workers, all on the cluster's frontend (TEMPORAL_ADDRESS), one task queue of their own and one
// execution history (DATABASE_URL: a fresh database on the cluster's PostgreSQL). Workers can be stopped, killed and
// started again in their slot (same metrics port). Process handling is the chaos suite's (test/chaos/processes.ts).
import { join } from 'node:path'

import { freePort } from '../../bin/temporal/dev-server.js'
import { writeWorkflowBundle } from '../../bin/worker.js'
import { killAllSpawned, killServing, startRole, stopRole, type RoleProcess } from '../chaos/processes.js'

export const API_COUNT = 2
export const WORKER_COUNT = 3

/**
 * Each venue API key's rate limits, split between the processes that use it (RATE_LIMIT_SHARE): the workers place
 * every order; the APIs only read what a person waits for (tickers, balances), so they keep a small part. A worker
 * alone takes what the APIs leave.
 */
export const WORKER_SHARE = '0.3'
export const SOLE_WORKER_SHARE = '0.9'
const API_SHARE = '0.05'

/** Where the execution history lives: the contract's DATABASE_URL, or one SQLite file every role shares. */
export type HistoryTarget = { kind: 'postgres'; url: string } | { kind: 'sqlite'; path: string }

export interface ScaleStackOptions {
  projectRoot: string
  /** Logs of every process, the workflow bundle, and the SQLite guard file. */
  workDir: string
  temporalAddress: string
  taskQueue: string
  history: HistoryTarget
}

export interface WorkerSlot {
  readonly name: string
  /** The worker's GET /metrics (its venue calls and their rate-limit waits), whichever process fills the slot. */
  readonly metricsUrl: string
  current(): RoleProcess | undefined
}

export interface ScaleStack {
  simulatorUrl: string
  apiUrls: string[]
  workers: WorkerSlot[]
  /** Where a role would write the history if it ignored DATABASE_URL (it must stay absent). */
  fallbackDatabasePath: string
  /** Graceful stop (SIGTERM; in-flight activities drained). */
  stopWorker(slot: WorkerSlot): Promise<void>
  /** SIGKILL: nothing is drained, Temporal hands the worker's tasks to the others once their timeouts pass. */
  killWorker(slot: WorkerSlot): Promise<void>
  /** Starts a worker in the slot, with its part of the venue budget (WORKER_SHARE unless given). */
  startWorker(slot: WorkerSlot, options?: { rateLimitShare?: string }): Promise<void>
  stop(): Promise<void>
}

/** The parent's environment without anything that would point a role at real venues or at another stack. */
function isolatedEnv(): NodeJS.ProcessEnv {
  const drop =
    /^(BINANCE|COINBASE|KRAKEN)_|^TEMPORAL_|^SIM_|^DATABASE_|^GATEWAY_|^EXCHANGE|^PORT$|^HOST$|^SIMULATOR_URL$|^RISK_|^RATE_LIMIT_|^WORKER_METRICS_/
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !drop.test(key)))
}

function historyEnv(history: HistoryTarget, fallbackDatabasePath: string): Record<string, string> {
  // With DATABASE_URL, DATABASE_PATH names a file no role may create: a role that ignored the URL would write there
  // instead of into the developer's data/gateway.db, and the test would see it.
  if (history.kind === 'postgres') return { DATABASE_URL: history.url, DATABASE_PATH: fallbackDatabasePath }
  return { DATABASE_PATH: history.path }
}

export async function startScaleStack(options: ScaleStackOptions): Promise<ScaleStack> {
  const { projectRoot, workDir } = options
  const start = (name: string, entry: string, readyPrefix: string, env: NodeJS.ProcessEnv) =>
    startRole({ name, entry, readyPrefix, env, readyTimeoutMs: 180_000 }, projectRoot, workDir)
  const [control, binance, coinbase, kraken, ...ports] = await Promise.all(
    Array.from({ length: 4 + API_COUNT + WORKER_COUNT }, () => freePort())
  )
  const apiPorts = ports.slice(0, API_COUNT)
  const metricsPorts = ports.slice(API_COUNT)
  const base = isolatedEnv()
  const fallbackDatabasePath = join(workDir, 'history-if-database-url-were-ignored.db')
  const bundlePath = join(workDir, 'workflow-bundle.js')

  // Bundled once: each worker then serves within seconds of its start instead of bundling on a busy 2-core machine.
  const [simulator] = await Promise.all([
    start('sim', 'bin/sim.ts', 'sim ready:', {
      ...base,
      SIM_HOST: '127.0.0.1',
      SIM_PORT_CONTROL: String(control),
      SIM_PORT_BINANCE: String(binance),
      SIM_PORT_COINBASE: String(coinbase),
      SIM_PORT_KRAKEN: String(kraken),
    }),
    writeWorkflowBundle(bundlePath),
  ])
  const roleEnv = {
    ...base,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    SIMULATOR_URL: simulator.readyText,
    ...historyEnv(options.history, fallbackDatabasePath),
  }
  const apiEnv = (port: number) => ({
    ...roleEnv,
    PORT: String(port),
    HOST: '127.0.0.1',
    RATE_LIMIT_SHARE: API_SHARE,
    // The test's batches come from one client address faster than the API's default per-client limit.
    GATEWAY_RATE_LIMIT_RPS: '0',
  })
  const processes: { apis: RoleProcess[]; workers: (RoleProcess | undefined)[] } = { apis: [], workers: [] }
  const slots: WorkerSlot[] = metricsPorts.map((port, index) => ({
    name: `worker-${index + 1}`,
    metricsUrl: `http://127.0.0.1:${port}/metrics`,
    current: () => processes.workers[index],
  }))
  const startWorker = async (slot: WorkerSlot, { rateLimitShare = WORKER_SHARE } = {}) => {
    const index = slots.indexOf(slot)
    processes.workers[index] = await start(slot.name, 'bin/worker-main.ts', 'worker ready:', {
      ...roleEnv,
      WORKFLOW_BUNDLE: bundlePath,
      WORKER_METRICS_PORT: String(metricsPorts[index]),
      RATE_LIMIT_SHARE: rateLimitShare,
    })
  }

  // One API first: it brings the history's schema up to date before the other roles open the database.
  processes.apis.push(await start('api-1', 'bin/api-main.ts', 'api ready:', apiEnv(apiPorts[0]!)))
  const [second] = await Promise.all([
    start('api-2', 'bin/api-main.ts', 'api ready:', apiEnv(apiPorts[1]!)),
    ...slots.map((slot) => startWorker(slot)),
  ])
  processes.apis.push(second)

  const ended = async (slot: WorkerSlot, end: (role: RoleProcess) => Promise<void>) => {
    const role = slot.current()
    if (role === undefined) return
    await end(role)
    processes.workers[slots.indexOf(slot)] = undefined
  }
  return {
    simulatorUrl: simulator.readyText,
    apiUrls: processes.apis.map((api) => api.readyText),
    workers: slots,
    fallbackDatabasePath,
    stopWorker: (slot) => ended(slot, (role) => stopRole(role)),
    killWorker: (slot) =>
      ended(slot, async (role) => {
        killServing(role)
        await role.exited
      }),
    startWorker,
    async stop() {
      const running = [...processes.workers, ...processes.apis].filter((role) => role !== undefined)
      await Promise.all(running.map((role) => stopRole(role)))
      await stopRole(simulator)
      killAllSpawned()
    },
  }
}
