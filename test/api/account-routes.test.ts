// The account routes end to end. Goal: a desk reads its futures and margin positions, sets a perpetual's leverage,
// reads its permissions and fees, its funding records and its fills through the API, and each answer is what the
// venue holds; bad input is refused with a 4xx naming the field before anything reaches a venue or Temporal. Method:
// the platform on real parts (simulator, unmodified ccxt connectors, Temporal dev server and a worker, SQLite); the
// positions are opened through the connectors directly, and the venue's own state (the simulator's engines) is the
// truth each answer is compared with. Every answer is also checked against the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildOpenApiDocument } from '../../api/openapi/index.js'
import type { ExchangeId } from '../../domain/types.js'
import type { AnyConnector, BinanceConnector, KrakenConnector } from '../../exchanges/connector.js'
import { createContract } from '../support/openapi-contract.js'
import { startTestStack, type TestStack } from '../support/stack.js'

type Json = Record<string, any>

const contract = createContract(buildOpenApiDocument())
let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack()
  await stack.sim.control.setBook('binance', 'BTC/USDT:USDT', { bids: [['64000', '5']], asks: [['64010.5', '5']] })
  await stack.sim.control.setBook('binance', 'ETH/USDT:USDT', { bids: [['3200', '50']], asks: [['3200.5', '50']] })
  await stack.sim.control.setBook('kraken', 'BTC/USD', { bids: [['63990', '5']], asks: [['64010', '5']] })
})
afterAll(async () => stack?.close())

/** Calls the app and checks the answer against the OpenAPI document. */
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const answer = await stack.request(method, path, body)
  // Every answer of these routes is JSON (stack.request parses it as such).
  const problems = contract.problems({ method, path, contentType: 'application/json', ...answer })
  expect(problems, `${method} ${path}`).toEqual([])
  return answer
}

function connector<T extends AnyConnector>(exchange: ExchangeId): T {
  return stack.registry.get(exchange) as T
}

const ownerOf = (exchange: ExchangeId) => stack.sim.credentials[exchange].apiKey

describe('GET /api/positions/:exchange', () => {
  it('reads a Binance USD-M position as the venue holds it, with its leverage and liquidation price', async () => {
    const binance = connector<BinanceConnector>('binance')
    await binance.placeFuturesOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'market', amount: '0.01' })
    const venue = (await stack.sim.control.positions('binance')).find((p) => p.symbol === 'BTC/USDT:USDT')!

    const { status, body } = await call('GET', '/api/positions/binance')
    expect(status).toBe(200)
    expect(body).toMatchObject({ exchange: 'binance', demo: true, kind: 'futures' })
    expect(body.positions).toEqual([
      {
        symbol: 'BTC/USDT:USDT',
        side: 'long',
        amount: '0.01',
        entryPrice: '64010.5',
        // the account's default leverage at the simulator
        leverage: 20,
        unrealizedPnl: venue.unrealizedPnl,
        liquidationPrice: venue.liquidationPrice,
      },
    ])
    expect(venue).toMatchObject({ entryPrice: '64010.5', leverage: 20 })
  })

  it('reads a Kraken margin position, which has no liquidation price', async () => {
    const kraken = connector<KrakenConnector>('kraken')
    await kraken.placeMarginOrder({ symbol: 'BTC/USD', side: 'buy', type: 'market', amount: '0.1', leverage: 3 })

    const { status, body } = await call('GET', '/api/positions/kraken')
    expect(status).toBe(200)
    expect(body).toMatchObject({ exchange: 'kraken', demo: true, kind: 'margin' })
    expect(body.positions).toEqual([
      {
        symbol: 'BTC/USD',
        side: 'long',
        amount: '0.1',
        entryPrice: '64010',
        leverage: 3,
        unrealizedPnl: expect.any(String),
      },
    ])
    const venue = await stack.sim.control.positions('kraken')
    expect(venue).toEqual([expect.objectContaining({ symbol: 'BTC/USD', side: 'long', amount: '0.1', leverage: 3 })])
  })

  it('answers Coinbase, which trades spot only, with no positions and a note saying why', async () => {
    const { status, body } = await call('GET', '/api/positions/coinbase')
    expect(status).toBe(200)
    expect(body).toEqual({
      exchange: 'coinbase',
      demo: true,
      kind: 'none',
      positions: [],
      note: expect.stringContaining('spot only'),
    })
  })

  it('answers 404 for an unknown exchange and 503 while the venue is down', async () => {
    expect((await call('GET', '/api/positions/nasdaq')).body.error.code).toBe('unknown_exchange')
    await stack.sim.control.setFaults('binance', { down: true })
    try {
      const { status, body } = await call('GET', '/api/positions/binance')
      expect(status).toBe(503)
      expect(body.error).toMatchObject({ code: 'venue_unavailable', exchange: 'binance' })
    } finally {
      await stack.sim.control.clearFaults('binance')
    }
  })
})

describe('PUT /api/leverage/:exchange/:symbol', () => {
  it('sets the leverage at the venue through a workflow, which later positions of that market use', async () => {
    const { status, body } = await call('PUT', '/api/leverage/binance/ETH-USDT-USDT', { leverage: 5 })
    expect(status).toBe(200)
    expect(body).toEqual({
      exchange: 'binance',
      symbol: 'ETH/USDT:USDT',
      leverage: 5,
      workflowId: expect.stringMatching(/^leverage-binance-/),
    })
    expect(stack.sim.engines.binance.leverage(ownerOf('binance'), 'ETH/USDT:USDT')).toBe(5)
    // The change is a run in Temporal, as the UI shows it.
    const run = await stack.client.workflow.getHandle(body.workflowId).describe()
    expect(run.type).toBe('setLeverageWorkflow')
    expect(run.status.name).toBe('COMPLETED')
    expect(run.searchAttributes).toMatchObject({ Strategy: ['leverage'], Symbol: ['ETH/USDT:USDT'] })

    await connector<BinanceConnector>('binance').placeFuturesOrder({
      symbol: 'ETH/USDT:USDT',
      side: 'sell',
      type: 'market',
      amount: '1',
    })
    const venue = (await stack.sim.control.positions('binance')).find((p) => p.symbol === 'ETH/USDT:USDT')
    expect(venue).toMatchObject({ side: 'short', amount: '1', leverage: 5 })
    const positions = (await call('GET', '/api/positions/binance')).body.positions as Json[]
    expect(positions.find((p) => p.symbol === 'ETH/USDT:USDT')).toMatchObject({
      side: 'short',
      amount: '1',
      entryPrice: '3200',
      leverage: 5,
      liquidationPrice: venue!.liquidationPrice,
    })
  })

  it('sets the same leverage again without harm, and back to the default', async () => {
    expect((await call('PUT', '/api/leverage/binance/ETH-USDT-USDT', { leverage: 5 })).body.leverage).toBe(5)
    const back = await call('PUT', '/api/leverage/binance/ETH%2FUSDT%3AUSDT', { leverage: 20 })
    expect(back.status).toBe(200)
    expect(stack.sim.engines.binance.leverage(ownerOf('binance'), 'ETH/USDT:USDT')).toBe(20)
  })

  it('refuses, naming the field, what the venue cannot take, before any run starts', async () => {
    const before = stack.sim.engines.binance.leverage(ownerOf('binance'), 'BTC/USDT:USDT')
    const refusals: [string, unknown, number, string, string | undefined][] = [
      // past the market's own maximum (its leverage bracket: 125x at the simulator)
      ['/api/leverage/binance/BTC-USDT-USDT', { leverage: 126 }, 400, 'validation_error', 'leverage'],
      ['/api/leverage/binance/BTC-USDT-USDT', { leverage: 0 }, 400, 'validation_error', 'leverage'],
      ['/api/leverage/binance/BTC-USDT-USDT', { leverage: 2.5 }, 400, 'validation_error', 'leverage'],
      ['/api/leverage/binance/BTC-USDT-USDT', { leverage: '5' }, 400, 'validation_error', 'leverage'],
      ['/api/leverage/binance/BTC-USDT-USDT', {}, 400, 'validation_error', 'leverage'],
      ['/api/leverage/binance/BTC-USDT-USDT', { leverage: 5, margin: 'cross' }, 400, 'validation_error', undefined],
      ['/api/leverage/binance/BTC-USDT', { leverage: 5 }, 400, 'validation_error', 'symbol'],
      ['/api/leverage/binance/not_a_symbol', { leverage: 5 }, 400, 'validation_error', 'symbol'],
      ['/api/leverage/kraken/BTC-USD', { leverage: 3 }, 400, 'validation_error', 'exchange'],
      ['/api/leverage/coinbase/BTC-USD', { leverage: 3 }, 400, 'validation_error', 'exchange'],
      ['/api/leverage/binance/DOGE-USDT-USDT', { leverage: 5 }, 404, 'unknown_symbol', undefined],
      ['/api/leverage/nasdaq/BTC-USDT-USDT', { leverage: 5 }, 404, 'unknown_exchange', undefined],
    ]
    for (const [path, body, status, code, field] of refusals) {
      const answer = await call('PUT', path, body)
      const what = `${path} ${JSON.stringify(body)}`
      expect(answer.status, what).toBe(status)
      expect(answer.body.error.code, what).toBe(code)
      expect(answer.body.error.field, what).toBe(field)
      // A refusal made before the run would name no workflow; one from the venue would.
      expect(answer.body.error.workflowId, what).toBeUndefined()
    }
    expect((await call('PUT', '/api/leverage/binance/BTC-USDT-USDT', { leverage: 126 })).body.error.message).toMatch(
      /at most 125x/
    )
    expect((await call('PUT', '/api/leverage/kraken/BTC-USD', { leverage: 3 })).body.error.message).toMatch(
      /margin leverage is chosen on each margin order/
    )
    expect(stack.sim.engines.binance.leverage(ownerOf('binance'), 'BTC/USDT:USDT')).toBe(before)
  })
})

describe('GET /api/account/:exchange', () => {
  it("reports each venue's permissions and the account's fees on one market", async () => {
    const binance = await call('GET', '/api/account/binance')
    expect(binance.status).toBe(200)
    expect(binance.body).toMatchObject({ exchange: 'binance', demo: true, canTrade: true, permissions: ['SPOT'] })
    expect(binance.body.fees).toEqual({ symbol: 'BTC/USDT', maker: '0.001', taker: '0.001' })

    // Coinbase reads the profile's fee tier (GET /fees): the simulator's Coinbase rates.
    const coinbase = await call('GET', '/api/account/coinbase?symbol=BTC-USD')
    expect(coinbase.status).toBe(200)
    expect(coinbase.body).toMatchObject({ exchange: 'coinbase', canTrade: true, permissions: ['SPOT'] })
    expect(coinbase.body.fees).toEqual({ symbol: 'BTC/USD', maker: '0.0015', taker: '0.0025' })

    const kraken = await call('GET', '/api/account/kraken?symbol=BTC%2FUSD')
    expect(kraken.status).toBe(200)
    expect(kraken.body).toMatchObject({ exchange: 'kraken', permissions: ['SPOT', 'MARGIN'] })
    expect(kraken.body.fees).toEqual({ symbol: 'BTC/USD', maker: '0.0014', taker: '0.0024' })
  })

  it('refuses a malformed or unknown symbol and an unknown parameter, naming it', async () => {
    const malformed = await call('GET', '/api/account/binance?symbol=bitcoin')
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.field).toBe('symbol')
    const unknown = await call('GET', '/api/account/binance?symbol=DOGE-EUR')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error).toMatchObject({ code: 'unknown_symbol', symbol: 'DOGE/EUR' })
    const extra = await call('GET', '/api/account/binance?tier=vip')
    expect(extra.status).toBe(400)
    expect(extra.body.error.code).toBe('validation_error')
    expect((await call('GET', '/api/account/nasdaq')).status).toBe(404)
  })
})

describe('GET /api/funding/:exchange', () => {
  it("lists Coinbase's deposits and withdrawals, all or one currency's", async () => {
    const all = await call('GET', '/api/funding/coinbase')
    expect(all.status).toBe(200)
    expect(new Set((all.body.records as Json[]).map((r) => r.currency))).toEqual(
      new Set(['BTC', 'ETH', 'SOL', 'USD', 'USDT'])
    )
    const btc = await call('GET', '/api/funding/coinbase?currency=btc')
    expect(btc.status).toBe(200)
    expect(btc.body).toMatchObject({ exchange: 'coinbase', demo: true, currency: 'BTC' })
    // The simulator's history explains the opening balance of 10 BTC: 11 in, 1 out.
    expect((btc.body.records as Json[]).map((r) => [r.type, r.amount, r.status])).toEqual([
      ['deposit', '11', 'ok'],
      ['withdrawal', '1', 'ok'],
    ])
    expect((await call('GET', '/api/funding/coinbase?currency=DOGE')).body.records).toEqual([])
  })

  it('refuses the venues it reads no funding records from, naming exchange, and a malformed currency', async () => {
    for (const exchange of ['binance', 'kraken']) {
      const { status, body } = await call('GET', `/api/funding/${exchange}`)
      expect(status, exchange).toBe(400)
      expect(body.error).toMatchObject({ code: 'validation_error', field: 'exchange' })
      expect(body.error.message).toMatch(/coinbase only/)
    }
    const malformed = await call('GET', '/api/funding/coinbase?currency=B-T-C')
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.field).toBe('currency')
  })
})

describe('GET /api/fills/:exchange', () => {
  /** The venue's own record of an order's fills: [price, amount] in the order they happened. */
  const venueFills = (exchange: ExchangeId, clientOrderId: string) =>
    stack.sim.engines[exchange]
      .fills(ownerOf(exchange))
      .filter((fill) => fill.clientOrderId === clientOrderId)
      .map((fill) => [fill.price, fill.amount])

  it("reads one Binance order's fills, each at the price the venue filled it", async () => {
    await stack.sim.control.setBook('binance', 'BTC/USDT', {
      bids: [['64000', '5']],
      asks: [
        ['64010.5', '0.006'],
        ['64011', '5'],
      ],
    })
    const order = await connector('binance').placeOrder({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: '0.01',
      clientOrderId: 'fills-binance-1',
    })
    const { status, body } = await call('GET', `/api/fills/binance?symbol=BTC-USDT&orderId=${order.id}`)
    expect(status).toBe(200)
    expect(body).toMatchObject({ exchange: 'binance', demo: true, symbol: 'BTC/USDT', orderId: order.id })
    const fills = body.fills as Json[]
    expect(fills.map((f) => [f.price, f.amount])).toEqual([
      ['64010.5', '0.006'],
      ['64011', '0.004'],
    ])
    expect(fills.map((f) => [f.price, f.amount])).toEqual(venueFills('binance', 'fills-binance-1'))
    for (const fill of fills) {
      expect(fill).toMatchObject({ orderId: order.id, symbol: 'BTC/USDT', side: 'buy', takerOrMaker: 'taker' })
      expect(fill.fee).toEqual({ cost: expect.stringMatching(/^\d+(\.\d+)?$/), currency: expect.any(String) })
    }
    // The perpetual's fills are read on its own market.
    const futures = await call('GET', '/api/fills/binance?symbol=BTC-USDT-USDT')
    expect(futures.status).toBe(200)
    expect((futures.body.fills as Json[]).map((f) => [f.symbol, f.side, f.price, f.amount])).toEqual([
      ['BTC/USDT:USDT', 'buy', '64010.5', '0.01'],
    ])
  })

  it("reads a Coinbase order's fills by its order id alone", async () => {
    await stack.sim.control.setBook('coinbase', 'BTC/USD', { bids: [['63950', '5']], asks: [['64020', '5']] })
    const order = await connector('coinbase').placeOrder({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'market',
      amount: '0.02',
    })
    const { status, body } = await call('GET', `/api/fills/coinbase?orderId=${order.id}`)
    expect(status).toBe(200)
    expect((body.fills as Json[]).map((f) => [f.orderId, f.symbol, f.side, f.price, f.amount])).toEqual([
      [order.id, 'BTC/USD', 'buy', '64020', '0.02'],
    ])
    expect(venueFills('coinbase', order.clientOrderId)).toEqual([['64020', '0.02']])
  })

  it("reads Kraken's fills with no parameter, by order, and none after a time to come", async () => {
    const order = await connector('kraken').placeOrder({
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'market',
      amount: '0.05',
    })
    const all = await call('GET', '/api/fills/kraken')
    expect(all.status).toBe(200)
    const everything = all.body.fills as Json[]
    // The margin order of the positions test, then this one: oldest first.
    expect(everything.map((f) => [f.side, f.price, f.amount])).toEqual([
      ['buy', '64010', '0.1'],
      ['sell', '63990', '0.05'],
    ])
    const one = await call('GET', `/api/fills/kraken?orderId=${order.id}`)
    expect((one.body.fills as Json[]).map((f) => [f.orderId, f.price, f.amount])).toEqual([[order.id, '63990', '0.05']])
    expect(venueFills('kraken', order.clientOrderId)).toEqual([['63990', '0.05']])
    const later = await call('GET', `/api/fills/kraken?since=${Date.now() + 3_600_000}`)
    expect(later.status).toBe(200)
    expect(later.body.fills).toEqual([])
  })

  it('refuses, naming the field, a query the venue cannot answer or a malformed one', async () => {
    const refusals: [string, number, string, string | undefined][] = [
      ['/api/fills/binance', 400, 'validation_error', 'symbol'],
      ['/api/fills/binance?orderId=12', 400, 'validation_error', 'symbol'],
      ['/api/fills/coinbase', 400, 'validation_error', 'symbol'],
      ['/api/fills/kraken?since=yesterday', 400, 'validation_error', 'since'],
      ['/api/fills/kraken?orderId=%3Cscript%3E', 400, 'validation_error', 'orderId'],
      ['/api/fills/kraken?symbol=bitcoin', 400, 'validation_error', 'symbol'],
      ['/api/fills/kraken?limit=5', 400, 'validation_error', undefined],
      ['/api/fills/binance?symbol=DOGE-EUR', 404, 'unknown_symbol', undefined],
      ['/api/fills/nasdaq', 404, 'unknown_exchange', undefined],
    ]
    for (const [path, status, code, field] of refusals) {
      const answer = await call('GET', path)
      expect(answer.status, path).toBe(status)
      expect(answer.body.error.code, path).toBe(code)
      expect(answer.body.error.field, path).toBe(field)
    }
  })
})
