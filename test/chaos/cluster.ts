// The platform as separate processes, the way the roles run in production: the Temporal dev server on its own
// SQLite file, the simulator, the API and N workers on one task queue, all on free 127.0.0.1 ports. Workers (and
// the API) that die are started again by a supervisor loop; kills and restarts are counted for the report.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { freePort } from '../../bin/temporal/dev-server.js'
import { writeWorkflowBundle } from '../../bin/worker.js'
import { killAllSpawned, killServing, startRole, stopRole, type RoleProcess, type RoleSpec } from './processes.js'

export interface ClusterOptions {
  projectRoot: string
  /** Temp dir for the two SQLite files and the logs. */
  workDir: string
  workers: number
  seed: number
  log: (line: string) => void
}

export interface ClusterCounts {
  workerKills: number
  temporalKills: number
  /** Role processes started again after a kill or a crash (workers, api, temporal). */
  restarts: number
}

export interface Cluster {
  simulatorUrl: string
  apiUrl: string
  temporalAddress: string
  databasePath: string
  logDir: string
  counts: ClusterCounts
  /** Workers that are up and ready now. */
  readyWorkers(): RoleProcess[]
  /** SIGKILLs these workers; the supervisor starts them again. */
  killWorkers(workers: RoleProcess[]): void
  /** SIGKILLs the Temporal CLI server, then starts the role again on the same file and port. */
  crashTemporal(downMs: number): Promise<void>
  /** Resolves once at least `count` workers are ready (or the timeout passes; false then). */
  waitForWorkers(count: number, timeoutMs: number): Promise<boolean>
  stop(): Promise<void>
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * The suite's load loses money on purpose (every arbitrage is one-legged and unwound) and breaks venues on purpose:
 * with the demo limits the daily loss and error-rate halts stop all trading a few minutes in, as they should on a
 * desk. This suite is about exactly-once under faults, so those halts are set out of its reach; the per-order limits
 * and the gate itself stay in every order's path. (test/e2e/risk.test.ts covers the halts.)
 */
const CHAOS_RISK_LIMITS = {
  maxDailyArbitrageLoss: '1000000000',
  maxUnresolvedOrders: 1_000_000,
  venueErrorHalt: { rate: 1, minRequests: 1_000_000, windowMs: 60_000 },
}

/** The parent's environment without anything that would point a role at real venues or another stack. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  const drop =
    /^(BINANCE|COINBASE|KRAKEN)_|^TEMPORAL_|^SIM_|^DATABASE_|^GATEWAY_|^EXCHANGE|^PORT$|^HOST$|^SIMULATOR_URL$|^RISK_/
  for (const [key, value] of Object.entries(process.env)) if (!drop.test(key)) env[key] = value
  return env
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { projectRoot, workDir, log } = options
  const logDir = workDir
  const databasePath = join(workDir, 'gateway.db')
  const temporalDbFile = join(workDir, 'temporal.db')
  const [temporalPort, apiPort, control, binance, coinbase, kraken] = await Promise.all(
    Array.from({ length: 6 }, () => freePort())
  )
  const temporalAddress = `127.0.0.1:${temporalPort}`
  const counts: ClusterCounts = { workerKills: 0, temporalKills: 0, restarts: 0 }
  let stopping = false
  // The Kraken account is a desk's (Pro tier) on both sides: a Starter account's published call counter (15, decaying
  // 0.33/s per key) cannot settle this load's Kraken orders under faults within the run's time, whatever the client.
  const env = { ...baseEnv(), KRAKEN_TIER: process.env.CHAOS_KRAKEN_TIER ?? 'pro' }
  const start = (spec: Omit<RoleSpec, 'readyTimeoutMs'> & { readyTimeoutMs?: number }) =>
    startRole({ readyTimeoutMs: 120_000, ...spec }, projectRoot, logDir)

  const temporalSpec = {
    name: 'temporal',
    entry: 'bin/temporal-main.ts',
    readyPrefix: 'temporal ready:',
    env: { ...env, TEMPORAL_PORT: String(temporalPort), TEMPORAL_UI_PORT: '0', TEMPORAL_DB_FILE: temporalDbFile },
  }
  const simulatorSpec = {
    name: 'sim',
    entry: 'bin/sim.ts',
    readyPrefix: 'sim ready:',
    env: {
      ...env,
      SIM_HOST: '127.0.0.1',
      SIM_PORT_CONTROL: String(control),
      SIM_PORT_BINANCE: String(binance),
      SIM_PORT_COINBASE: String(coinbase),
      SIM_PORT_KRAKEN: String(kraken),
      SIM_SEED: String(options.seed),
    },
  }
  const bundlePath = join(workDir, 'workflow-bundle.js')
  // Bundled once for the run: webpack at every worker start takes 20-40 s on a busy 2-core machine, longer than
  // the gap between kills, so workers started again after a SIGKILL would never be up.
  const writeBundle = () => writeWorkflowBundle(bundlePath)
  const [firstTemporal, simulator] = await Promise.all([start(temporalSpec), start(simulatorSpec), writeBundle()])
  // Restarted by the fault schedule (a Temporal kill), so it changes.
  let temporal = firstTemporal
  const simulatorUrl = simulator.readyText
  const riskLimitsPath = join(workDir, 'risk-limits.json')
  writeFileSync(riskLimitsPath, JSON.stringify(CHAOS_RISK_LIMITS, null, 2))
  const roleEnv = {
    ...env,
    TEMPORAL_ADDRESS: temporalAddress,
    DATABASE_PATH: databasePath,
    SIMULATOR_URL: simulatorUrl,
    RISK_LIMITS_FILE: riskLimitsPath,
  }
  const apiSpec = {
    name: 'api',
    entry: 'bin/api-main.ts',
    readyPrefix: 'api ready:',
    // The suite's lanes poll faster than the default per-address request rate: the API's own limit is not under test.
    env: { ...roleEnv, PORT: String(apiPort), HOST: '127.0.0.1', GATEWAY_RATE_LIMIT_RPS: '0' },
  }
  const workerSpec = (index: number) => ({
    name: `worker-${index + 1}`,
    entry: 'bin/worker-main.ts',
    readyPrefix: 'worker ready:',
    // Workers sharing one API key per venue split its rate limits, as the README says to deploy them: each keeps
    // 1 - 1/N of every limit in reserve (plus the usual 10 %), so together they stay within what the venue allows.
    env: { ...roleEnv, WORKFLOW_BUNDLE: bundlePath, RATE_LIMIT_BUFFER: String(sharedKeyBuffer(options.workers)) },
  })

  // The API first: it migrates the shared database before any worker opens it.
  const api = await start(apiSpec)
  const workers: (RoleProcess | undefined)[] = Array.from({ length: options.workers }, () => undefined)
  const supervised: Promise<void>[] = []

  /** Keeps one role running: started again whenever it exits, until the cluster stops. */
  function supervise(
    spec: Omit<RoleSpec, 'readyTimeoutMs'>,
    first: RoleProcess | undefined,
    onUp: (role: RoleProcess | undefined) => void
  ) {
    return (async () => {
      let current = first
      for (;;) {
        if (current) {
          onUp(current)
          await current.exited
          onUp(undefined)
        }
        if (stopping) return
        if (current) counts.restarts += 1
        try {
          current = await start(spec)
          if (stopping) await stopRole(current)
        } catch (error) {
          current = undefined
          log(`chaos: ${spec.name} did not start (${(error as Error).message.split('\n')[0]}); trying again`)
          await sleep(1_000)
        }
      }
    })()
  }
  let apiRole: RoleProcess | undefined = api
  supervised.push(supervise(apiSpec, api, (role) => (apiRole = role)))
  for (let i = 0; i < options.workers; i++) {
    supervised.push(supervise(workerSpec(i), undefined, (role) => (workers[i] = role)))
  }

  const readyWorkers = () => workers.filter((w): w is RoleProcess => w !== undefined && w.isAlive())

  return {
    simulatorUrl,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    temporalAddress,
    databasePath,
    logDir,
    counts,
    readyWorkers,
    killWorkers(targets) {
      for (const worker of targets) {
        killServing(worker)
        counts.workerKills += 1
      }
    },
    async crashTemporal(downMs) {
      killServing(temporal)
      counts.temporalKills += 1
      await temporal.exited
      await sleep(downMs)
      for (;;) {
        try {
          temporal = await start(temporalSpec)
          counts.restarts += 1
          return
        } catch (error) {
          log(`chaos: temporal did not come back (${(error as Error).message.split('\n')[0]}); trying again`)
          await sleep(1_000)
        }
      }
    },
    async waitForWorkers(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs
      while (readyWorkers().length < count) {
        if (Date.now() > deadline) return false
        await sleep(200)
      }
      return true
    },
    async stop() {
      stopping = true
      await Promise.all([...readyWorkers(), ...(apiRole ? [apiRole] : [])].map((role) => stopRole(role)))
      await Promise.race([Promise.all(supervised), sleep(15_000)])
      await Promise.all([stopRole(simulator), stopRole(temporal)])
      killAllSpawned()
    },
  }
}

/** RATE_LIMIT_BUFFER for one of `workers` processes that share each venue's API key. */
export function sharedKeyBuffer(workers: number): number {
  return Math.min(0.9, 1 - 0.9 / Math.max(1, workers))
}
