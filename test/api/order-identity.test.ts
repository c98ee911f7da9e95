// What names an order stays unambiguous through the API: an Idempotency-Key joins only a run its own endpoint
// started (not another kind of run under the same id, nor a run started outside the API), a client order id another
// execution used is refused before anything starts, and a smart order's slippage bound is enforced on what is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { requestHash } from '../../api/idempotency.js'
import { startTestStack, type TestStack } from '../support/stack.js'

let stack: TestStack
const order = { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' }

beforeAll(async () => {
  stack = await startTestStack()
  await stack.sim.control.setBook('binance', 'BTC/USDT', {
    bids: [['63990', '5']],
    asks: [
      ['64000', '0.5'],
      ['66000', '5'],
    ],
  })
  await stack.sim.control.setBook('kraken', 'BTC/USDT', { bids: [['63000', '5']], asks: [['67000', '5']] })
  await stack.sim.control.setBook('coinbase', 'BTC/USDT', { bids: [['63000', '5']], asks: [['67000', '5']] })
})
afterAll(async () => stack?.close())

describe('Idempotency-Key id spaces', () => {
  it('does not join a run of another kind that has the id the key maps to (e.g. a monitor child)', async () => {
    // A monitor `monitor-m1` names its first child `monitor-m1-arb-1`, an arbitrage run: the key `m1-arb-1` on the
    // monitor endpoint maps to that same id.
    await stack.client.workflow.start('arbitrageWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: 'monitor-m1-arb-1',
      args: [{ symbol: 'BTC/USDT', buyExchange: 'binance', sellExchange: 'kraken', minProfitPct: 50 }],
    })
    const response = await stack.request(
      'POST',
      '/api/arbitrage/monitor',
      { symbols: ['BTC/USDT'], intervalMs: 60_000, minProfitPct: 0.2 },
      { 'Idempotency-Key': 'm1-arb-1' }
    )
    expect(response.status).toBe(409)
    expect(response.body.error).toMatchObject({ code: 'idempotency_conflict' })
    expect(response.body.error.message).toMatch(/arbitrageWorkflow/)
  })

  it('does not join a run that no API request started (no request hash), even of its own kind', async () => {
    const handle = await stack.client.workflow.start('placeOrderWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: 'order-outside-1',
      args: [{ exchange: 'binance', order: { symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' } }],
    })
    await handle.result()
    const response = await stack.request('POST', '/api/orders', order, { 'Idempotency-Key': 'outside-1' })
    expect(response.status).toBe(409)
    expect(response.body.error.code).toBe('idempotency_conflict')
  })

  it('still joins its own run when the same request comes again', async () => {
    const first = await stack.request('POST', '/api/orders', order, { 'Idempotency-Key': 'same-1' })
    const again = await stack.request('POST', '/api/orders', order, { 'Idempotency-Key': 'same-1' })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.body.order.id).toBe(first.body.order.id)
    expect(requestHash(order)).toHaveLength(32)
  })
})

describe('client order ids', () => {
  it('refuses, with 409 and nothing started, a client order id that another execution used', async () => {
    const first = await stack.request(
      'POST',
      '/api/orders',
      { ...order, clientOrderId: 'desk-7-0001' },
      { 'Idempotency-Key': 'coid-1' }
    )
    expect(first.status).toBe(201)
    const before = (await stack.sim.control.receivedOrders('binance')).length
    const second = await stack.request(
      'POST',
      '/api/orders',
      { ...order, clientOrderId: 'desk-7-0001' },
      { 'Idempotency-Key': 'coid-2' }
    )
    expect(second.status).toBe(409)
    expect(second.body.error).toMatchObject({ code: 'client_order_id_used', field: 'clientOrderId' })
    const failover = await stack.request('POST', '/api/orders/failover', {
      order: { ...order, clientOrderId: 'desk-7-0001' },
      backupExchanges: ['kraken'],
    })
    expect(failover.status).toBe(409)
    expect(failover.body.error.field).toBe('order.clientOrderId')
    expect((await stack.sim.control.receivedOrders('binance')).length).toBe(before)
    expect(await stack.request('GET', '/api/orders/order-coid-2')).toMatchObject({ status: 404 })
  })
})

describe('smart order slippage bound', () => {
  it('sends an IOC limit at the worst acceptable price instead of walking the book', async () => {
    // 0.5 at 64000, then 66000 (+312 bps): a 50 bps bound allows only the first level.
    await stack.sim.control.setBook('binance', 'BTC/USDT', {
      bids: [['63990', '5']],
      asks: [
        ['64000', '0.5'],
        ['66000', '5'],
      ],
    })
    const response = await stack.request('POST', '/api/smart-order', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: '1',
      exchanges: ['binance'],
      maxSlippageBps: 50,
    })
    expect(response.body.slippageLimitPrice).toBe('64320')
    expect(response.body.filled).toBe('0.5')
    expect(response.body.actualAveragePrice).toBe('64000')
    expect(response.body.realisedSlippageVsMarketBps).toBe(0)
    const [sent] = await stack.sim.control.receivedOrders('binance', {
      clientOrderId: response.body.orders[0].clientOrderId,
    })
    expect(sent).toMatchObject({ type: 'limit', price: '64320' })
  })
})
