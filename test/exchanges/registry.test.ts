// Goal: the registry builds one long-lived connector per exchange from the settings, points demo exchanges at the
// simulator with its demo credentials, and fails clearly when a demo exchange has nowhere to go. Method: real
// settings and factories, and one call through each connector to the in-process simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ExchangeId } from '../../domain/types.js'
import type { ConnectorConfig } from '../../exchanges/config.js'
import { CONNECTOR_FACTORIES, createConnectorRegistry, loadExchangeSettings } from '../../exchanges/registry.js'
import { DEMO_CREDENTIALS } from '../../sim/credentials.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'

let sim: TestSimulator
const simulatorUrls = () => ({ binance: sim.urls.binance, coinbase: sim.urls.coinbase, kraken: sim.urls.kraken })

beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(async () => {
  await sim.close()
})

describe('createConnectorRegistry', () => {
  it('serves every exchange in demo mode against the simulator', async () => {
    const registry = createConnectorRegistry(loadExchangeSettings({}), { simulatorUrls: simulatorUrls() })
    try {
      expect(registry.demoMode).toEqual({ binance: true, coinbase: true, kraken: true })
      expect(registry.list().map((c) => c.id)).toEqual(['binance', 'coinbase', 'kraken'])
      expect(registry.get('kraken')).toBe(registry.get('kraken'))
      const tickers = await Promise.all(
        (['binance', 'coinbase', 'kraken'] as const).map((id) =>
          registry.get(id).getTicker(id === 'binance' ? 'BTC/USDT' : 'BTC/USD')
        )
      )
      expect(tickers.map((t) => t.exchange)).toEqual(['binance', 'coinbase', 'kraken'])
      expect(registry.list().every((c) => c.demo)).toBe(true)
    } finally {
      await registry.close()
    }
  })

  it('hands each factory the resolved config: simulator URL and demo credentials, or the env override', () => {
    const seen = new Map<ExchangeId, ConnectorConfig>()
    const recording = Object.fromEntries(
      (['binance', 'coinbase', 'kraken'] as const).map((id) => [
        id,
        (config: ConnectorConfig) => {
          seen.set(id, config)
          return CONNECTOR_FACTORIES[id](config)
        },
      ])
    )
    const settings = loadExchangeSettings({ KRAKEN_BASE_URL: 'http://127.0.0.1:1' })
    const registry = createConnectorRegistry(settings, { simulatorUrls: simulatorUrls(), factories: recording })
    expect(seen.get('binance')).toMatchObject({ ...DEMO_CREDENTIALS.binance, baseUrl: sim.urls.binance, demo: true })
    expect(seen.get('kraken')).toMatchObject({ baseUrl: 'http://127.0.0.1:1', demo: true })
    return registry.close()
  })

  it('refuses a demo exchange without a simulator URL, naming the way out', () => {
    expect(() =>
      createConnectorRegistry(loadExchangeSettings({}), { simulatorUrls: { binance: sim.urls.binance } })
    ).toThrow(
      /coinbase has no API keys \(demo mode\) but no simulator URL was given; set SIMULATOR_URL .*, COINBASE_BASE_URL or COINBASE_API_KEY/
    )
  })

  it('builds live connectors without a simulator when keys are set', async () => {
    const settings = loadExchangeSettings({ BINANCE_API_KEY: 'k', BINANCE_SECRET_KEY: 's' })
    const registry = createConnectorRegistry(settings, {
      simulatorUrls: { coinbase: sim.urls.coinbase, kraken: sim.urls.kraken },
    })
    expect(registry.demoMode.binance).toBe(false)
    expect(registry.get('binance').demo).toBe(false)
    await registry.close()
  })
})
