// The trading state and the risk limits survive a restart of `npm start`: set through the API, the process stopped
// with SIGTERM and started again on the same SQLite file, they are what the API reports and what the next order meets.
// Method: bin/start.ts as a real process (on the test's Temporal dev server, its own simulator ports and task queue).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, expect, it, inject } from 'vitest'

import { freePort } from '../../bin/temporal/dev-server.js'
import { writeWorkflowBundle } from '../../bin/worker.js'
import { demoEnv, startRole, type RoleProcess } from '../bin/role-process.js'

const dir = mkdtempSync(join(tmpdir(), 'risk-restart-'))
const started: RoleProcess[] = []
let env: NodeJS.ProcessEnv
let apiUrl: string

beforeAll(async () => {
  const [control, binance, coinbase, kraken, apiPort] = await Promise.all(Array.from({ length: 5 }, () => freePort()))
  await writeWorkflowBundle(join(dir, 'workflow-bundle.js'))
  apiUrl = `http://127.0.0.1:${apiPort}`
  env = demoEnv({
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `risk-restart-${Date.now()}`,
    DATABASE_PATH: join(dir, 'gateway.db'),
    WORKFLOW_BUNDLE: join(dir, 'workflow-bundle.js'),
    PORT: String(apiPort),
    SIM_PORT_CONTROL: String(control),
    SIM_PORT_BINANCE: String(binance),
    SIM_PORT_COINBASE: String(coinbase),
    SIM_PORT_KRAKEN: String(kraken),
  })
})

afterAll(() => {
  for (const role of started) role.child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

async function startPlatform(): Promise<RoleProcess> {
  const platform = startRole('bin/start.ts', env)
  started.push(platform)
  await platform.waitFor(/^Exchange gateway API: /m, { timeoutMs: 120_000 })
  return platform
}

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: await response.json() }
}

it('keeps the trading state and the limits across a restart of npm start', async () => {
  const first = await startPlatform()
  expect(
    (
      await call('PUT', '/api/risk/limits', {
        maxOrderNotional: '2500',
        maxOrderNotionalBySymbol: { 'ETH/USDT': '900' },
      })
    ).status
  ).toBe(200)
  expect((await call('PUT', '/api/trading-state', { state: 'REDUCING', reason: 'before the restart' })).status).toBe(
    200
  )
  expect(
    (await call('PUT', '/api/trading-state', { state: 'HALTED', reason: 'kraken incident', exchange: 'kraken' })).status
  ).toBe(200)
  first.child.kill('SIGTERM')
  expect((await first.exited).code).toBe(0)

  await startPlatform()
  const risk = (await call('GET', '/api/risk')).body
  expect(risk.limits).toMatchObject({ maxOrderNotional: '2500', maxOrderNotionalBySymbol: { 'ETH/USDT': '900' } })
  const states = JSON.stringify((await call('GET', '/api/trading-state')).body)
  expect(states).toMatch(/REDUCING/)
  expect(states).toMatch(/before the restart/)
  expect(states).toMatch(/kraken incident/)
  // the restored state bounds the next order: a buy is not a reduction
  const buy = await call('POST', '/api/orders', {
    exchange: 'binance',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'market',
    amount: '0.01',
  })
  expect(buy.status).toBe(422)
  expect(buy.body.error.code).toBe('risk_rejected')
})
