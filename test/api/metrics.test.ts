// Goal: GET /metrics tells an operator what the platform did, in figures that match what was asked of it: each order
// through the app counted once as a venue placement, in the ledger by status, as an execution by strategy and
// outcome and as a workflow of the Temporal worker; reads counted per exchange and operation; an injected venue
// fault counted under its error class; the wait a venue's Retry-After imposes measured; an order in flight shown as
// unresolved until the venue answers. And the Grafana dashboard in ops/grafana reads only metrics that exist.
// Method: the whole platform wired as npm start wires its metrics (one registry for the process, counted
// connectors, the ledger's gauges, the worker runtime's Prometheus exporter) on the Temporal dev server and the
// simulator; every figure read back through GET /metrics and compared with the requests this test made.
import { readFileSync } from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEFAULT_RISK_LIMITS } from '../../domain/risk/config.js'
import { loadExchangeSettings } from '../../exchanges/registry.js'
import { parseExposition, samplesOf, sumOf, type Sample } from '../support/prometheus-text.js'
import { metricNamesOf } from '../support/promql-names.js'
import { startTestStack, type TestStack } from '../support/stack.js'
import { waitFor } from '../support/wait-for.js'

// Orders above the demo-safe notional cap: the refusal below is the venue's (insufficient balance), not the risk gate's.
const VENUE_REFUSAL_LIMITS = { ...DEFAULT_RISK_LIMITS, maxOrderNotional: '100000000' }
const DASHBOARD = new URL('../../ops/grafana/gateway-dashboard.json', import.meta.url)

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ exchanges: ['binance', 'coinbase'], riskLimits: VENUE_REFUSAL_LIMITS, metrics: true })
  for (const venue of ['binance', 'coinbase'] as const) {
    await stack.sim.control.setBook(venue, 'BTC/USDT', { bids: [['64000', '5']], asks: [['64010', '5']] })
  }
})
afterAll(async () => stack?.close())

async function scrape(): Promise<Sample[]> {
  const { status, body } = await stack.request('GET', '/metrics')
  expect(status).toBe(200)
  return parseExposition(body as string)
}

const order = (exchange: string, extra: Record<string, string> = {}) => ({
  exchange,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  amount: '0.01',
  ...extra,
})

/** The difference of one series' value between two scrapes. */
const increase = (before: Sample[], after: Sample[], name: string, labels: Record<string, string>) =>
  sumOf(after, name, labels) - sumOf(before, name, labels)

describe('GET /metrics', () => {
  it('answers the Prometheus text format with the gateway and the Temporal worker families', async () => {
    const response = await stack.request('GET', '/metrics')
    expect(response.status).toBe(200)
    const text = response.body as string
    for (const family of [
      'gateway_venue_call_duration_seconds histogram',
      'gateway_venue_call_successes_total counter',
      'gateway_venue_call_errors_total counter',
      'gateway_rate_limit_wait_seconds histogram',
      'gateway_ledger_orders gauge',
      'gateway_unresolved_orders gauge',
      'gateway_unresolved_order_oldest_age_seconds gauge',
      'gateway_unresolved_executions gauge',
      'gateway_executions gauge',
      'gateway_process_resident_memory_bytes gauge',
      'temporal_worker_task_slots_available gauge',
    ]) {
      expect(text, family).toContain(`# TYPE ${family}\n`)
    }
    // Every configured venue has its unresolved figures, 0 on a fresh ledger: an alert never looks at nothing.
    const samples = parseExposition(text)
    for (const exchange of ['binance', 'coinbase']) {
      expect(sumOf(samples, 'gateway_unresolved_orders', { exchange }), exchange).toBe(0)
      expect(samplesOf(samples, 'gateway_unresolved_order_oldest_age_seconds', { exchange })).toHaveLength(1)
    }
    expect(sumOf(samples, 'gateway_unresolved_executions')).toBe(0)
  })

  it('counts each order through the app once: as a venue placement, in the ledger, as an execution and as a workflow', async () => {
    const before = await scrape()
    const placed = 3
    for (let i = 0; i < placed; i++) {
      const response = await stack.request('POST', '/api/orders', order('binance'))
      expect(response.status, JSON.stringify(response.body)).toBe(201)
      expect(response.body.order.status).toBe('closed')
    }
    const after = await scrape()
    const placement = { exchange: 'binance', operation: 'placeOrder' }
    expect(increase(before, after, 'gateway_venue_call_successes_total', placement)).toBe(placed)
    expect(increase(before, after, 'gateway_venue_call_duration_seconds_count', placement)).toBe(placed)
    expect(increase(before, after, 'gateway_venue_call_duration_seconds_bucket', { ...placement, le: '+Inf' })).toBe(
      placed
    )
    // A plausible latency: each placement took some time, and less than the request timeout.
    const seconds = increase(before, after, 'gateway_venue_call_duration_seconds_sum', placement)
    expect(seconds).toBeGreaterThan(0)
    expect(seconds / placed).toBeLessThan(10)
    // Buckets are cumulative.
    const buckets = samplesOf(after, 'gateway_venue_call_duration_seconds_bucket', placement).map((s) => s.value)
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b))
    expect(increase(before, after, 'gateway_venue_call_errors_total', placement)).toBe(0)

    expect(increase(before, after, 'gateway_ledger_orders', { exchange: 'binance', status: 'closed' })).toBe(placed)
    expect(increase(before, after, 'gateway_executions', { strategy: 'order', status: 'completed' })).toBe(placed)
    expect(sumOf(after, 'gateway_unresolved_orders', { exchange: 'binance' })).toBe(0)

    // The worker runtime's own figures for this stack's task queue.
    const worker = { task_queue: stack.taskQueue }
    await expect
      .poll(async () =>
        increase(before, await scrape(), 'temporal_workflow_completed', {
          ...worker,
          workflow_type: 'placeOrderWorkflow',
        })
      )
      .toBe(placed)
    const latest = await scrape()
    expect(
      increase(before, latest, 'temporal_activity_execution_latency_count', { ...worker, activity_type: 'placeOrder' })
    ).toBe(placed)
    expect(
      sumOf(latest, 'temporal_worker_task_slots_available', { ...worker, worker_type: 'ActivityWorker' })
    ).toBeGreaterThan(0)
  })

  it('counts market data and account reads per exchange and operation, as the API made them', async () => {
    // Markets loaded and the public-read cache warm on other symbols first: each read below is one venue call.
    expect((await stack.request('GET', '/api/ticker/binance/BTC-USDT')).status).toBe(200)
    const before = await scrape()
    const symbols = ['ETH-USDT', 'SOL-USDT', 'BTC-USDT:USDT']
    for (const symbol of symbols) {
      const response = await stack.request('GET', `/api/ticker/binance/${symbol}`)
      expect(response.status, `${symbol}: ${JSON.stringify(response.body)}`).toBe(200)
    }
    const balances = 4
    for (let i = 0; i < balances; i++) expect((await stack.request('GET', '/api/balances/coinbase')).status).toBe(200)
    const after = await scrape()
    expect(
      increase(before, after, 'gateway_venue_call_successes_total', { exchange: 'binance', operation: 'marketData' })
    ).toBe(symbols.length)
    expect(
      increase(before, after, 'gateway_venue_call_successes_total', { exchange: 'coinbase', operation: 'account' })
    ).toBe(balances)
    expect(
      increase(before, after, 'gateway_venue_call_duration_seconds_count', {
        exchange: 'coinbase',
        operation: 'account',
      })
    ).toBe(balances)
    expect(increase(before, after, 'gateway_venue_call_errors_total', { exchange: 'coinbase' })).toBe(0)
  })

  it('counts an injected venue fault and a venue refusal under their error classes', async () => {
    const { maxRetries } = loadExchangeSettings({}).configs.coinbase
    const before = await scrape()
    await stack.sim.control.setFaults('coinbase', { errorRate: 1 })
    try {
      const failed = await stack.request('GET', '/api/balances/coinbase')
      expect(failed.status, JSON.stringify(failed.body)).toBe(503)
    } finally {
      await stack.sim.control.clearFaults('coinbase')
    }
    // The venue refuses: more BTC sold than the account holds.
    const refused = await stack.request('POST', '/api/orders', order('coinbase', { side: 'sell', amount: '500' }))
    expect(refused.status, JSON.stringify(refused.body)).toBe(422)
    const after = await scrape()

    // A read is sent again on a 5xx, up to maxRetries times: every attempt is a failed call.
    const account = { exchange: 'coinbase', operation: 'account' }
    expect(
      increase(before, after, 'gateway_venue_call_errors_total', {
        ...account,
        error_class: 'ExchangeUnavailableError',
      })
    ).toBe(maxRetries + 1)
    expect(increase(before, after, 'gateway_venue_call_successes_total', account)).toBe(0)
    const placement = { exchange: 'coinbase', operation: 'placeOrder' }
    expect(
      increase(before, after, 'gateway_venue_call_errors_total', {
        ...placement,
        error_class: 'InsufficientBalanceError',
      })
    ).toBe(1)
    expect(increase(before, after, 'gateway_venue_call_successes_total', placement)).toBe(0)
    expect(increase(before, after, 'gateway_ledger_orders', { exchange: 'coinbase', status: 'rejected' })).toBe(1)
    expect(increase(before, after, 'gateway_executions', { strategy: 'order', status: 'failed' })).toBe(1)
  })

  it("measures the wait a venue's Retry-After imposes on the next call", async () => {
    expect((await stack.request('GET', '/api/ticker/binance/BTC-USDT')).status).toBe(200)
    const before = await scrape()
    await stack.sim.control.setFaults('binance', { rateLimitRate: 1, retryAfterSeconds: 1 })
    let throttled
    try {
      throttled = await stack.request('GET', '/api/ticker/binance/ETH-USDT')
    } finally {
      await stack.sim.control.clearFaults('binance')
    }
    expect(throttled.body.error, JSON.stringify(throttled.body)).toMatchObject({ errorType: 'RateLimitError' })
    // The limiter holds the next call until the venue's second is over, then sends it.
    const next = await stack.request('GET', '/api/ticker/binance/SOL-USDT')
    expect(next.status, JSON.stringify(next.body)).toBe(200)
    const after = await scrape()

    const marketData = { exchange: 'binance', operation: 'marketData' }
    expect(
      increase(before, after, 'gateway_venue_call_errors_total', { ...marketData, error_class: 'RateLimitError' })
    ).toBe(1)
    expect(increase(before, after, 'gateway_rate_limit_wait_seconds_count', marketData)).toBe(1)
    const waited = increase(before, after, 'gateway_rate_limit_wait_seconds_sum', marketData)
    expect(waited).toBeGreaterThan(0.5)
    expect(waited).toBeLessThanOrEqual(1.5)
    // The wait is not venue latency: the call itself stays fast against the local simulator.
    const latency = increase(before, after, 'gateway_venue_call_duration_seconds_sum', marketData)
    const calls = increase(before, after, 'gateway_venue_call_duration_seconds_count', marketData)
    expect(calls).toBe(2)
    expect(latency).toBeLessThan(waited)
  })

  it('shows an order in flight as unresolved, with its age, until the venue answers', async () => {
    // The venue executes the order and holds its answer: the ledger says "sent" meanwhile.
    await stack.sim.control.setFaults('binance', { holdOrderResponsesMs: 3_000 })
    const pending = stack.request('POST', '/api/orders', order('binance'))
    try {
      const inFlight = await waitFor('the order in flight in /metrics', async () => {
        const samples = await scrape()
        return sumOf(samples, 'gateway_unresolved_orders', { exchange: 'binance' }) === 1 ? samples : undefined
      })
      expect(sumOf(inFlight, 'gateway_ledger_orders', { exchange: 'binance', status: 'sent' })).toBe(1)
      expect(sumOf(inFlight, 'gateway_unresolved_orders', { exchange: 'coinbase' })).toBe(0)
      const age = sumOf(inFlight, 'gateway_unresolved_order_oldest_age_seconds', { exchange: 'binance' })
      expect(age).toBeGreaterThanOrEqual(0)
      expect(age).toBeLessThan(60)
      expect(sumOf(inFlight, 'gateway_executions', { strategy: 'order', status: 'running' })).toBe(1)
    } finally {
      const answered = await pending
      await stack.sim.control.clearFaults('binance')
      expect(answered.status, JSON.stringify(answered.body)).toBe(201)
    }
    const settled = await scrape()
    expect(sumOf(settled, 'gateway_unresolved_orders', { exchange: 'binance' })).toBe(0)
    expect(sumOf(settled, 'gateway_unresolved_order_oldest_age_seconds', { exchange: 'binance' })).toBe(0)
    expect(sumOf(settled, 'gateway_ledger_orders', { exchange: 'binance', status: 'sent' })).toBe(0)
    expect(sumOf(settled, 'gateway_executions', { strategy: 'order', status: 'running' })).toBe(0)
  })
})

describe('the Grafana dashboard (ops/grafana/gateway-dashboard.json)', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
    panels: { type: string; title: string; targets?: { expr: string }[] }[]
    templating: { list: { name: string; type: string; query?: { query: string } }[] }
  }
  const panels = dashboard.panels.filter((p) => p.type !== 'row')
  const queries = [
    ...panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: p.title, expr: t.expr }))),
    // label_values(<series>, <label>): the series is PromQL, the label is not a metric.
    ...dashboard.templating.list
      .filter((v) => v.type === 'query')
      .map((v) => ({ where: `variable ${v.name}`, expr: /^label_values\((.*),\s*\w+\)$/.exec(v.query!.query)![1]! })),
  ]

  it('reads metric names the way PromQL writes them', () => {
    expect(
      metricNamesOf(
        'histogram_quantile(0.95, sum by (le, x) (rate(a_bucket{x=~"$x"}[$__rate_interval]))) / on (x) group_left b offset 1h'
      )
    ).toEqual(['a_bucket', 'b'])
  })

  it('has a query on every panel, and covers venue calls, rate limits, the ledger, executions and the worker', () => {
    for (const panel of panels) expect(panel.targets?.length ?? 0, panel.title).toBeGreaterThan(0)
    const names = new Set(queries.flatMap((q) => metricNamesOf(q.expr)))
    for (const name of [
      'gateway_venue_call_duration_seconds_bucket',
      'gateway_venue_call_successes_total',
      'gateway_venue_call_errors_total',
      'gateway_rate_limit_wait_seconds_count',
      'gateway_ledger_orders',
      'gateway_unresolved_orders',
      'gateway_unresolved_executions',
      'gateway_executions',
      'temporal_workflow_completed',
      'temporal_activity_execution_latency_bucket',
    ]) {
      expect(names, name).toContain(name)
    }
  })

  it('names only metrics that GET /metrics exposes after the traffic above', async () => {
    const exposed = new Set((await scrape()).map((s) => s.name))
    const missing = queries.flatMap(({ where, expr }) =>
      metricNamesOf(expr)
        .filter((n) => !exposed.has(n))
        .map((n) => `${where}: ${n}`)
    )
    expect(missing).toEqual([])
    expect(queries.length).toBeGreaterThan(20)
  })
})
