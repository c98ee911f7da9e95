// Goal: the api and worker roles, run as processes with stdout on a pipe, write JSON log lines: the API one line per
// request with its request id, the token's name and the workflow id, and the audit intent and outcome of an order
// naming the token; the worker the placement's audit lines (through the Temporal SDK's activity logger) for the same
// workflow id. The ready lines stay plain, and the bearer token appears in no line.
// Method: bin/api-main.ts and bin/worker-main.ts spawned as real processes (test/bin/role-process.ts) against the
// shared Temporal dev server and a real simulator; one order placed over HTTP.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, expect, inject, it } from 'vitest'

import { writeWorkflowBundle } from '../../bin/worker.js'
import { demoEnv, startRole, type RoleProcess } from '../bin/role-process.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'

const TOKEN = `logs-test-token-${randomUUID()}`
const started: RoleProcess[] = []
let sim: TestSimulator
let dir: string

beforeAll(async () => {
  sim = await startTestSimulator()
  dir = mkdtempSync(join(tmpdir(), 'logs-e2e-'))
})
afterAll(async () => {
  for (const role of started) role.child.kill('SIGKILL')
  await sim?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Every stdout line but the ready line is a JSON object; returns them parsed. */
function jsonLines(output: string, readyLine: RegExp): any[] {
  const lines = output.split('\n').filter((line) => line !== '' && !readyLine.test(line))
  return lines.map((line) => {
    try {
      return JSON.parse(line)
    } catch {
      throw new Error(`not a JSON line: ${line}`)
    }
  })
}

it('writes JSON request, audit and placement lines that name the token and the workflow', async () => {
  await writeWorkflowBundle(join(dir, 'workflow-bundle.js'))
  const env = demoEnv({
    WORKFLOW_BUNDLE: join(dir, 'workflow-bundle.js'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `logs-${randomUUID()}`,
    SIMULATOR_URL: sim.urls.control,
    DATABASE_PATH: join(dir, 'gateway.db'),
    PORT: '0',
    GATEWAY_API_TOKEN: TOKEN,
  })
  delete env.LOG_FORMAT
  delete env.LOG_LEVEL
  const worker = startRole('bin/worker-main.ts', env)
  const api = startRole('bin/api-main.ts', env)
  started.push(worker, api)
  await worker.waitFor(/^worker ready: /m, { timeoutMs: 120_000 })
  const [, apiUrl] = await api.waitFor(/^api ready: (\S+) \(pid \d+\)$/m, { timeoutMs: 120_000 })

  const response = await fetch(`${apiUrl}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', Authorization: `Bearer ${TOKEN}`, 'X-Request-Id': 'e2e-logs-1' },
    body: JSON.stringify({ exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.001' }),
  })
  const body = (await response.json()) as { workflowId: string }
  expect(response.status).toBe(201)
  expect(response.headers.get('X-Request-Id')).toBe('e2e-logs-1')
  const { workflowId } = body

  await api.waitFor(/"msg":"request"/, { timeoutMs: 20_000 })
  const apiLines = jsonLines(api.stdout(), /^api ready: /)
  const mine = apiLines.filter((line) => line.requestId === 'e2e-logs-1')
  expect(mine.map((line) => line.audit ?? line.msg)).toEqual(['intent', 'outcome', 'request'])
  expect(mine[0]).toMatchObject({
    role: 'api',
    tokenName: 'default',
    workflowId,
    exchange: 'binance',
    symbol: 'BTC/USDT',
    side: 'buy',
    amount: '0.001',
  })
  expect(mine[1]).toMatchObject({ tokenName: 'default', workflowId, outcome: expect.any(String), status: 201 })
  expect(mine[2]).toMatchObject({ method: 'POST', path: '/api/orders', status: 201, tokenName: 'default', workflowId })
  expect(typeof mine[2].durationMs).toBe('number')

  await worker.waitFor(/"audit":"placement_outcome"/, { timeoutMs: 20_000 })
  const workerLines = jsonLines(worker.stdout(), /^worker ready: /)
  const placement = workerLines.filter((line) => line.workflowId === workflowId && line.audit)
  expect(placement.map((line) => line.audit)).toEqual(['placement', 'placement_outcome'])
  expect(placement[0]).toMatchObject({
    role: 'worker',
    exchange: 'binance',
    symbol: 'BTC/USDT',
    side: 'buy',
    amount: '0.001',
    activityType: 'placeOrder',
  })
  expect(placement[1]).toMatchObject({ status: expect.any(String), exchangeOrderId: expect.any(String) })

  for (const output of [api.stdout(), api.stderr(), worker.stdout(), worker.stderr()])
    expect(output).not.toContain(TOKEN)
})
