// `npm run test:chaos`: the platform as separate processes (Temporal dev server, simulator, API, workers) under
// load and under faults — workers SIGKILLed at random and inside held venue answers, the Temporal server
// SIGKILLed once, venues rate-limiting, failing, hanging, down, dropping answers — then checked: nothing
// duplicated, lost or abandoned. Exits 1 on any violation. Knobs in config.ts (CHAOS_SEED, CHAOS_EXECUTIONS...).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { ExchangeId } from '../../domain/types.js'
import { createRng, hashSeed } from '../../sim/engine/rng.js'
import { createControlClient } from '../support/simulator.js'
import { createApiClient } from './api-client.js'
import { runChecks } from './checks.js'
import { startCluster, type Cluster } from './cluster.js'
import { openRunsReader, readLedger, readVenueOrders } from './collect.js'
import { readChaosConfig } from './config.js'
import { drive } from './driver.js'
import { createFaultInjector } from './faults.js'
import type { ChaosObservation, CheckResult } from './model.js'
import { runMonkey } from './monkey.js'
import { planExecutions } from './plan.js'
import { killAllSpawned } from './processes.js'
import { printReport } from './report.js'
import { fundAccounts } from './venues.js'

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const log = (line: string) => console.log(line)
const seconds = (since: number) => Math.round((Date.now() - since) / 1000)

const config = readChaosConfig(process.env)
const startedAt = Date.now()
const hardDeadline = startedAt + config.budgetSeconds * 1000
const workDir = mkdtempSync(join(tmpdir(), 'chaos-'))
const rngFor = (part: string) => createRng(hashSeed(config.seed, part))

process.on('exit', killAllSpawned)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllSpawned()
    process.exit(130)
  })
}
const watchdog = setTimeout(() => {
  log(`chaos: FAIL the run exceeded its budget of ${config.budgetSeconds} s; everything killed (logs in ${workDir})`)
  log('chaos: 0 passed, 1 failed')
  killAllSpawned()
  process.exit(1)
}, config.budgetSeconds * 1000)

/** The chaos itself must have happened, or the other checks prove little. */
function checkChaosHappened(cluster: Cluster, holdKills: number, observation: ChaosObservation): CheckResult {
  const violations: string[] = []
  if (cluster.counts.temporalKills !== 1)
    violations.push(`the Temporal server was SIGKILLed ${cluster.counts.temporalKills} times, not once`)
  if (cluster.counts.workerKills === 0) violations.push('no worker was killed')
  if (holdKills === 0) violations.push('no worker was killed inside a held venue answer')
  if (!observation.faults.some((w) => w.label === 'down')) violations.push('no venue was down')
  if (observation.executions.length < config.executions)
    violations.push(`only ${observation.executions.length} of ${config.executions} executions planned`)
  return {
    name: 'the chaos happened (worker kills, kills inside held answers, the server crash, a venue down)',
    violations,
  }
}

async function main(): Promise<number> {
  log(
    `chaos: seed ${config.seed}, ${config.executions} executions, ${config.concurrency} in flight, ${config.workers} workers; logs in ${workDir}`
  )
  const cluster = await startCluster({
    projectRoot: PROJECT_ROOT,
    workDir,
    workers: config.workers,
    seed: config.seed,
    log,
  })
  try {
    const control = createControlClient(cluster.simulatorUrl)
    const venues = (await (await fetch(`${cluster.simulatorUrl}/venues`)).json()) as {
      venues: { venue: ExchangeId; apiKey: string }[]
    }
    const apiKeys = Object.fromEntries(venues.venues.map((v) => [v.venue, v.apiKey])) as Record<ExchangeId, string>
    await fundAccounts(control)
    if (!(await cluster.waitForWorkers(config.workers, 180_000))) throw new Error('the workers did not start')
    log(
      `chaos: stack up in ${seconds(startedAt)} s (Temporal ${cluster.temporalAddress}, API ${cluster.apiUrl}, simulator ${cluster.simulatorUrl})`
    )

    const plan = planExecutions(rngFor('plan'), config.executions, `s${config.seed}`)
    const loadStart = Date.now()
    let driving = true
    const injector = createFaultInjector(control, cluster, rngFor('faults'), log)
    let progress: Awaited<ReturnType<typeof drive>> | undefined
    const driven = drive({
      api: createApiClient(cluster.apiUrl),
      control,
      plan,
      rng: rngFor('driver'),
      concurrency: config.concurrency,
      stopStartingAt: loadStart + config.loadSeconds * 1000,
      slotMs: 20_000,
      log,
    })
      .then((result) => (progress = result))
      .finally(() => (driving = false))
    const chaos = Promise.all([
      runMonkey(cluster, rngFor('kills'), () => !driving, loadStart + 40_000, log),
      injector.run(() => !driving, loadStart + 70_000),
    ])
    await driven
    await chaos
    log(
      `chaos: load done in ${seconds(loadStart)} s; faults cleared, no more kills; waiting for every execution to close`
    )

    await cluster.waitForWorkers(config.workers, 60_000)
    const reader = await openRunsReader(cluster.temporalAddress)
    const settleDeadline = Math.min(Date.now() + config.settleSeconds * 1000, hardDeadline - 45_000)
    const sent = new Set([...(progress ?? new Map()).entries()].filter(([, p]) => p.sent).map(([id]) => id))
    const stillRunning = await reader.awaitClosed(
      plan.filter((e) => sent.has(e.workflowId)),
      settleDeadline
    )
    log(`chaos: ${sent.size} of ${plan.length} executions sent; ${stillRunning} still running after settling`)
    const executions = await reader.read(plan, sent)
    await reader.close()
    const observation: ChaosObservation = {
      executions,
      venueOrders: await readVenueOrders(control, apiKeys),
      ...readLedger(cluster.databasePath),
      faults: injector.windows,
    }
    const results = [checkChaosHappened(cluster, injector.holdKills, observation), ...runChecks(observation)]
    const failed = printReport(
      observation,
      results,
      {
        workerKills: cluster.counts.workerKills,
        holdKills: injector.holdKills,
        temporalKills: cluster.counts.temporalKills,
        restarts: cluster.counts.restarts,
        seconds: seconds(startedAt),
      },
      log
    )
    if (failed > 0) log(`chaos: process logs and both SQLite files kept in ${workDir}`)
    return failed
  } finally {
    await cluster.stop()
  }
}

main()
  .then((failed) => {
    clearTimeout(watchdog)
    if (failed === 0 && !config.keep) rmSync(workDir, { recursive: true, force: true })
    process.exit(failed === 0 ? 0 : 1)
  })
  .catch((error: unknown) => {
    clearTimeout(watchdog)
    log(`chaos: FAIL ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    log(`chaos: logs in ${workDir}`)
    log('chaos: 0 passed, 1 failed')
    process.exit(1)
  })
