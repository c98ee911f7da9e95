// `npm run test:scale`: the gateway scaled out on the cluster of `npm run cluster` (started when it is not running):
// two API processes and three worker processes on one task queue, the execution history in a fresh PostgreSQL
// database on the cluster's PostgreSQL (DATABASE_URL), the venue simulator as the venues. Checks, by hand (it needs
// the cluster, and minutes): orders through both APIs all complete; one Idempotency-Key sent to both APIs at the same
// moment gives one run and one order at the venue; a worker SIGKILLed mid-run loses nothing (every accepted order
// completes, none is sent twice); GET /api/executions on either API lists every execution started through either;
// and measures throughput and latency with one worker and with three. The venues are the truth: the simulator's own
// list of received orders is compared with the runs' orders (each exactly once, nothing else).
//
// Figures are reported, not asserted: the checks hold at any speed. SCALE_HISTORY=sqlite puts the history in one
// SQLite file that every role shares instead (the roles on one host). SCALE_KEEP=1 keeps the database and the logs.
// Prints each check, the figures, and a closing `N passed, N failed` line; exits non-zero on any failure.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Client, Connection } from '@temporalio/client'

import { clusterLayout } from '../../bin/cluster/layout.js'
import { psql } from '../../bin/cluster/postgres.js'
import type { ExchangeId } from '../../domain/types.js'
import { DEMO_CREDENTIALS } from '../../sim/credentials.js'
import { killAllSpawned } from '../chaos/processes.js'
import { readVenueOrders } from '../chaos/collect.js'
import { createControlClient } from '../support/simulator.js'
import {
  awaitResults,
  compareWithVenues,
  listedExecutionIds,
  runsTakenOver,
  unfinished,
  type RunResult,
} from './scale-checks.js'
import { readRateLimitWaits, waitsBetween } from './scale-metrics.js'
import { postOrder, orderBody, runBatch, throughputLine, workflowIdOf, type Answer } from './scale-orders.js'
import { SOLE_WORKER_SHARE, startScaleStack, WORKER_SHARE, type HistoryTarget, type ScaleStack } from './scale-stack.js'

const BOTH_APIS = { count: 20, inFlight: 4 }
const SAME_KEY_PAIRS = 10
/** The worker is killed once this many of the batch's orders have been answered: others are in flight then. */
const KILL_BATCH = { count: 60, inFlight: 8, killAfter: 15 }
const THROUGHPUT = { count: 100, inFlight: 8, warmUp: 12 }
/** A killed worker's activities are retried once their start-to-close timeout (20 s for a placement) passes. */
const SETTLE_MS = 180_000

const projectRoot = new URL('../..', import.meta.url).pathname
const layout = clusterLayout(projectRoot, process.env)
const historyKind = process.env.SCALE_HISTORY === 'sqlite' ? 'sqlite' : 'postgres'
const keep = process.env.SCALE_KEEP === '1'
const workDir = mkdtempSync(join(tmpdir(), 'gateway-scale-'))
const runId = Date.now()
const databaseName = `gateway_scale_${runId}`
const figures: string[] = []
let passed = 0
let failed = 0

async function check(name: string, body: () => Promise<void>): Promise<boolean> {
  const started = Date.now()
  try {
    await body()
    passed++
    console.log(`ok    ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    return true
  } catch (error) {
    failed++
    console.log(`FAIL  ${name}: ${(error as Error).message}`)
    return false
  }
}

/** `npm run cluster`: starts what is not running, reuses the rest; its output is shown as it comes. */
function ensureCluster(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'cluster'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const take = (chunk: Buffer) => {
      output += chunk.toString()
      for (const line of chunk.toString().split('\n').filter(Boolean)) console.log(`  [cluster] ${line}`)
    }
    child.stdout.on('data', take)
    child.stderr.on('data', take)
    child.on('close', (code) => resolve({ code, output }))
  })
}

function historyTarget(): HistoryTarget {
  if (historyKind === 'sqlite') return { kind: 'sqlite', path: join(workDir, 'gateway.db') }
  psql(layout, 'postgres', `create database ${databaseName}`)
  return { kind: 'postgres', url: `postgres://${layout.pg.user}@127.0.0.1:${layout.pg.port}/${databaseName}` }
}

const accepted = (answer: Answer) => answer.status === 201 || answer.status === 202
const refusals = (answers: Answer[]) =>
  answers
    .filter((answer) => !accepted(answer))
    .map((answer) => `${answer.key}: ${answer.status} ${JSON.stringify(answer.body)}`)

let stack: ScaleStack | undefined
let connection: Connection | undefined
try {
  const cluster = await ensureCluster()
  assert.equal(cluster.code, 0, 'npm run cluster failed')
  assert.match(cluster.output, new RegExp(`^cluster ready: ${layout.frontendAddress}$`, 'm'))

  const history = historyTarget()
  const taskQueue = `scale-${runId}`
  const startedAt = Date.now()
  stack = await startScaleStack({
    projectRoot,
    workDir,
    temporalAddress: layout.frontendAddress,
    taskQueue,
    history,
  })
  const { apiUrls } = stack
  figures.push(
    `history: ${history.kind === 'postgres' ? `PostgreSQL database ${databaseName}` : `SQLite ${history.path}`}; ` +
      `task queue ${taskQueue} on ${layout.frontendAddress}`
  )
  figures.push(
    `simulator, ${apiUrls.length} APIs (${apiUrls.join(', ')}) and ${stack.workers.length} workers ready in ` +
      `${((Date.now() - startedAt) / 1000).toFixed(1)} s`
  )

  const control = createControlClient(stack.simulatorUrl)
  // Pinned books deep enough for every order of the run (buys and sells in turn keep the balances level).
  await control.setBook('binance', 'BTC/USDT', { bids: [['64000', '100']], asks: [['64010', '100']] })
  await control.credit('binance', 'USDT', '10000000')
  await control.credit('binance', 'BTC', '100')
  connection = await Connection.connect({ address: layout.frontendAddress })
  const client = new Client({ connection })
  const runs = new Map<string, RunResult>()
  const settle = async (answers: Answer[]) => {
    const ids = answers
      .filter(accepted)
      .map(workflowIdOf)
      .filter((id) => id !== undefined)
    const results = await awaitResults(client, ids, Date.now() + SETTLE_MS)
    for (const result of results) runs.set(result.workflowId, result)
    return results
  }
  const apisOf = (answers: Answer[]) => new Set(answers.filter(accepted).map((answer) => answer.api)).size

  await check(
    `${BOTH_APIS.count} orders through both APIs, ${BOTH_APIS.inFlight} in flight, all complete`,
    async () => {
      const batch = await runBatch({ apiUrls, prefix: `scale-${runId}-both`, ...BOTH_APIS })
      assert.deepEqual(refusals(batch.answers), [])
      assert.equal(apisOf(batch.answers), apiUrls.length, 'every API took orders')
      assert.deepEqual(unfinished(await settle(batch.answers)), [])
      figures.push(throughputLine('orders through both APIs (3 workers)', batch))
    }
  )

  await check(
    `one Idempotency-Key sent to both APIs at the same moment gives one order (${SAME_KEY_PAIRS} keys)`,
    async () => {
      const problems: string[] = []
      let bothCreated = 0
      for (let n = 0; n < SAME_KEY_PAIRS; n++) {
        const key = `scale-${runId}-same-${n}`
        const body = orderBody(n)
        const pair = await Promise.all(apiUrls.map((_, api) => postOrder(apiUrls, api, key, body)))
        const ids = new Set(pair.map(workflowIdOf))
        if (pair.some((answer) => !accepted(answer))) problems.push(`${key}: ${refusals(pair).join('; ')}`)
        if (ids.size !== 1) problems.push(`${key}: answered with runs ${[...ids].join(', ')}`)
        if (pair.every((answer) => answer.status === 201)) bothCreated++
        const [result] = await settle(pair.slice(0, 1))
        if (!result?.clientOrderId) {
          problems.push(`${key}: the run did not place its order (${result?.status} ${result?.outcome})`)
          continue
        }
        const runsOfId: string[] = []
        for await (const run of client.workflow.list({ query: `WorkflowId = "${result.workflowId}"` }))
          runsOfId.push(run.runId)
        if (runsOfId.length !== 1) problems.push(`${key}: ${runsOfId.length} runs of ${result.workflowId}`)
        const atVenue = await control.receivedOrders(body.exchange, { clientOrderId: result.clientOrderId })
        if (atVenue.length !== 1) problems.push(`${key}: the venue received ${atVenue.length} orders`)
      }
      figures.push(`same key through both APIs: ${bothCreated} of ${SAME_KEY_PAIRS} pairs answered 201 by both`)
      assert.deepEqual(problems, [])
    }
  )

  await check(
    `a worker SIGKILLed mid-run loses nothing: ${KILL_BATCH.count} orders, every accepted one completes once`,
    async () => {
      const victim = stack!.workers[0]!
      let killed: Promise<void> | undefined
      let killedAt = 0
      const batch = await runBatch({
        apiUrls,
        prefix: `scale-${runId}-kill`,
        ...KILL_BATCH,
        onAnswer: (answered) => {
          if (answered !== KILL_BATCH.killAfter) return
          killedAt = performance.now()
          killed = stack!.killWorker(victim)
        },
      })
      await killed
      assert.ok(killedAt > 0, 'the worker was killed')
      assert.deepEqual(refusals(batch.answers), [])
      const settleStarted = performance.now()
      const results = await settle(batch.answers)
      assert.deepEqual(unfinished(results), [])
      const settledMs = performance.now() - settleStarted
      // The kill must have caught work in flight, or the check proves nothing.
      const takenOver = await runsTakenOver(
        client,
        results.map((result) => result.workflowId)
      )
      assert.ok(takenOver.length > 0, `no run shows work taken over from ${victim.name}`)
      const late = batch.answers.filter((answer) => answer.status === 202).length
      figures.push(
        `${victim.name} SIGKILLed after ${KILL_BATCH.killAfter} of ${KILL_BATCH.count} answers: ${takenOver.length} ` +
          `runs had work on it (a task timed out or ran again in their history), ${late} answered 202 ` +
          `(still running when the API stopped waiting), slowest answer ` +
          `${(Math.max(...batch.answers.map((answer) => answer.latencyMs)) / 1000).toFixed(1)} s, every run done ` +
          `${(settledMs / 1000).toFixed(1)} s after the batch`
      )
      await stack!.startWorker(victim)
    }
  )

  const measure = async (label: string, prefix: string) => {
    // Not measured: a worker's first orders load the venues' markets.
    const warmUp = await runBatch({ apiUrls, prefix: `${prefix}-warm`, count: THROUGHPUT.warmUp, inFlight: 4 })
    assert.deepEqual(refusals(warmUp.answers), [])
    assert.deepEqual(unfinished(await settle(warmUp.answers)), [])
    const metricsUrls = stack!.workers.filter((slot) => slot.current()).map((slot) => slot.metricsUrl)
    const waitsBefore = await readRateLimitWaits(metricsUrls)
    const batch = await runBatch({ apiUrls, prefix, count: THROUGHPUT.count, inFlight: THROUGHPUT.inFlight })
    figures.push(
      `${throughputLine(label, batch)} (${waitsBetween(waitsBefore, await readRateLimitWaits(metricsUrls))})`
    )
    assert.deepEqual(refusals(batch.answers), [])
    assert.deepEqual(unfinished(await settle(batch.answers)), [])
    return batch.answers.length / batch.seconds
  }
  // A worker's part of each venue key's budget is set when it starts (RATE_LIMIT_SHARE): one of three keeps its third
  // when the others stop, and only a restart with the whole share gives it the key's whole budget.
  const [first, ...others] = stack.workers
  const rates: { one?: number; three?: number } = {}
  const shape = `${THROUGHPUT.count} orders, ${THROUGHPUT.inFlight} in flight`
  await check(`throughput with one worker, still on its part of the venue budget: ${shape}`, async () => {
    await Promise.all(others.map((slot) => stack!.stopWorker(slot)))
    await measure(`one worker on its part of the budget (RATE_LIMIT_SHARE ${WORKER_SHARE})`, `scale-${runId}-part`)
  })
  await check(`throughput with one worker, restarted with the whole budget: ${shape}`, async () => {
    await stack!.stopWorker(first!)
    await stack!.startWorker(first!, { rateLimitShare: SOLE_WORKER_SHARE })
    const label = `one worker with the whole budget (RATE_LIMIT_SHARE ${SOLE_WORKER_SHARE})`
    rates.one = await measure(label, `scale-${runId}-one`)
  })
  await check(`throughput with three workers: ${shape}`, async () => {
    await stack!.stopWorker(first!)
    await Promise.all(stack!.workers.map((slot) => stack!.startWorker(slot)))
    rates.three = await measure(`three workers (RATE_LIMIT_SHARE ${WORKER_SHARE} each)`, `scale-${runId}-three`)
  })
  if (rates.one && rates.three)
    figures.push(
      `three workers / one worker with the whole budget: ${(rates.three / rates.one).toFixed(2)}x the orders/s`
    )

  const started = [...runs.keys()]
  await check(
    `GET /api/executions on either API lists every execution started through either (${started.length})`,
    async () => {
      for (const [index, apiUrl] of apiUrls.entries()) {
        const listed = await listedExecutionIds(apiUrl)
        const missing = started.filter((id) => !listed.has(id))
        assert.deepEqual(missing, [], `api-${index + 1} does not list ${missing.length} of them`)
      }
    }
  )

  if (history.kind === 'postgres') {
    await check('the history is in the PostgreSQL database, and nowhere else', async () => {
      assert.ok(!existsSync(stack!.fallbackDatabasePath), 'a role ignored DATABASE_URL and wrote a SQLite file')
      const rows = Number(psql(layout, databaseName, `select count(*) from executions where strategy = 'order'`))
      assert.equal(rows, started.length)
      figures.push(`${databaseName}: ${rows} executions`)
    })
  }

  await check('the venues received each run’s order exactly once, and no other order', async () => {
    const apiKeys = Object.fromEntries(
      Object.entries(DEMO_CREDENTIALS).map(([venue, credentials]) => [venue, credentials.apiKey])
    ) as Record<ExchangeId, string>
    const venueOrders = await readVenueOrders(control, apiKeys)
    const placed = [...runs.values()].map((run) => run.clientOrderId).filter((id) => id !== undefined)
    assert.deepEqual(compareWithVenues(placed, venueOrders), { duplicated: [], missing: [], unaccounted: [] })
    figures.push(`venues: ${venueOrders.length} orders received for ${runs.size} runs`)
  })
} catch (error) {
  failed++
  console.log(`FAIL  ${(error as Error).message}`)
} finally {
  await connection?.close()
  await stack?.stop().catch(() => undefined)
  killAllSpawned()
  if (failed === 0 && !keep) {
    rmSync(workDir, { recursive: true, force: true })
    if (historyKind === 'postgres') {
      try {
        psql(layout, 'postgres', `drop database if exists ${databaseName} with (force)`)
      } catch (error) {
        console.log(`could not drop ${databaseName}: ${(error as Error).message}`)
      }
    }
  } else {
    console.log(`\nkept: process logs in ${workDir}${historyKind === 'postgres' ? `, database ${databaseName}` : ''}`)
  }
}

console.log('\nFigures:')
for (const line of figures) console.log(`  ${line}`)
console.log(`\nscale: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
