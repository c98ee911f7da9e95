// The strategy endpoints end to end (the README's curl examples, as tests): smart order, failover order,
// arbitrage scan and execution, the monitor's lifecycle, and the execution history they leave behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestStack, type TestStack } from '../support/stack.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack()
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

describe('strategy endpoints', () => {
  it('POST /api/smart-order routes to the cheapest venue and is listed in the history', async () => {
    const smart = await stack.request(
      'POST',
      '/api/smart-order',
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.2' },
      { 'Idempotency-Key': 'smart-1' }
    )
    expect(smart.status).toBe(201)
    expect(smart.body).toMatchObject({ workflowId: 'smart-smart-1', outcome: 'filled', selectedExchanges: ['binance'] })
    const again = await stack.request(
      'POST',
      '/api/smart-order',
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.2' },
      { 'Idempotency-Key': 'smart-1' }
    )
    expect(again.body.orders[0].id).toBe(smart.body.orders[0].id)
    const conflict = await stack.request(
      'POST',
      '/api/smart-order',
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.3' },
      { 'Idempotency-Key': 'smart-1' }
    )
    expect(conflict.status).toBe(409)

    const detail = await stack.request('GET', '/api/executions/smart-smart-1')
    expect(detail.status).toBe(200)
    expect(detail.body).toMatchObject({ strategy: 'smart', status: 'completed', outcome: 'filled' })
    expect(detail.body.decisions[0].selected).toBe('binance')
    expect(detail.body.attempts).toHaveLength(1)
  })

  it('POST /api/orders/failover walks the backups past a venue in maintenance', async () => {
    await stack.sim.control.setFaults('coinbase', { down: true })
    try {
      const failover = await stack.request('POST', '/api/orders/failover', {
        order: { exchange: 'coinbase', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: '0.1' },
        backupExchanges: ['kraken'],
      })
      expect(failover.status).toBe(201)
      expect(failover.body.exchange).toBe('kraken')
      expect(failover.body.attempts.map((a: any) => [a.exchange, a.outcome])).toEqual([
        ['coinbase', 'not_placed'],
        ['kraken', 'placed'],
      ])
    } finally {
      await stack.sim.control.clearFaults('coinbase')
    }
    const bad = await stack.request('POST', '/api/orders/failover', {
      order: { exchange: 'coinbase', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: '0.1' },
      backupExchanges: ['coinbase'],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toMatch(/backupExchanges/)
  })

  it('GET /api/arbitrage/opportunities finds the binance -> kraken spread, and POST /execute captures it', async () => {
    const scan = await stack.request(
      'GET',
      '/api/arbitrage/opportunities/BTC-USDT?minProfitPct=0.1&exchanges=binance,kraken'
    )
    expect(scan.status).toBe(200)
    expect(scan.body.opportunities[0]).toMatchObject({ buyExchange: 'binance', sellExchange: 'kraken' })

    const executed = await stack.request('POST', '/api/arbitrage/execute', {
      symbol: 'BTC/USDT',
      buyExchange: 'binance',
      sellExchange: 'kraken',
      amount: '0.5',
      minProfitPct: 0.1,
    })
    expect(executed.status).toBe(201)
    expect(executed.body).toMatchObject({ outcome: 'completed', flat: true })
    expect(executed.body.profit.startsWith('-')).toBe(false)
    const listed = await stack.request('GET', '/api/executions?strategy=arbitrage')
    expect(listed.body.executions.map((e: any) => e.id)).toContain(executed.body.workflowId)
  })

  it('starts a monitor, reads its opportunities, and stops it', async () => {
    await stack.sim.control.setBook('binance', 'ETH/USDT', { bids: [['3100', '50']], asks: [['3150', '10']] })
    await stack.sim.control.setBook('kraken', 'ETH/USDT', { bids: [['3200', '10']], asks: [['3250', '50']] })
    const started = await stack.request('POST', '/api/arbitrage/monitor', {
      symbols: ['ETH/USDT'],
      exchanges: ['binance', 'kraken'],
      intervalMs: 1000,
      minProfitPct: 0.1,
      autoExecute: { enabled: false, backoffMs: 120_000 },
    })
    expect(started.status).toBe(201)
    const id = started.body.workflowId
    let view: any
    for (let i = 0; i < 50; i++) {
      const current = (await stack.request('GET', `/api/arbitrage/monitor/${id}`)).body
      expect(current.status).toBe('running')
      view = current.state
      if (view?.scans >= 1) break
      await new Promise((r) => setTimeout(r, 200))
    }
    expect(view.opportunities['ETH/USDT'][0]).toMatchObject({ buyExchange: 'binance', sellExchange: 'kraken' })
    expect(view.params.autoExecute).toEqual({ enabled: false, minProfitPct: 0.1, backoffMs: 120_000 })
    const stopped = await stack.request('DELETE', `/api/arbitrage/monitor/${id}`)
    expect(stopped.status).toBe(200)
    expect(stopped.body).toMatchObject({ status: 'stopped', stopped: true })
    expect((await stack.request('GET', `/api/arbitrage/monitor/monitor-nope`)).status).toBe(404)
  })

  it('GET /api/executions lists every strategy run, newest first, and filters', async () => {
    const all = await stack.request('GET', '/api/executions?limit=50')
    expect(all.status).toBe(200)
    const strategies = new Set(all.body.executions.map((e: any) => e.strategy))
    for (const s of ['smart', 'failover', 'arbitrage', 'monitor']) expect(strategies).toContain(s)
    const times = all.body.executions.map((e: any) => e.createdAt)
    expect([...times].sort((a: number, b: number) => b - a)).toEqual(times)
    const failover = await stack.request('GET', '/api/executions?strategy=failover&exchange=kraken')
    expect(failover.body.executions).toHaveLength(1)
    expect((await stack.request('GET', '/api/executions/nope')).status).toBe(404)
  })
})
