// Goal: the platform runs as separate processes exactly as the README shows: npm run temporal, npm run sim, a worker
// and an API, each configured by the environment and announcing itself with its ready line; an order placed through
// the API fills at the simulator (the worker loading a pre-built workflow bundle); the Temporal server, SIGKILLed
// (the pid its ready line gives) and started again on its file, keeps that order's history and serves the next one
// through the same worker and API; SIGTERM stops each role cleanly, and a SIGKILLed temporal role takes its server
// with it. Method: every role a real process (`node --import tsx bin/<role>`), the real Temporal CLI.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, expect, it } from 'vitest'

import { freePort } from '../../bin/temporal/dev-server.js'
import { writeWorkflowBundle } from '../../bin/worker.js'
import { createControlClient } from '../support/simulator.js'
import { demoEnv, startRole, type RoleProcess } from './role-process.js'

const dir = mkdtempSync(join(tmpdir(), 'roles-e2e-'))
const started: RoleProcess[] = []
afterAll(async () => {
  for (const role of started) role.child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

function role(entry: string, env: NodeJS.ProcessEnv): RoleProcess {
  const process = startRole(entry, env)
  started.push(process)
  return process
}

async function postOrder(apiUrl: string, amount: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${apiUrl}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount }),
  })
  return { status: response.status, body: await response.json() }
}

it('runs temporal, sim, worker and api as separate processes and survives a SIGKILL of the Temporal server', async () => {
  const [temporalPort, control, binance, coinbase, kraken, apiPort] = await Promise.all(
    Array.from({ length: 6 }, () => freePort())
  )
  const temporalEnv = demoEnv({
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: '0',
    TEMPORAL_DB_FILE: join(dir, 'temporal.db'),
  })
  const simEnv = demoEnv({
    SIM_PORT_CONTROL: String(control),
    SIM_PORT_BINANCE: String(binance),
    SIM_PORT_COINBASE: String(coinbase),
    SIM_PORT_KRAKEN: String(kraken),
  })
  let temporal = role('bin/temporal-main.ts', temporalEnv)
  const sim = role('bin/sim.ts', simEnv)
  const [, address, cliPid] = await temporal.waitFor(/^temporal ready: (\S+) \(pid (\d+)\)$/m, { timeoutMs: 120_000 })
  expect(address).toBe(`127.0.0.1:${temporalPort}`)
  await sim.waitFor(new RegExp(`^sim ready: http://127\\.0\\.0\\.1:${control} \\(pid ${sim.child.pid}\\)$`, 'm'))

  // Built once, as `npm run worker:bundle` does: the worker then starts without bundling.
  await writeWorkflowBundle(join(dir, 'workflow-bundle.js'))
  const env = demoEnv({
    WORKFLOW_BUNDLE: join(dir, 'workflow-bundle.js'),
    TEMPORAL_ADDRESS: address!,
    SIMULATOR_URL: `http://127.0.0.1:${control}`,
    DATABASE_PATH: join(dir, 'gateway.db'),
    PORT: String(apiPort),
  })
  const worker = role('bin/worker-main.ts', env)
  const api = role('bin/api-main.ts', env)
  await worker.waitFor(new RegExp(`^worker ready: task queue exchange-gateway \\(pid ${worker.child.pid}\\)$`, 'm'), {
    timeoutMs: 120_000,
  })
  expect(worker.stdout()).toContain(`binance (simulator http://127.0.0.1:${binance})`)
  // Logged as a JSON warning on stdout since issue 9 (structured logs); stderr too in case a role prints it plainly.
  expect(worker.stdout() + worker.stderr()).not.toMatch(/reconciliation schedule not set up/)
  const [, apiUrl] = await api.waitFor(/^api ready: (\S+) \(pid \d+\)$/m, { timeoutMs: 120_000 })
  expect(apiUrl).toBe(`http://127.0.0.1:${apiPort}`)

  await createControlClient(`http://127.0.0.1:${control}`).setBook('binance', 'BTC/USDT', {
    bids: [['64000', '5']],
    asks: [['64010', '5']],
  })
  const first = await postOrder(apiUrl!, '0.01')
  expect(first.status, JSON.stringify(first.body)).toBe(201)
  expect(first.body).toMatchObject({ outcome: 'placed', order: { status: 'closed', filled: '0.01', average: '64010' } })

  // The pid in the ready line is the server itself: killing it kills Temporal, and the wrapper exits 1.
  process.kill(Number(cliPid), 'SIGKILL')
  expect(await temporal.exited).toEqual({ code: 1, signal: null })
  expect(temporal.stderr()).toMatch(/temporal exited: SIGKILL/)
  temporal = role('bin/temporal-main.ts', temporalEnv)
  await temporal.waitFor(/^temporal ready: /m, { timeoutMs: 120_000 })

  const again = await fetch(`${apiUrl}/api/orders/${first.body.workflowId}`)
  expect(again.status).toBe(200)
  expect(((await again.json()) as { order: unknown }).order).toEqual(first.body.order)
  const second = await postOrder(apiUrl!, '0.02')
  expect(second.status, JSON.stringify(second.body)).toBe(201)
  expect(second.body).toMatchObject({ outcome: 'placed', order: { filled: '0.02' } })

  for (const clean of [worker, api, sim]) {
    clean.child.kill('SIGTERM')
    expect(await clean.exited).toEqual({ code: 0, signal: null })
  }
  expect(worker.stdout()).toMatch(/worker stopped\./)

  // A SIGKILLed role leaves no orphan server behind holding the port and the file.
  const [, serverPid] = temporal.stdout().match(/^temporal ready: \S+ \(pid (\d+)\)$/m)!
  temporal.child.kill('SIGKILL')
  await expect.poll(() => isRunning(Number(serverPid)), { timeout: 10_000 }).toBe(false)
}, 300_000)

/** False once the process is gone or a zombie (killed, not yet reaped by whoever adopted it). */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}
