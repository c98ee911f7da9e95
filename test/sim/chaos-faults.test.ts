// The faults the chaos suite leans on: an accepted order whose answer is held (a client that dies in that window
// leaves an order it never heard about), and rate-limit refusals in each venue's own shape, which the connectors
// must read as a RateLimitError carrying the venue's Retry-After.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { AnyConnector } from '../../exchanges/connector.js'
import { RateLimitError } from '../../exchanges/errors.js'
import type { DialectFactory } from '../../sim/dialect.js'
import type { SimOrderParams } from '../../sim/engine/types.js'
import { faultConfigProblem } from '../../sim/faults.js'
import { binanceAgainst } from '../exchanges/binance/harness.js'
import { coinbaseAgainst } from '../exchanges/coinbase-harness.js'
import { krakenAgainst, startRoomySimulator } from '../exchanges/kraken-harness.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'

const orderDialect: DialectFactory = ({ engine, credentials }) => ({
  venue: engine.venue,
  handle(request) {
    if (request.method === 'POST' && request.path === '/order') {
      const order = engine.placeOrder(credentials[0]!.apiKey, JSON.parse(request.body) as SimOrderParams)
      return { status: 200, body: { id: order.id, status: order.status } }
    }
    return { status: 200, body: { path: request.path } }
  },
  unavailable: (kind) => ({ status: 503, body: { venueSays: kind } }),
  isOrderPlacement: (request) => request.method === 'POST' && request.path === '/order',
})

describe('holdOrderResponsesMs', () => {
  let sim: TestSimulator
  beforeAll(async () => {
    sim = await startTestSimulator({ dialects: { binance: orderDialect } })
    await sim.control.setBook('binance', 'BTC/USDT', { bids: [['63990', '1']], asks: [['64010', '1']] })
  })
  afterAll(() => sim.close())
  beforeEach(() => sim.control.clearFaults())

  const placeOrder = (clientOrderId: string) =>
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

  it('puts the order in the book at once and answers only after the hold', async () => {
    await sim.control.setFaults('binance', { holdOrderResponsesMs: 800 })
    const started = Date.now()
    let answeredAt: number | undefined
    const answer = placeOrder('held-1').then((response) => {
      answeredAt = Date.now()
      return response
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    // Inside the hold: accepted by the venue, not yet answered.
    expect(answeredAt).toBeUndefined()
    const received = await sim.control.receivedOrders('binance', { clientOrderId: 'held-1' })
    expect(received).toHaveLength(1)
    expect(received[0]).toMatchObject({ status: 'new', price: '60000' })
    const response = await answer
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'new' })
    expect(answeredAt! - started).toBeGreaterThanOrEqual(750)
  })

  it('holds only order placements, and stops once cleared', async () => {
    await sim.control.setFaults('binance', { holdOrderResponsesMs: 5_000 })
    const read = await fetch(`${sim.urls.binance}/x`, { signal: AbortSignal.timeout(1_000) })
    expect(read.status).toBe(200)
    await expect(placeOrder('held-2').then((r) => r.status)).resolves.toBe(200)
    await sim.control.setFaults('binance', { holdOrderResponsesMs: 0 })
    const started = Date.now()
    expect((await placeOrder('held-3')).status).toBe(200)
    expect(Date.now() - started).toBeLessThan(1_000)
  }, 15_000)

  it('is validated like the other faults', () => {
    expect(faultConfigProblem({ holdOrderResponsesMs: 1500 })).toBeUndefined()
    expect(faultConfigProblem({ holdOrderResponsesMs: -1 })).toBe('holdOrderResponsesMs must be a non-negative number')
    expect(faultConfigProblem({ rateLimitRate: 1.5 })).toBe('rateLimitRate must be between 0 and 1')
    expect(faultConfigProblem({ rateLimitRate: 0.2, retryAfterSeconds: 2 })).toBeUndefined()
  })
})

describe('rateLimitRate', () => {
  let sim: TestSimulator
  const connectors: AnyConnector[] = []
  beforeAll(async () => {
    sim = await startRoomySimulator()
    connectors.push(binanceAgainst(sim), coinbaseAgainst(sim), krakenAgainst(sim))
    for (const connector of connectors) await connector.initialize()
  })
  afterAll(async () => {
    for (const connector of connectors) await connector.close()
    await sim.close()
  })
  beforeEach(() => sim.control.clearFaults())

  it('answers 429 with the configured Retry-After in the venue body (Binance, Coinbase)', async () => {
    await sim.control.setFaults('binance', { rateLimitRate: 1, retryAfterSeconds: 3 })
    await sim.control.setFaults('coinbase', { rateLimitRate: 1, retryAfterSeconds: 3 })
    const binance = await fetch(`${sim.urls.binance}/api/v3/depth?symbol=BTCUSDT&limit=5`)
    expect([binance.status, binance.headers.get('retry-after')]).toEqual([429, '3'])
    expect(await binance.json()).toMatchObject({ code: -1003 })
    const coinbase = await fetch(`${sim.urls.coinbase}/products/BTC-USD/book?level=1`)
    expect([coinbase.status, coinbase.headers.get('retry-after')]).toEqual([429, '3'])
    expect(await coinbase.json()).toEqual({ message: 'Public rate limit exceeded' })
  })

  it("answers Kraken's own rate-limit error (a 200 body, no Retry-After)", async () => {
    await sim.control.setFaults('kraken', { rateLimitRate: 1 })
    const kraken = await fetch(`${sim.urls.kraken}/0/public/Time`)
    expect(kraken.status).toBe(200)
    expect(await kraken.json()).toMatchObject({ error: ['EAPI:Rate limit exceeded'] })
  })

  it('reaches the connectors as a RateLimitError, and clears', async () => {
    for (const connector of connectors) {
      await sim.control.setFaults(connector.id, { rateLimitRate: 1, retryAfterSeconds: 2 })
      const refused = await connector.getBalances().then(
        () => undefined,
        (error: unknown) => error
      )
      expect(refused, connector.id).toBeInstanceOf(RateLimitError)
      if (connector.id !== 'kraken') expect((refused as RateLimitError).retryAfterMs, connector.id).toBe(2_000)
      await sim.control.clearFaults(connector.id)
      await expect(connector.getBalances()).resolves.toBeDefined()
    }
  }, 30_000)

  it('refuses about the configured share of requests', async () => {
    await sim.control.setFaults('coinbase', { rateLimitRate: 0.5 })
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => fetch(`${sim.urls.coinbase}/time`).then((r) => r.status))
    )
    const refused = statuses.filter((status) => status === 429).length
    expect(refused).toBeGreaterThan(5)
    expect(refused).toBeLessThan(35)
  })
})
