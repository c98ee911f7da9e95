// The API's direct reader against the real connectors (unmodified ccxt) and the simulator: a public read is served
// again within its cache age and fresh after it, identical reads in flight share one venue call, account reads are
// never cached, and a failed read is not served again.
import { afterAll, beforeAll, expect, it } from 'vitest'

import { createVenueReader } from '../../api/venue-reader.js'
import { createConnectorRegistry, loadExchangeSettings, type ConnectorRegistry } from '../../exchanges/registry.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'

let sim: TestSimulator
let registry: ConnectorRegistry

beforeAll(async () => {
  sim = await startTestSimulator()
  registry = createConnectorRegistry(
    { ...loadExchangeSettings({}), exchanges: ['binance'] },
    { simulatorUrls: sim.urls }
  )
})
afterAll(async () => {
  await registry.close()
  await sim.close()
})

it('serves a public read again within its age, shares reads in flight, and never caches account reads', async () => {
  let clock = 1_000_000
  const reader = createVenueReader(registry, { cacheMs: 250, now: () => clock })
  const bookOf = (price: string) =>
    sim.control.setBook('binance', 'ETH/USDT', { bids: [[price, '1']], asks: [['4000', '1']] })

  await bookOf('3000')
  const [a, b] = await Promise.all([
    reader.read<{ bids: [string, string][] }>('binance', { operation: 'orderbook', symbol: 'ETH/USDT', depth: 5 }),
    reader.read<{ bids: [string, string][] }>('binance', { operation: 'orderbook', symbol: 'ETH/USDT', depth: 5 }),
  ])
  expect(a).toBe(b)
  await bookOf('3100')
  clock += 100
  const cached = await reader.read<{ bids: [string, string][] }>('binance', {
    operation: 'orderbook',
    symbol: 'ETH/USDT',
    depth: 5,
  })
  expect(cached.bids[0]![0]).toBe('3000')
  clock += 200
  const fresh = await reader.read<{ bids: [string, string][] }>('binance', {
    operation: 'orderbook',
    symbol: 'ETH/USDT',
    depth: 5,
  })
  expect(fresh.bids[0]![0]).toBe('3100')

  await sim.control.credit('binance', 'DOGE', '5')
  const before = await reader.read<Record<string, unknown>>('binance', { operation: 'balances' })
  await sim.control.credit('binance', 'DOGE', '5')
  const after = await reader.read<Record<string, unknown>>('binance', { operation: 'balances' })
  expect(JSON.stringify(after)).not.toBe(JSON.stringify(before))
})

it('does not serve a failed read again', async () => {
  const reader = createVenueReader(registry, { cacheMs: 60_000 })
  await sim.control.setFaults('binance', { down: true })
  await expect(reader.read('binance', { operation: 'ticker', symbol: 'BTC/USDT' })).rejects.toThrow()
  await sim.control.clearFaults('binance')
  await expect(reader.read('binance', { operation: 'ticker', symbol: 'BTC/USDT' })).resolves.toMatchObject({
    symbol: 'BTC/USDT',
  })
})
