// The REST API end to end on real parts: reads a person waits for go Hono -> connectors (ccxt) -> simulator with no
// workflow; orders and strategies go Hono -> Temporal -> activities -> ccxt -> simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestStack, type TestStack } from '../support/stack.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack()
  await stack.sim.control.setBook('kraken', 'BTC/USD', {
    bids: [
      ['63990', '1.5'],
      ['63980', '2'],
    ],
    asks: [['64010', '0.7']],
  })
})
afterAll(async () => stack?.close())

describe('market data and account endpoints', () => {
  it('lists the exchanges with their status, demo flag and features', async () => {
    const { status, body } = await stack.request('GET', '/api/exchanges')
    expect(status).toBe(200)
    expect(body.exchanges.map((e: any) => [e.id, e.demo, e.status])).toEqual([
      ['binance', true, 'ok'],
      ['coinbase', true, 'ok'],
      ['kraken', true, 'ok'],
    ])
    expect(body.exchanges[0].features.markets).toEqual(['spot', 'futures-usdm'])
    expect(body.exchanges[2].features).toMatchObject({ markets: ['spot', 'margin'], conditionalOrders: true })
  })

  it('serves the book a venue holds, with symbols written BTC-USD or BTC%2FUSD', async () => {
    for (const path of ['/api/orderbook/kraken/BTC-USD?depth=5', '/api/orderbook/kraken/BTC%2FUSD?depth=5']) {
      const { status, body } = await stack.request('GET', path)
      expect(status).toBe(200)
      expect(body).toMatchObject({
        exchange: 'kraken',
        symbol: 'BTC/USD',
        bids: [
          ['63990', '1.5'],
          ['63980', '2'],
        ],
        asks: [['64010', '0.7']],
      })
    }
  })

  it('serves ticker, trades, klines and balances for each exchange', async () => {
    for (const exchange of ['binance', 'coinbase', 'kraken']) {
      const ticker = await stack.request('GET', `/api/ticker/${exchange}/BTC-USDT`)
      expect(ticker.status, exchange).toBe(200)
      expect(ticker.body).toMatchObject({
        exchange,
        symbol: 'BTC/USDT',
        bid: expect.any(String),
        ask: expect.any(String),
      })
      const klines = await stack.request('GET', `/api/klines/${exchange}/BTC-USDT?timeframe=1h&limit=5`)
      expect(klines.status, exchange).toBe(200)
      expect(klines.body.klines.length).toBeGreaterThan(0)
      expect(klines.body.klines[0]).toMatchObject({ open: expect.any(String), close: expect.any(String) })
      const trades = await stack.request('GET', `/api/trades/${exchange}/BTC-USDT?limit=10`)
      expect(trades.status, exchange).toBe(200)
      expect(Array.isArray(trades.body.trades)).toBe(true)
      const balances = await stack.request('GET', `/api/balances/${exchange}`)
      expect(balances.status, exchange).toBe(200)
      expect(balances.body.balances.USDT).toEqual({ free: '1000000', locked: '0', total: '1000000' })
    }
  })

  it('reports a venue health with latency and metrics', async () => {
    const { status, body } = await stack.request('GET', '/api/exchanges/binance/health')
    expect(status).toBe(200)
    expect(body).toMatchObject({ exchange: 'binance', connected: true, status: 'healthy' })
    expect(body.metrics).toMatchObject({ exchange: 'binance', calls: expect.any(Number) })
  })

  it('answers 404 naming an unknown exchange or symbol, and 400 for a malformed one', async () => {
    const exchange = await stack.request('GET', '/api/ticker/nasdaq/BTC-USDT')
    expect(exchange.status).toBe(404)
    expect(exchange.body.error.message).toMatch(/nasdaq/)
    const symbol = await stack.request('GET', '/api/ticker/binance/DOGE-EUR')
    expect(symbol.status).toBe(404)
    expect(symbol.body.error.message).toMatch(/DOGE\/EUR/)
    const malformed = await stack.request('GET', '/api/ticker/binance/not_a_symbol')
    expect(malformed.status).toBe(400)
  })

  it('answers 503 when the venue is down', async () => {
    await stack.sim.control.setFaults('coinbase', { down: true })
    try {
      const { status, body } = await stack.request('GET', '/api/ticker/coinbase/BTC-USD')
      expect(status).toBe(503)
      expect(body.error.code).toBe('venue_unavailable')
    } finally {
      await stack.sim.control.clearFaults('coinbase')
    }
  })

  it('answers market data, balances and /health without starting a workflow', async () => {
    const readWorkflows = async () => {
      let n = 0
      for await (const _ of stack.client.workflow.list({
        query: `TaskQueue = '${stack.taskQueue}' AND WorkflowType = 'exchangeReadWorkflow'`,
      }))
        n++
      return n
    }
    const before = await readWorkflows()
    for (const path of [
      '/api/ticker/binance/BTC-USDT',
      '/api/orderbook/kraken/BTC-USD?depth=5',
      '/api/balances/coinbase',
      '/health',
    ]) {
      expect((await stack.request('GET', path)).status).toBe(200)
    }
    // visibility is eventually consistent: give a started workflow time to show before counting none
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(await readWorkflows()).toBe(before)
  })

  it('GET /health reports the API, Temporal with its workers, the database and each venue', async () => {
    const { status, body } = await stack.request('GET', '/health')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      status: 'ok',
      api: { status: 'ok' },
      temporal: { status: 'ok' },
      database: { status: 'ok' },
    })
    expect(body.worker).toMatchObject({ status: 'ok', pollers: [expect.any(String)] })
    expect(Object.keys(body.venues)).toEqual(['binance', 'coinbase', 'kraken'])
    for (const venue of Object.values(body.venues) as any[])
      expect(venue).toMatchObject({ demo: true, connected: true })
  })
})
