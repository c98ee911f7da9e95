// Goal: the api and worker roles run in their own processes against a simulator that runs elsewhere: they refuse
// demo mode without SIMULATOR_URL (exit 1, naming the variable), and SIMULATOR_URL gives connectors that really
// trade on that simulator. Method: the role entry points spawned as real processes; the SIMULATOR_URL path
// (GET /venues -> registry) against the real simulator over HTTP, with an order placed through each connector.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { EXCHANGE_IDS, type ExchangeId } from '../../domain/types.js'
import { createConnectorRegistry, loadExchangeSettings } from '../../exchanges/registry.js'
import { fetchSimulatorUrls, requireSimulatorUrl } from '../../bin/simulator-venues.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'
import { demoEnv, startRole } from './role-process.js'

const SYMBOL: Record<ExchangeId, string> = { binance: 'BTC/USDT', coinbase: 'BTC/USD', kraken: 'BTC/USD' }

let sim: TestSimulator
let dir: string

beforeAll(async () => {
  sim = await startTestSimulator()
  dir = mkdtempSync(join(tmpdir(), 'roles-test-'))
})
afterAll(async () => {
  await sim?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function runRole(
  entry: string,
  env: NodeJS.ProcessEnv
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const role = startRole(entry, env)
  const timer = setTimeout(() => role.child.kill('SIGKILL'), 30_000)
  const { code } = await role.exited
  clearTimeout(timer)
  return { code, stdout: role.stdout(), stderr: role.stderr() }
}

describe.concurrent('a role in demo mode without SIMULATOR_URL', () => {
  // TEMPORAL_ADDRESS points nowhere: the role must fail on the missing setting before it tries to connect.
  const env = () => demoEnv({ TEMPORAL_ADDRESS: '127.0.0.1:1', DATABASE_PATH: join(dir, 'gateway.db'), PORT: '0' })

  it.each(['bin/worker-main.ts', 'bin/api-main.ts'])(
    '%s exits 1 and says to set SIMULATOR_URL or API keys',
    async (entry) => {
      const { code, stdout, stderr } = await runRole(entry, env())
      expect(code).toBe(1)
      expect(stderr).toMatch(
        /could not start: binance, coinbase, kraken have no API keys \(demo mode\) and SIMULATOR_URL is not set/
      )
      expect(stderr).toMatch(/BINANCE_API_KEY\/BINANCE_SECRET_KEY/)
      expect(stdout).not.toMatch(/ready:/)
    }
  )

  it('bin/worker-main.ts exits 1 naming the simulator it cannot reach', async () => {
    const { code, stderr } = await runRole('bin/worker-main.ts', { ...env(), SIMULATOR_URL: 'http://127.0.0.1:1' })
    expect(code).toBe(1)
    expect(stderr).toMatch(/could not read the venues of the simulator at SIMULATOR_URL=http:\/\/127\.0\.0\.1:1/)
  })
})

it('bin/worker-main.ts exits 1 when WORKFLOW_BUNDLE names no file', async () => {
  const env = demoEnv({
    SIMULATOR_URL: sim.urls.control,
    WORKFLOW_BUNDLE: join(dir, 'missing.js'),
    DATABASE_PATH: join(dir, 'gateway.db'),
  })
  const { code, stderr } = await runRole('bin/worker-main.ts', env)
  expect(code).toBe(1)
  expect(stderr).toMatch(/WORKFLOW_BUNDLE=.*missing\.js does not exist \(build it with npm run worker:bundle\)/)
})

describe('SIMULATOR_URL', () => {
  it('is required only by exchanges that trade on the simulator', () => {
    expect(() => requireSimulatorUrl(loadExchangeSettings({}))).toThrow(/SIMULATOR_URL is not set/)
    const overridden = loadExchangeSettings({
      BINANCE_BASE_URL: 'http://127.0.0.1:1',
      COINBASE_BASE_URL: 'http://127.0.0.1:2',
      KRAKEN_BASE_URL: 'http://127.0.0.1:3',
    })
    expect(requireSimulatorUrl(overridden)).toBeUndefined()
  })

  it('gives connectors that trade on the simulator it names, with its demo credentials', async () => {
    const settings = loadExchangeSettings({ SIMULATOR_URL: `${sim.urls.control}/` })
    const simulatorUrls = await fetchSimulatorUrls(settings)
    expect(simulatorUrls).toEqual({ binance: sim.urls.binance, coinbase: sim.urls.coinbase, kraken: sim.urls.kraken })

    const registry = createConnectorRegistry(settings, { simulatorUrls })
    try {
      for (const id of EXCHANGE_IDS) {
        const clientOrderId = randomUUID()
        const order = await registry
          .get(id)
          .placeOrder({ symbol: SYMBOL[id], side: 'buy', type: 'market', amount: '0.01', clientOrderId })
        expect(order).toMatchObject({ exchange: id, clientOrderId, filled: '0.01' })
        const atVenue = await sim.control.receivedOrders(id, { clientOrderId })
        expect(atVenue).toHaveLength(1)
        expect(atVenue[0]!.status).toBe('filled')
      }
    } finally {
      await registry.close()
    }
  })
})
