// The HTTP server around the dialects: compact JSON answers, errors from a broken dialect, and each fault the
// control API can inject (latency, 5xx, maintenance, hung requests, and orders executed without an answer).
// A tiny dialect of our own keeps these tests about the server, not about any venue's wire format.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { DialectFactory } from '../../sim/dialect.js'
import type { SimOrderParams } from '../../sim/engine/types.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'

const echoDialect: DialectFactory = ({ engine, credentials }) => ({
  venue: engine.venue,
  handle(request) {
    if (request.path === '/text') return { status: 200, body: '{"already":"serialised"}' }
    if (request.path === '/boom') throw new Error('dialect bug')
    if (request.method === 'POST' && request.path === '/order') {
      const order = engine.placeOrder(credentials[0]!.apiKey, JSON.parse(request.body) as SimOrderParams)
      return { status: 200, body: { id: order.id, status: order.status } }
    }
    return {
      status: 200,
      body: { path: request.path, query: request.query, target: request.target, body: request.body },
    }
  },
  unavailable: (kind) => ({ status: kind === 'maintenance' ? 503 : 500, body: { venueSays: kind } }),
  isOrderPlacement: (request) => request.method === 'POST' && request.path === '/order',
})

describe('simulator server', () => {
  let sim: TestSimulator
  beforeAll(async () => {
    sim = await startTestSimulator({ dialects: { binance: echoDialect } })
  })
  afterAll(() => sim.close())
  beforeEach(() => sim.control.clearFaults())

  it('passes the raw target, query and body to the dialect and answers compact JSON', async () => {
    const response = await fetch(`${sim.urls.binance}/api/x?b=2&a=1`, { method: 'POST', body: 'k=v&x=%20' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    const text = await response.text()
    expect(text).toBe('{"path":"/api/x","query":"b=2&a=1","target":"/api/x?b=2&a=1","body":"k=v&x=%20"}')
  })

  it('sends string bodies as they are', async () => {
    expect(await (await fetch(`${sim.urls.binance}/text`)).text()).toBe('{"already":"serialised"}')
  })

  it('answers 500 with a JSON error when the dialect throws', async () => {
    const response = await fetch(`${sim.urls.binance}/boom`)
    expect(response.status).toBe(500)
    expect(await response.json()).toMatchObject({ error: 'internal', message: 'dialect bug' })
  })

  it('answers with the venue maintenance body while down, and the 5xx body at errorRate 1', async () => {
    await sim.control.setFaults('binance', { down: true })
    const down = await fetch(`${sim.urls.binance}/anything`)
    expect([down.status, await down.json()]).toEqual([503, { venueSays: 'maintenance' }])
    await sim.control.setFaults('binance', { down: false, errorRate: 1 })
    const failing = await fetch(`${sim.urls.binance}/anything`)
    expect([failing.status, await failing.json()]).toEqual([500, { venueSays: 'server-error' }])
    await sim.control.clearFaults('binance')
    expect((await fetch(`${sim.urls.binance}/anything`)).status).toBe(200)
  })

  it('fails about the configured share of requests', async () => {
    await sim.control.setFaults('binance', { errorRate: 0.5 })
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => fetch(`${sim.urls.binance}/x`).then((r) => r.status))
    )
    const failed = statuses.filter((status) => status === 500).length
    expect(failed).toBeGreaterThan(5)
    expect(failed).toBeLessThan(35)
  })

  it('holds requests without answering under timeoutRate 1', async () => {
    await sim.control.setFaults('binance', { timeoutRate: 1 })
    await expect(fetch(`${sim.urls.binance}/x`, { signal: AbortSignal.timeout(300) })).rejects.toThrow()
  })

  it('delays answers by latencyMs', async () => {
    await sim.control.setFaults('binance', { latencyMs: 5_000 })
    // A client that waits far less than the injected latency gives up; the fault is what it waited for.
    await expect(fetch(`${sim.urls.binance}/x`, { signal: AbortSignal.timeout(250) })).rejects.toThrow()
    await sim.control.setFaults('binance', { latencyMs: 0 })
    expect((await fetch(`${sim.urls.binance}/x`)).status).toBe(200)
  })

  it('executes a placement but drops its response, only for the next N placements', async () => {
    await sim.control.setBook('binance', 'BTC/USDT', { bids: [['63990', '1']], asks: [['64010', '1']] })
    await sim.control.setFaults('binance', { dropOrderResponses: 1 })
    const order = (clientOrderId: string) =>
      fetch(`${sim.urls.binance}/order`, {
        method: 'POST',
        body: JSON.stringify({
          symbol: 'BTC/USDT',
          side: 'buy',
          type: 'limit',
          amount: '0.01',
          price: '60000',
          clientOrderId,
        }),
      })
    // Only order placements are affected.
    expect((await fetch(`${sim.urls.binance}/x`)).status).toBe(200)
    await expect(order('dropped-1')).rejects.toThrow()
    const received = await sim.control.receivedOrders('binance', { clientOrderId: 'dropped-1' })
    expect(received).toHaveLength(1)
    expect(received[0]).toMatchObject({ status: 'new', price: '60000' })
    expect((await sim.control.setFaults('binance', {})).dropOrderResponses).toBeUndefined()

    const answered = await order('answered-1')
    expect(answered.status).toBe(200)
    expect(await answered.json()).toMatchObject({ status: 'new' })
  })
})

describe('default dialects', () => {
  let sim: TestSimulator
  beforeAll(async () => {
    sim = await startTestSimulator()
  })
  afterAll(() => sim.close())

  it('serve each venue on its own port', async () => {
    const binance = await fetch(`${sim.urls.binance}/api/v3/depth?symbol=BTCUSDT&limit=5`)
    expect(binance.status).toBe(200)
    const book = (await binance.json()) as { bids: unknown[] }
    expect(book.bids).toHaveLength(5)
    expect((await fetch(`${sim.urls.coinbase}/products/BTC-USD/book?level=1`)).status).toBe(200)
    expect((await fetch(`${sim.urls.kraken}/0/public/Time`)).status).toBe(200)
    expect(new Set(Object.values(sim.urls)).size).toBe(4)
  })

  it('opens every demo account with the demo balances', () => {
    for (const venue of ['binance', 'coinbase', 'kraken'] as const) {
      expect(sim.engines[venue].balances(sim.credentials[venue].apiKey)).toMatchObject({
        BTC: { free: '10' },
        ETH: { free: '200' },
        SOL: { free: '2000' },
        USDT: { free: '1000000' },
        USD: { free: '1000000' },
      })
    }
  })
})
