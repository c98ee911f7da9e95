// Goal: each way of running the platform answers Prometheus with what it did. `npm start` (one process) has one
// /metrics with its venue calls, the ledger and the Temporal worker runtime's own metrics. Run as separate roles, the
// worker serves its venue calls and runtime metrics on WORKER_METRICS_PORT, and the API its own reads and the ledger
// on /metrics, which needs a token with the read scope once tokens are configured.
// Method: bin/start.ts, bin/worker-main.ts and bin/api-main.ts spawned as real processes against the shared Temporal
// dev server and a real simulator; one order placed over HTTP through each; the figures read back from /metrics.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, expect, inject, it } from 'vitest'

import { writeWorkflowBundle } from '../../bin/worker.js'
import { demoEnv, startRole, type RoleProcess } from '../bin/role-process.js'
import { parseExposition, sumOf, type Sample } from '../support/prometheus-text.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'

const TOKEN = `metrics-test-token-${randomUUID()}`
const started: RoleProcess[] = []
let sim: TestSimulator
let dir: string

beforeAll(async () => {
  sim = await startTestSimulator()
  await sim.control.setBook('binance', 'BTC/USDT', { bids: [['64000', '5']], asks: [['64010', '5']] })
  dir = mkdtempSync(join(tmpdir(), 'metrics-roles-'))
  await writeWorkflowBundle(join(dir, 'workflow-bundle.js'))
})
afterAll(async () => {
  for (const role of started) role.child.kill('SIGKILL')
  await sim?.close()
  rmSync(dir, { recursive: true, force: true })
})

function role(entry: string, env: NodeJS.ProcessEnv): RoleProcess {
  const process = startRole(entry, env)
  started.push(process)
  return process
}

function environment(name: string, extra: Record<string, string> = {}): { env: NodeJS.ProcessEnv; taskQueue: string } {
  const taskQueue = `${name}-${randomUUID()}`
  const env = demoEnv({
    WORKFLOW_BUNDLE: join(dir, 'workflow-bundle.js'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    SIMULATOR_URL: sim.urls.control,
    DATABASE_PATH: join(dir, `${name}.db`),
    PORT: '0',
    ...extra,
  })
  return { env, taskQueue }
}

async function placeOrder(apiUrl: string, headers: Record<string, string> = {}): Promise<void> {
  const response = await fetch(`${apiUrl}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.001' }),
  })
  expect(response.status, await response.clone().text()).toBe(201)
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<Sample[]> {
  const response = await fetch(url, { headers })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  return parseExposition(await response.text())
}

const placement = { exchange: 'binance', operation: 'placeOrder' }

it('npm start answers its venue calls, the ledger and the worker runtime on one /metrics', async () => {
  const { env, taskQueue } = environment('metrics-start')
  const platform = role('bin/start.ts', env)
  const [, metricsUrl] = await platform.waitFor(/^Prometheus metrics:\s+(\S+)$/m, { timeoutMs: 120_000 })
  const apiUrl = metricsUrl!.replace(/\/metrics$/, '')
  await placeOrder(apiUrl)

  const workflow = { task_queue: taskQueue, workflow_type: 'placeOrderWorkflow' }
  await expect
    .poll(async () => sumOf(await scrape(metricsUrl!), 'temporal_workflow_completed', workflow), { timeout: 20_000 })
    .toBe(1)
  const samples = await scrape(metricsUrl!)
  expect(sumOf(samples, 'gateway_venue_call_successes_total', placement)).toBe(1)
  expect(sumOf(samples, 'gateway_ledger_orders', { exchange: 'binance', status: 'closed' })).toBe(1)
  expect(sumOf(samples, 'gateway_executions', { strategy: 'order', status: 'completed' })).toBe(1)
  expect(
    sumOf(samples, 'temporal_activity_execution_latency_count', { task_queue: taskQueue, activity_type: 'placeOrder' })
  ).toBe(1)
  expect(sumOf(samples, 'gateway_process_resident_memory_bytes')).toBeGreaterThan(0)

  platform.child.kill('SIGTERM')
  expect((await platform.exited).code).toBe(0)
}, 180_000)

it('a worker serves its own /metrics on WORKER_METRICS_PORT, the API the ledger behind the read scope', async () => {
  const { env, taskQueue } = environment('metrics-roles', { WORKER_METRICS_PORT: '0', GATEWAY_API_TOKEN: TOKEN })
  const worker = role('bin/worker-main.ts', env)
  const api = role('bin/api-main.ts', env)
  const [, workerMetricsUrl] = await worker.waitFor(/metrics at (http:\/\/127\.0\.0\.1:\d+\/metrics)/, {
    timeoutMs: 120_000,
  })
  await worker.waitFor(/^worker ready: /m, { timeoutMs: 120_000 })
  const [, apiUrl] = await api.waitFor(/^api ready: (\S+) \(pid \d+\)$/m, { timeoutMs: 120_000 })
  const auth = { Authorization: `Bearer ${TOKEN}` }
  await placeOrder(apiUrl!, auth)

  // The worker: the placement it sent, and its runtime's figures for its task queue.
  const workflow = { task_queue: taskQueue, workflow_type: 'placeOrderWorkflow' }
  await expect
    .poll(async () => sumOf(await scrape(workerMetricsUrl!), 'temporal_workflow_completed', workflow), {
      timeout: 20_000,
    })
    .toBe(1)
  const fromWorker = await scrape(workerMetricsUrl!)
  expect(sumOf(fromWorker, 'gateway_venue_call_successes_total', placement)).toBe(1)
  expect(sumOf(fromWorker, 'temporal_worker_task_slots_available', { task_queue: taskQueue })).toBeGreaterThan(0)
  // The ledger is the API's to report: every worker reporting it too would count it once per worker.
  expect(fromWorker.filter((s) => s.name === 'gateway_ledger_orders')).toEqual([])
  expect((await fetch(workerMetricsUrl!.replace(/\/metrics$/, '/other'))).status).toBe(404)

  // The API: no token, no figures; with one, the ledger and its own calls (none of them a placement).
  const refused = await fetch(`${apiUrl}/metrics`)
  expect(refused.status).toBe(401)
  const fromApi = await scrape(`${apiUrl}/metrics`, auth)
  expect(sumOf(fromApi, 'gateway_ledger_orders', { exchange: 'binance', status: 'closed' })).toBe(1)
  expect(sumOf(fromApi, 'gateway_executions', { strategy: 'order', status: 'completed' })).toBe(1)
  expect(sumOf(fromApi, 'gateway_venue_call_successes_total', placement)).toBe(0)
  expect(fromApi.filter((s) => s.name.startsWith('temporal_'))).toEqual([])

  for (const process of [worker, api]) {
    process.child.kill('SIGTERM')
    expect((await process.exited).code).toBe(0)
  }
}, 180_000)
