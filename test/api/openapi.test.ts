// Real answers against the OpenAPI document. Goal: what /openapi.json says is what the platform answers: every answer
// below, successes and refusals of every route, is checked against the document's schema for its route and status
// (Ajv, JSON Schema 2020-12), and must be one the document lists. Method: the platform on real parts (Temporal dev
// server, worker, simulator, connectors, SQLite) through createApp, as the stack builds it; a few apps on the same
// parts differ only by a setting (tokens, a rate limit, no wait). The last test asserts what was covered: a success of
// every route, and the refusals the middleware and routes give.
import { PUBLIC_READ_CACHE_MS } from '../../api/venue-reader.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createApp, type AppDeps } from '../../api/app.js'
import { sha256 } from '../../api/auth.js'
import { buildOpenApiDocument } from '../../api/openapi/index.js'
import { createVenueReader } from '../../api/venue-reader.js'
import { createWorkflowRunner } from '../../api/workflow-runner.js'
import { DEFAULT_RISK_LIMITS } from '../../domain/risk/config.js'
import type { RiskLimits } from '../../domain/risk/types.js'
import { EXCHANGE_IDS } from '../../domain/types.js'
import { createContract, readAnswer } from '../support/openapi-contract.js'
import { startTestStack, type TestStack } from '../support/stack.js'

type App = ReturnType<typeof createApp>
type Json = Record<string, any>

// Above the simulator's balances, so that the venue (not the notional cap) refuses an oversized order.
const RISK_LIMITS: RiskLimits = { ...DEFAULT_RISK_LIMITS, maxOrderNotional: '100000000' }
const READ_TOKEN = 'read-only-token-0123456789'

const document = buildOpenApiDocument()
const contract = createContract(document)
let stack: TestStack
let app: App

function appWith(settings: Partial<AppDeps> = {}): App {
  return createApp({
    runner: createWorkflowRunner(stack.client, stack.taskQueue),
    reader: createVenueReader(stack.registry),
    db: stack.db,
    exchanges: [...EXCHANGE_IDS],
    demoMode: stack.registry.demoMode,
    waitMs: 45_000,
    riskLimits: RISK_LIMITS,
    metrics: stack.metrics,
    ...settings,
  })
}

/** Sends a request and checks its answer against the document; returns the answer. */
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, target = app) {
  const init: RequestInit = {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
  }
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body)
  const answer = await readAnswer(method, path, await target.request(path, init))
  expect(contract.problems(answer), `${method} ${path}`).toEqual([])
  expect(answer.headers.get('x-request-id'), `${method} ${path}: X-Request-Id`).toBeTruthy()
  return answer as typeof answer & { body: Json }
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await read()
    if (done(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`gave up waiting for ${what}`)
}

beforeAll(async () => {
  stack = await startTestStack({ riskLimits: RISK_LIMITS, metrics: true })
  app = appWith()
  // buying on binance at 63000 and selling on kraken at 64000 nets about 1.2 % after both taker fees
  await stack.sim.control.setBook('binance', 'BTC/USDT', {
    bids: [['62900', '20']],
    asks: [
      ['63000', '1'],
      ['63500', '20'],
    ],
  })
  await stack.sim.control.setBook('kraken', 'BTC/USDT', {
    bids: [
      ['64000', '1'],
      ['62000', '20'],
    ],
    asks: [['64100', '20']],
  })
  await stack.sim.control.setBook('coinbase', 'BTC/USDT', { bids: [['62950', '20']], asks: [['64200', '20']] })
})
afterAll(async () => stack?.close())

describe('the platform answers as its OpenAPI document says', () => {
  it('health, the document itself, the reference page and metrics', async () => {
    expect((await call('GET', '/health')).status).toBe(200)
    expect((await call('GET', '/openapi.json')).body.openapi).toBe(document.openapi)
    expect((await call('GET', '/docs')).status).toBe(200)
    expect((await call('GET', '/docs/assets/swagger-ui.css')).status).toBe(200)
    expect((await call('GET', '/docs/assets/nope.js')).status).toBe(404)
    const metrics = await call('GET', '/metrics')
    expect(metrics.status).toBe(200)
    expect(metrics.text).toContain('# TYPE')
    expect((await call('GET', '/metrics', undefined, {}, appWith({ metrics: undefined }))).status).toBe(404)
  })

  it('market data, balances and the venues, with their refusals', async () => {
    expect((await call('GET', '/api/exchanges')).body.exchanges).toHaveLength(3)
    for (const exchange of EXCHANGE_IDS) {
      expect((await call('GET', `/api/exchanges/${exchange}/health`)).status).toBe(200)
      expect((await call('GET', `/api/balances/${exchange}`)).status).toBe(200)
      expect((await call('GET', `/api/ticker/${exchange}/BTC-USDT`)).status).toBe(200)
      expect((await call('GET', `/api/orderbook/${exchange}/BTC-USDT?depth=5`)).status).toBe(200)
      expect((await call('GET', `/api/trades/${exchange}/BTC-USDT?limit=10`)).status).toBe(200)
      expect((await call('GET', `/api/klines/${exchange}/BTC-USDT?timeframe=1h&limit=5`)).status).toBe(200)
    }
    expect((await call('GET', '/api/ticker/binance/not_a_symbol')).body.error.code).toBe('validation_error')
    expect((await call('GET', '/api/orderbook/binance/BTC-USDT?depth=9999')).body.error.field).toBe('depth')
    expect((await call('GET', '/api/ticker/nasdaq/BTC-USDT')).body.error.code).toBe('unknown_exchange')
    expect((await call('GET', '/api/balances/nasdaq')).body.error.code).toBe('unknown_exchange')
    expect((await call('GET', '/api/ticker/binance/DOGE-EUR')).body.error.code).toBe('unknown_symbol')
    // Coinbase offers no 30-minute candles.
    expect((await call('GET', '/api/klines/coinbase/BTC-USDT?timeframe=30m')).body.error.code).toBe('venue_rejected')
    await stack.sim.control.setFaults('coinbase', { down: true })
    // The ticker read above may still be served from the public-read cache for a moment: let it age out.
    await new Promise((resolve) => setTimeout(resolve, PUBLIC_READ_CACHE_MS + 50))
    try {
      expect((await call('GET', '/api/ticker/coinbase/BTC-USDT')).body.error.code).toBe('venue_unavailable')
      expect((await call('GET', '/api/exchanges/coinbase/health')).status).toBe(200)
      expect((await call('GET', '/api/exchanges')).body.exchanges[1].status).not.toBe('ok')
    } finally {
      await stack.sim.control.clearFaults('coinbase')
    }
  })

  it('one order: placed, again by its key, refused, rejected by the venue and by a limit, not placed, still running', async () => {
    const order = {
      exchange: 'binance',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: '0.01',
      clientOrderId: 'oa-1',
    }
    const placed = await call('POST', '/api/orders', order, { 'Idempotency-Key': 'oa-order-1' })
    expect(placed.status).toBe(201)
    expect(placed.body.outcome).toBe('placed')
    expect((await call('POST', '/api/orders', order, { 'Idempotency-Key': 'oa-order-1' })).body.order.id).toBe(
      placed.body.order.id
    )
    expect((await call('GET', `/api/orders/${placed.body.workflowId}`)).body).toEqual(placed.body)
    expect((await call('GET', '/api/orders/order-nope')).body.error.code).toBe('not_found')

    expect(
      (await call('POST', '/api/orders', { ...order, amount: '0.02' }, { 'Idempotency-Key': 'oa-order-1' })).body.error
        .code
    ).toBe('idempotency_conflict')
    expect((await call('POST', '/api/orders', order, { 'Idempotency-Key': 'oa-order-2' })).body.error.code).toBe(
      'client_order_id_used'
    )
    expect((await call('POST', '/api/orders', { ...order, amount: '-1' })).body.error.field).toBe('amount')
    expect(
      (await call('POST', '/api/orders', order, { 'Idempotency-Key': 'no spaces allowed' })).body.error.field
    ).toBe('Idempotency-Key')
    expect((await call('POST', '/api/orders', { ...order, exchange: 'nasdaq' })).status).toBe(400)
    expect((await call('POST', '/api/orders', 'exchange=binance', { 'content-type': 'text/plain' })).status).toBe(415)
    expect((await call('POST', '/api/orders', { ...order, pad: 'x'.repeat(70_000) })).status).toBe(413)

    const fresh = { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' }
    const venueSaysNo = await call('POST', '/api/orders', { ...fresh, side: 'sell', amount: '50' })
    expect(venueSaysNo.status).toBe(422)
    expect(venueSaysNo.body).toMatchObject({ outcome: 'rejected', error: { type: 'InsufficientBalanceError' } })

    expect((await call('PUT', '/api/risk/limits', { maxOrderNotional: '100' })).status).toBe(200)
    try {
      const limitSaysNo = await call('POST', '/api/orders', fresh)
      expect(limitSaysNo.status).toBe(422)
      expect(limitSaysNo.body.error.code).toBe('risk_rejected')
    } finally {
      expect((await call('PUT', '/api/risk/limits', { maxOrderNotional: RISK_LIMITS.maxOrderNotional })).status).toBe(
        200
      )
    }

    await stack.sim.control.setFaults('binance', { down: true })
    try {
      const down = await call('POST', '/api/orders', fresh)
      expect(down.status).toBe(503)
      expect(down.body.outcome).toBe('not_placed')
    } finally {
      await stack.sim.control.clearFaults('binance')
    }

    const impatient = appWith({ waitMs: 1 })
    const started = await call('POST', '/api/orders', fresh, { 'Idempotency-Key': 'oa-order-3' }, impatient)
    expect(started.status).toBe(202)
    expect(started.headers.get('location')).toBe(`/api/orders/${started.body.workflowId}`)
    const done = await until(
      () => call('GET', started.headers.get('location')!),
      (a) => a.body.outcome === 'placed',
      'the order to be placed'
    )
    expect(done.status).toBe(200)
  })

  it('a resting order: placed, followed, amended, cancelled once, its fills; the ledger; the sweep', async () => {
    const resting = { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '0.02' }
    const expireAt = new Date(Date.now() + 3_600_000).toISOString()
    const placed = await call('POST', '/api/orders', { ...resting, price: '60000', expireAt })
    expect(placed.status).toBe(201)
    expect(placed.body).toMatchObject({ outcome: 'placed', status: 'open', filled: '0', total: '0.02' })
    expect(placed.body.expireAt).toBe(Date.parse(expireAt))
    const path = `/api/orders/${placed.body.workflowId}`
    expect((await call('GET', path)).body).toMatchObject({ status: 'running', state: { phase: 'following' } })
    expect((await call('GET', `${path}/fills`)).body.fills).toEqual([])
    expect((await call('PATCH', path, {})).body.error.field).toBe('price')
    const amended = await call('PATCH', path, { price: '60100' }, { 'Idempotency-Key': 'oa-amend-1' })
    expect(amended.status).toBe(200)
    expect(amended.body).toMatchObject({ status: 'open', amendments: [{ result: 'replaced' }] })
    // The same key is the same command: answered again, carried out once.
    const retried = await call('PATCH', path, { price: '60100' }, { 'Idempotency-Key': 'oa-amend-1' })
    expect(retried.status).toBe(200)
    expect(retried.body.amendments).toHaveLength(1)
    const cancelled = await call('DELETE', path)
    expect(cancelled.status).toBe(200)
    expect(cancelled.body).toMatchObject({ status: 'canceled', order: { status: 'canceled' } })
    const twice = await call('DELETE', path)
    expect(twice.status).toBe(409)
    expect(twice.body).toMatchObject({ error: { code: 'order_done' }, order: { status: 'canceled' } })
    expect((await call('PATCH', path, { price: '60200' })).body.error.code).toBe('order_done')
    await until(
      () => call('GET', path),
      (a) => a.body.status === 'canceled' && a.body.outcome === 'placed',
      'the cancelled order to end'
    )
    expect((await call('DELETE', '/api/orders/order-nope')).status).toBe(404)
    expect((await call('PATCH', '/api/orders/order-nope', { price: '1' })).status).toBe(404)
    expect((await call('GET', '/api/orders/order-nope/fills')).status).toBe(404)

    // Amended to a price that crosses the book: the replacement fills, and its fill is in the ledger.
    const crossed = await call('POST', '/api/orders', { ...resting, exchange: 'coinbase', price: '62000' })
    expect(crossed.status).toBe(201)
    const filled = await call('PATCH', `/api/orders/${crossed.body.workflowId}`, { price: '64300' })
    expect(filled.body).toMatchObject({ status: 'filled', filled: '0.02' })
    const fills = await call('GET', `/api/orders/${crossed.body.workflowId}/fills`)
    expect(fills.body.fills.map((fill: Json) => fill.amount)).toEqual(['0.02'])
    const since = await call('GET', `/api/fills?exchange=coinbase&since=${fills.body.fills[0].tradedAt}`)
    expect(since.body.fills.map((fill: Json) => fill.tradeId)).toContain(fills.body.fills[0].tradeId)
    expect((await call('GET', '/api/fills')).status).toBe(200)
    expect((await call('GET', '/api/fills?since=yesterday')).body.error.field).toBe('since')

    // Open orders of a venue and symbol, listed from the ledger, then cancelled together.
    const onKraken = [
      await call('POST', '/api/orders', { ...resting, exchange: 'kraken', price: '60000' }),
      await call('POST', '/api/orders', { ...resting, exchange: 'kraken', price: '60100' }),
    ].map((answer) => answer.body.clientOrderId as string)
    const open = await call('GET', '/api/orders?status=open&exchange=kraken&symbol=BTC-USDT')
    expect(open.body.orders.map((order: Json) => order.clientOrderId)).toEqual(expect.arrayContaining(onKraken))
    expect((await call('GET', '/api/orders')).status).toBe(200)
    expect((await call('GET', '/api/orders?status=resting')).body.error.field).toBe('status')
    const swept = await call('DELETE', '/api/orders?exchange=kraken&symbol=BTC-USDT')
    expect(swept.status).toBe(200)
    expect([...swept.body.cancelled, ...swept.body.alreadyDone].map((order: Json) => order.clientOrderId)).toEqual(
      expect.arrayContaining(onKraken)
    )
    expect((await call('DELETE', '/api/orders')).body.error.field).toBe('exchange')

    // Answers that come before the venue's.
    const impatient = appWith({ waitMs: 1 })
    const another = await call('POST', '/api/orders', { ...resting, price: '60000' })
    const pending = await call('DELETE', `/api/orders/${another.body.workflowId}`, undefined, {}, impatient)
    expect(pending.status).toBe(202)
    expect(pending.headers.get('location')).toBe(`/api/orders/${another.body.workflowId}`)
    await until(
      () => call('GET', pending.headers.get('location')!),
      (a) => a.body.status === 'canceled',
      'the cancel to be carried out'
    )
    const sweeping = await call('DELETE', '/api/orders?exchange=coinbase', undefined, {}, impatient)
    expect(sweeping.status).toBe(202)
  })

  it('failover and smart orders', async () => {
    const failover = await call('POST', '/api/orders/failover', {
      order: { exchange: 'coinbase', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: '0.1' },
      backupExchanges: ['kraken'],
    })
    expect(failover.status).toBe(201)
    expect((await call('GET', `/api/orders/failover/${failover.body.workflowId}`)).body).toEqual(failover.body)
    expect((await call('GET', '/api/orders/failover/failover-nope')).status).toBe(404)
    expect(
      (
        await call('POST', '/api/orders/failover', {
          order: { exchange: 'coinbase', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: '0.1' },
          backupExchanges: ['coinbase'],
        })
      ).body.error.field
    ).toBe('backupExchanges')

    const smart = await call('POST', '/api/smart-order', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: '0.2',
      maxSlippageBps: 100,
    })
    expect(smart.status).toBe(201)
    expect((await call('GET', `/api/smart-order/${smart.body.workflowId}`)).body).toEqual(smart.body)
    expect((await call('GET', `/api/smart-order/${failover.body.workflowId}`)).status).toBe(404)
    expect(
      (await call('POST', '/api/smart-order', { symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '0.2' })).body
        .error.field
    ).toBe('price')
  })

  it('arbitrage: scan, execute (completed and no opportunity), read it again', async () => {
    const scan = await call('GET', '/api/arbitrage/opportunities/BTC-USDT?minProfitPct=0.1&exchanges=binance,kraken')
    expect(scan.body.opportunities[0]).toMatchObject({ buyExchange: 'binance', sellExchange: 'kraken' })
    expect((await call('GET', '/api/arbitrage/opportunities/BTC-USDT')).status).toBe(200)
    expect((await call('GET', '/api/arbitrage/opportunities/DOGE-EUR')).body.error.code).toBe('unknown_symbol')
    expect((await call('GET', '/api/arbitrage/opportunities/BTC-USDT?exchanges=binance')).body.error.field).toBe(
      'exchanges'
    )

    const executed = await call('POST', '/api/arbitrage/execute', {
      symbol: 'BTC/USDT',
      buyExchange: 'binance',
      sellExchange: 'kraken',
      amount: '0.5',
      minProfitPct: 0.1,
    })
    expect(executed.status).toBe(201)
    expect(executed.body.outcome).toBe('completed')
    const none = await call('POST', '/api/arbitrage/execute', {
      symbol: 'BTC/USDT',
      buyExchange: 'binance',
      sellExchange: 'kraken',
      minProfitPct: 50,
    })
    expect(none.status).toBe(200)
    expect(none.body.outcome).toBe('no_opportunity')
    expect((await call('GET', `/api/arbitrage/execute/${executed.body.workflowId}`)).body).toEqual(executed.body)
    expect((await call('GET', '/api/arbitrage/execute/arb-nope')).status).toBe(404)
    expect(
      (
        await call('POST', '/api/arbitrage/execute', {
          symbol: 'BTC/USDT',
          buyExchange: 'kraken',
          sellExchange: 'kraken',
        })
      ).body.error.field
    ).toBe('sellExchange')
  })

  it("the monitor's life: start, read, change, stop, and what an ended monitor answers", async () => {
    const body = {
      symbols: ['BTC/USDT'],
      exchanges: ['binance', 'kraken'],
      intervalMs: 1000,
      autoExecute: { enabled: false },
    }
    const started = await call('POST', '/api/arbitrage/monitor', body, { 'Idempotency-Key': 'oa-monitor-1' })
    expect(started.status).toBe(201)
    const path = started.headers.get('location')!
    const scanned = await until(
      () => call('GET', path),
      (a) => a.body.state?.scans >= 1,
      'a first scan'
    )
    expect(scanned.body.state.opportunities['BTC/USDT'].length).toBeGreaterThan(0)
    expect((await call('PATCH', path, { intervalMs: 2000, maxAmount: null })).status).toBe(202)
    expect((await call('PATCH', path, {})).status).toBe(400)
    const stopped = await call('DELETE', path)
    expect(stopped.status).toBe(200)
    expect(stopped.body).toMatchObject({ status: 'stopped', stopped: true })
    expect((await call('GET', path)).body.stopped).toBe(true)
    expect((await call('DELETE', path)).body.status).toBe('stopped')
    expect((await call('PATCH', path, { intervalMs: 3000 })).body.error.code).toBe('not_running')
    const again = await call('POST', '/api/arbitrage/monitor', body, { 'Idempotency-Key': 'oa-monitor-1' })
    expect(again.status).toBe(200)
    expect(again.body.status).toBe('completed')
    expect((await call('GET', '/api/arbitrage/monitor/monitor-nope')).status).toBe(404)
    expect((await call('DELETE', '/api/arbitrage/monitor/monitor-nope')).status).toBe(404)
    expect((await call('POST', '/api/arbitrage/monitor', { symbols: [] })).body.error.field).toBe('symbols')
  })

  it('the execution history and reconciliation', async () => {
    const page = await call('GET', '/api/executions?limit=2')
    expect(page.body.executions).toHaveLength(2)
    const next = await call('GET', `/api/executions?limit=2&before=${page.body.next.before}`)
    expect(next.body.executions[0].createdAt).toBeLessThan(page.body.next.before)
    expect(
      (await call('GET', '/api/executions?strategy=arbitrage&status=completed&symbol=BTC-USDT&exchange=kraken')).status
    ).toBe(200)
    expect((await call('GET', '/api/executions?limit=0')).body.error.field).toBe('limit')
    for (const execution of (await call('GET', '/api/executions?limit=200')).body.executions) {
      expect((await call('GET', `/api/executions/${execution.id}`)).status).toBe(200)
    }
    expect((await call('GET', '/api/executions/nope')).status).toBe(404)

    const run = await call('POST', '/api/reconciliation')
    expect([200, 202]).toContain(run.status)
    expect((await call('POST', '/api/reconciliation', { exchange: 'binance' })).body.error.code).toBe(
      'validation_error'
    )
    const reports = await until(
      () => call('GET', '/api/reconciliation'),
      (a) => a.body.reports.length === 3,
      'a report of each venue'
    )
    expect(reports.status).toBe(200)
    expect((await call('GET', '/api/reconciliation?exchange=kraken')).body.reports).toHaveLength(1)
    expect((await call('GET', '/api/reconciliation?exchange=nasdaq')).body.error.field).toBe('exchange')
  })

  it('risk: the trading state and the limits', async () => {
    expect((await call('GET', '/api/trading-state')).body.states[0].scope).toBe('all')
    const halted = await call('PUT', '/api/trading-state', {
      state: 'HALTED',
      reason: 'contract test',
      exchange: 'coinbase',
    })
    expect(halted.body).toMatchObject({ scope: 'coinbase', state: 'HALTED' })
    expect((await call('GET', '/health')).body.warnings.length).toBeGreaterThan(0)
    expect(
      (await call('PUT', '/api/trading-state', { state: 'ACTIVE', reason: 'contract test done', exchange: 'coinbase' }))
        .status
    ).toBe(200)
    expect((await call('PUT', '/api/trading-state', { state: 'PAUSED', reason: 'x' })).body.error.field).toBe('state')
    const risk = await call('GET', '/api/risk')
    expect(risk.body.usage.ordersLastMinute.binance.used).toBeGreaterThan(0)
    expect((await call('PUT', '/api/risk/limits', { maxExposure: { BTC: '100' } })).body.limits.maxExposure).toEqual({
      BTC: '100',
    })
    expect((await call('PUT', '/api/risk/limits', { maxOrderNotional: 'lots' })).body.error.field).toBe(
      'maxOrderNotional'
    )
    expect((await call('PUT', '/api/risk/limits', { maxExposure: {} })).status).toBe(200)
  })

  it('the account: positions, leverage, permissions and fees, funding records, fills', async () => {
    for (const exchange of EXCHANGE_IDS) {
      expect((await call('GET', `/api/positions/${exchange}`)).status).toBe(200)
      expect((await call('GET', `/api/account/${exchange}?symbol=BTC-USDT`)).status).toBe(200)
    }
    // The default leverage of the simulator's accounts: nothing changes for the other tests.
    expect((await call('PUT', '/api/leverage/binance/BTC-USDT-USDT', { leverage: 20 })).body.leverage).toBe(20)
    expect((await call('PUT', '/api/leverage/binance/BTC-USDT-USDT', { leverage: 126 })).body.error.field).toBe(
      'leverage'
    )
    expect((await call('PUT', '/api/leverage/kraken/BTC-USD', { leverage: 2 })).body.error.field).toBe('exchange')
    expect((await call('GET', '/api/funding/coinbase?currency=BTC')).status).toBe(200)
    expect((await call('GET', '/api/funding/binance')).body.error.field).toBe('exchange')
    expect((await call('GET', '/api/fills/binance?symbol=BTC-USDT')).status).toBe(200)
    expect((await call('GET', '/api/fills/coinbase')).body.error.field).toBe('symbol')
  })

  it('tokens and scopes, the rate limit, the URL limit', async () => {
    const guarded = appWith({ apiTokens: [{ name: 'reader', sha256: sha256(READ_TOKEN), scopes: ['read'] }] })
    const bearer = { Authorization: `Bearer ${READ_TOKEN}` }
    expect((await call('GET', '/api/exchanges', undefined, {}, guarded)).body.error.code).toBe('unauthorized')
    expect((await call('GET', '/api/exchanges', undefined, bearer, guarded)).status).toBe(200)
    const order = { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' }
    expect((await call('POST', '/api/orders', order, bearer, guarded)).body.error.code).toBe('forbidden')
    expect((await call('PUT', '/api/risk/limits', {}, bearer, guarded)).status).toBe(403)
    for (const open of ['/health', '/openapi.json', '/docs'])
      expect((await call('GET', open, undefined, {}, guarded)).status).toBe(200)

    const throttled = appWith({ rateLimit: { perSecond: 0.01, burst: 1 } })
    expect((await call('GET', '/api/trading-state', undefined, {}, throttled)).status).toBe(200)
    const refused = await call('GET', '/api/trading-state', undefined, {}, throttled)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)

    expect((await call('GET', `/api/executions?symbol=${'A'.repeat(5000)}`)).body.error.code).toBe('uri_too_long')
  })

  it('covered a success of every route, and the refusals', () => {
    const covered = contract.covered()
    const succeeded = new Set(covered.filter((c) => /\s2\d\d$/.test(c)).map((c) => c.replace(/\s\d+$/, '')))
    const operations = Object.entries(document.paths).flatMap(([template, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${template}`)
    )
    const missing = operations.filter((op) => !succeeded.has(op))
    expect(missing).toEqual([])
    const statuses = new Set(covered.map((c) => Number(c.split(' ').at(-1))))
    for (const status of [200, 201, 202, 400, 401, 403, 404, 409, 413, 414, 415, 422, 429, 503])
      expect(statuses, String(status)).toContain(status)
    console.log(
      `[openapi] ${covered.length} route/status pairs checked against the document over ${operations.length} operations`
    )
  })
})
