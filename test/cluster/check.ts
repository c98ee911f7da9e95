// `npm run test:cluster`: checks `npm run cluster` end to end, by hand (minutes of Go builds on a cold machine, so it
// is not part of npm test). Goal: a real Temporal server on PostgreSQL, its services as separate processes, serves the
// gateway's roles (separate processes too: simulator, worker, API) through TEMPORAL_ADDRESS; an order placed through
// the API fills at the simulator and is found in the cluster's visibility store by its search attributes and in the
// UI's API; a second `npm run cluster` reuses every process; after `npm run cluster:stop` and a new start on the same
// data the order's history is still there. Measures, on the way, latency, throughput and the cost of an order (CPU of
// each process, database writes: test/cluster/cost.ts). Prints each check, the figures, and a closing
// `N passed, N failed` line.
//
// Leaves the cluster running (it is the developer's); `--stop` stops it at the end.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Client, Connection } from '@temporalio/client'

import { clusterLayout, SERVICES } from '../../bin/cluster/layout.js'
import { freePort } from '../../bin/temporal/dev-server.js'
import { demoEnv, startRole, type RoleProcess } from '../bin/role-process.js'
import { createControlClient } from '../support/simulator.js'
import { cpuPer, cpuSnapshot, dbPer, dbSnapshot } from './cost.js'

const SEQUENTIAL = 20
const BATCH = 200
const IN_FLIGHT = 8
const IDLE_MS = 20_000
/** PostgreSQL 15 publishes an idle backend's counts within 10 s (cost.ts). */
const STATS_FLUSH_MS = 11_000

const projectRoot = new URL('../..', import.meta.url).pathname
const layout = clusterLayout(projectRoot, process.env)
const dir = mkdtempSync(join(tmpdir(), 'cluster-check-'))
const roles: RoleProcess[] = []
const timings: string[] = []
let passed = 0
let failed = 0

async function check(name: string, body: () => Promise<void>): Promise<boolean> {
  const started = Date.now()
  try {
    await body()
    passed++
    console.log(`ok    ${name} (${Date.now() - started} ms)`)
    return true
  } catch (error) {
    failed++
    console.log(`FAIL  ${name}: ${(error as Error).message}`)
    return false
  }
}

/** Runs an npm script of this project to its end; its output is shown as it comes and returned. */
function npmRun(script: string): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    let shown = 0
    const showLines = (all: boolean) => {
      const end = all ? output.length : output.lastIndexOf('\n') + 1
      for (const line of output.slice(shown, end).split('\n').filter(Boolean)) console.log(`  [${script}] ${line}`)
      shown = Math.max(shown, end)
    }
    const take = (chunk: Buffer) => {
      output += chunk.toString()
      showLines(false)
    }
    child.stdout.on('data', take)
    child.stderr.on('data', take)
    child.on('close', (code) => {
      showLines(true)
      resolve({ code, output, ms: Date.now() - started })
    })
  })
}

function pids(): number[] {
  return SERVICES.map((service) => Number(readFileSync(join(layout.runDir, `${service}.pid`), 'utf8').trim()))
}

async function postOrder(apiUrl: string, key: string, side = 'buy'): Promise<{ status: number; body: any }> {
  const response = await fetch(`${apiUrl}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ exchange: 'binance', symbol: 'BTC/USDT', side, type: 'market', amount: '0.01' }),
  })
  return { status: response.status, body: await response.json() }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await sleep(500)
  }
}

let workflowId = ''
let firstPids: number[] = []
try {
  const up = await npmRun('cluster')
  timings.push(`npm run cluster (first in this check): ${(up.ms / 1000).toFixed(1)} s`)
  const ready = await check('npm run cluster brings the cluster up', async () => {
    assert.equal(up.code, 0)
    assert.match(up.output, new RegExp(`^cluster ready: ${layout.frontendAddress}$`, 'm'))
  })
  if (!ready) throw new Error('no cluster: the other checks cannot run')

  await check('its four services run as four processes', async () => {
    firstPids = pids()
    assert.equal(new Set(firstPids).size, SERVICES.length)
    for (const [index, pid] of firstPids.entries()) {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
      assert.ok(argv.includes(SERVICES[index]!), `pid ${pid} runs ${argv.join(' ')}`)
    }
  })

  const [control, binance, coinbase, kraken, apiPort] = await Promise.all(Array.from({ length: 5 }, () => freePort()))
  const taskQueue = `cluster-check-${Date.now()}`
  const sim = startRole(
    'bin/sim.ts',
    demoEnv({
      SIM_PORT_CONTROL: String(control),
      SIM_PORT_BINANCE: String(binance),
      SIM_PORT_COINBASE: String(coinbase),
      SIM_PORT_KRAKEN: String(kraken),
    })
  )
  roles.push(sim)
  await sim.waitFor(/^sim ready: /m)
  await createControlClient(`http://127.0.0.1:${control}`).setBook('binance', 'BTC/USDT', {
    bids: [['64000', '5']],
    asks: [['64010', '5']],
  })
  // Its own task queue: a worker someone else runs on the cluster's default queue does not take these orders.
  const env = demoEnv({
    TEMPORAL_ADDRESS: layout.frontendAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    SIMULATOR_URL: `http://127.0.0.1:${control}`,
    DATABASE_PATH: join(dir, 'gateway.db'),
    PORT: String(apiPort),
    // The batch below comes from one client address faster than the API's default per-client limit.
    GATEWAY_RATE_LIMIT_RPS: '0',
  })
  const rolesStarted = Date.now()
  const worker = startRole('bin/worker-main.ts', env)
  const api = startRole('bin/api-main.ts', env)
  roles.push(worker, api)
  await worker.waitFor(/^worker ready: /m, { timeoutMs: 120_000 })
  const [, apiUrl] = await api.waitFor(/^api ready: (\S+) /m, { timeoutMs: 120_000 })
  timings.push(`worker and api ready against the cluster: ${((Date.now() - rolesStarted) / 1000).toFixed(1)} s`)

  await check('an order placed through the API fills at the simulator, through the cluster', async () => {
    for (const which of ['first', 'second']) {
      const started = Date.now()
      const order = await postOrder(apiUrl!, `cluster-check-${started}-${which}`)
      timings.push(`${which} order through the cluster (POST to 201): ${Date.now() - started} ms`)
      assert.equal(order.status, 201, JSON.stringify(order.body))
      assert.equal(order.body.outcome, 'placed')
      assert.equal(order.body.order.status, 'closed')
      assert.equal(order.body.order.average, '64010')
      workflowId ||= order.body.workflowId
    }
  })

  const connection = await Connection.connect({ address: layout.frontendAddress })
  const client = new Client({ connection })
  await check('the cluster’s visibility store (PostgreSQL) finds it by its search attributes', async () => {
    const query = `WorkflowId = "${workflowId}" AND Exchange = "binance" AND Strategy = "order" AND OrderStatus = "CLOSED"`
    const found = await eventually('the order in visibility', async () => {
      for await (const execution of client.workflow.list({ query })) return execution
      return undefined
    })
    assert.equal(found.taskQueue, taskQueue)
    assert.equal(found.status.name, 'COMPLETED')
  })

  await check('the Temporal UI shows it (the UI server pointed at the cluster)', async () => {
    const response = await fetch(
      `http://127.0.0.1:${layout.ui.port}/api/v1/namespaces/default/workflows/${encodeURIComponent(workflowId)}`
    )
    assert.equal(response.status, 200)
    const body = (await response.json()) as { workflowExecutionInfo: { type: { name: string } } }
    assert.equal(body.workflowExecutionInfo.type.name, 'placeOrderWorkflow')
    const page = await fetch(`http://127.0.0.1:${layout.ui.port}/namespaces/default/workflows`)
    assert.equal(page.status, 200)
  })
  await connection.close()

  await check(`a batch of ${BATCH} orders, ${IN_FLIGHT} in flight: every one placed (figures below)`, async () => {
    const latencies: number[] = []
    for (let i = 0; i < SEQUENTIAL; i++) {
      const started = Date.now()
      const order = await postOrder(apiUrl!, `cluster-seq-${started}-${i}`, i % 2 === 0 ? 'sell' : 'buy')
      assert.equal(order.status, 201, JSON.stringify(order.body))
      latencies.push(Date.now() - started)
    }
    latencies.sort((a, b) => a - b)
    timings.push(
      `${SEQUENTIAL} orders one after another: p50 ${latencies[SEQUENTIAL / 2]} ms, max ${latencies.at(-1)} ms`
    )

    const servicePids = Object.fromEntries(SERVICES.map((service, index) => [service, pids()[index]!]))
    const rolePids = { api: api.child.pid!, worker: worker.child.pid! }
    // What the processes do with no order in flight (timers, shard leases, polls, the reconciliation schedule), so
    // that the batch's figures can be read net of it.
    await sleep(STATS_FLUSH_MS)
    const idleDb = dbSnapshot(layout)
    const idleCpu = cpuSnapshot(layout, servicePids, rolePids)
    await sleep(IDLE_MS)
    const idleCpuEnd = cpuSnapshot(layout, servicePids, rolePids)
    await sleep(STATS_FLUSH_MS)
    const idleSeconds = (IDLE_MS + STATS_FLUSH_MS) / 1000
    timings.push(cpuPer(idleCpu, idleCpuEnd, IDLE_MS / 1000, 'per second at idle'))
    timings.push(...dbPer(idleDb, dbSnapshot(layout), idleSeconds, 'per second at idle'))

    const dbBefore = dbSnapshot(layout)
    const cpuBefore = cpuSnapshot(layout, servicePids, rolePids)
    let sent = 0
    const refused: string[] = []
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (sent < BATCH) {
          const n = sent++
          const order = await postOrder(apiUrl!, `cluster-batch-${cpuBefore.at}-${n}`, n % 2 === 0 ? 'sell' : 'buy')
          if (order.status !== 201) refused.push(`${order.status} ${JSON.stringify(order.body)}`)
        }
      })
    )
    const cpuAfter = cpuSnapshot(layout, servicePids, rolePids)
    const seconds = (cpuAfter.at - cpuBefore.at) / 1000
    timings.push(
      `${BATCH} orders, ${IN_FLIGHT} in flight: ${seconds.toFixed(1)} s, ${(BATCH / seconds).toFixed(1)} orders/s`
    )
    timings.push(cpuPer(cpuBefore, cpuAfter, BATCH, 'per order (idle work included)'))
    await sleep(STATS_FLUSH_MS)
    timings.push(...dbPer(dbBefore, dbSnapshot(layout), BATCH, 'per order (idle work included)'))
    assert.deepEqual(refused, [])
  })

  for (const role of [worker, api, sim]) role.child.kill('SIGTERM')
  await Promise.all([worker, api, sim].map((role) => role.exited))

  const again = await npmRun('cluster')
  timings.push(`npm run cluster again (everything running): ${(again.ms / 1000).toFixed(1)} s`)
  await check('a second npm run cluster reuses every process', async () => {
    assert.equal(again.code, 0)
    for (const service of SERVICES) assert.match(again.output, new RegExp(`Temporal ${service}: already running`))
    assert.match(again.output, /PostgreSQL: already running/)
    assert.deepEqual(pids(), firstPids)
  })

  const stop = await npmRun('cluster:stop')
  timings.push(`npm run cluster:stop: ${(stop.ms / 1000).toFixed(1)} s`)
  const restart = await npmRun('cluster')
  timings.push(`npm run cluster on the stopped cluster's data: ${(restart.ms / 1000).toFixed(1)} s`)
  await check('after cluster:stop and a new start on the same data, the order’s history is still there', async () => {
    assert.equal(stop.code, 0)
    assert.match(stop.output, /cluster stopped/)
    assert.equal(restart.code, 0)
    assert.notDeepEqual(pids(), firstPids)
    const reconnected = await Connection.connect({ address: layout.frontendAddress })
    try {
      const handle = new Client({ connection: reconnected }).workflow.getHandle(workflowId)
      const result = (await handle.result()) as { outcome: string }
      assert.equal(result.outcome, 'placed')
    } finally {
      await reconnected.close()
    }
  })

  if (process.argv.includes('--stop')) await npmRun('cluster:stop')
} catch (error) {
  failed++
  console.log(`FAIL  ${(error as Error).message}`)
} finally {
  for (const role of roles)
    if (role.child.exitCode === null && role.child.signalCode === null) role.child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
}

console.log('\nTimings:')
for (const line of timings) console.log(`  ${line}`)
console.log(`\ncluster: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
