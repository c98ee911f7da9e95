// The walking skeleton end to end: HTTP -> Temporal workflow -> activity -> ccxt -> simulated Binance -> SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getExecution, recordExecutionStart } from '../../db/executions.js'
import { captureHistory } from '../support/histories.js'
import { startTestStack, type TestStack } from '../support/stack.js'
import { DEFAULT_RISK_LIMITS } from '../../domain/risk/config.js'

// Orders above the demo-safe notional cap (1M): these tests are about what the venues refuse, not the risk limits.
const VENUE_REFUSAL_LIMITS = { ...DEFAULT_RISK_LIMITS, maxOrderNotional: '100000000' }

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ exchanges: ['binance'], riskLimits: VENUE_REFUSAL_LIMITS })
  await stack.sim.control.setBook('binance', 'BTC/USDT', {
    bids: [
      ['64000', '2'],
      ['63990', '5'],
    ],
    asks: [
      ['64010', '1'],
      ['64020', '5'],
    ],
  })
})
afterAll(async () => stack?.close())

describe('POST /api/orders', () => {
  it('fills a market order at the simulated Binance and records it in SQLite', async () => {
    const response = await stack.request('POST', '/api/orders', {
      exchange: 'binance',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: '0.5',
    })
    expect(response.status).toBe(201)
    const { workflowId, order, clientOrderId } = response.body
    expect(response.body.outcome).toBe('placed')
    expect(order).toMatchObject({
      exchange: 'binance',
      symbol: 'BTC/USDT',
      side: 'buy',
      status: 'closed',
      filled: '0.5',
    })
    expect(order.average).toBe('64010')
    expect(order.clientOrderId).toBe(clientOrderId)
    expect(order.fee).toMatchObject({ currency: expect.any(String) })

    const atVenue = await stack.sim.control.receivedOrders('binance', { clientOrderId })
    expect(atVenue).toHaveLength(1)
    expect(atVenue[0]!.status).toBe('filled')

    const execution = await getExecution(stack.db, workflowId)
    expect(execution).toMatchObject({ strategy: 'order', status: 'completed', symbol: 'BTC/USDT' })
    expect(execution!.attempts).toHaveLength(1)
    expect(execution!.attempts[0]).toMatchObject({
      clientOrderId,
      exchange: 'binance',
      status: 'closed',
      filled: '0.5',
      average: '64010',
      exchangeOrderId: order.id,
    })

    const again = await stack.request('GET', `/api/orders/${workflowId}`)
    expect(again.status).toBe(200)
    expect(again.body.order).toEqual(order)
    await captureHistory(stack.client, workflowId, 'order-filled')
  })

  it('places one order for one Idempotency-Key, however often the request is sent', async () => {
    const body = { exchange: 'binance', symbol: 'BTC/USDT', side: 'sell', type: 'limit', amount: '0.1', price: '70000' }
    const headers = { 'Idempotency-Key': `key-${Date.now()}` }
    const first = await stack.request('POST', '/api/orders', body, headers)
    const [second, third] = await Promise.all([
      stack.request('POST', '/api/orders', body, headers),
      stack.request('POST', '/api/orders', body, headers),
    ])
    expect(first.status).toBe(201)
    expect(first.body.order.status).toBe('open')
    for (const repeat of [second, third]) {
      expect(repeat.body.workflowId).toBe(first.body.workflowId)
      expect(repeat.body.order.id).toBe(first.body.order.id)
    }
    const atVenue = await stack.sim.control.receivedOrders('binance', { clientOrderId: first.body.clientOrderId })
    expect(atVenue).toHaveLength(1)
    const resting = (await stack.sim.control.receivedOrders('binance')).filter((o) => o.price === '70000')
    expect(resting).toHaveLength(1)

    const conflict = await stack.request('POST', '/api/orders', { ...body, amount: '0.2' }, headers)
    expect(conflict.status).toBe(409)
    expect(conflict.body.error.code).toBe('idempotency_conflict')
  })

  it('answers 400 naming the field, and starts nothing', async () => {
    const before = (await stack.sim.control.receivedOrders('binance')).length
    const cases: Array<[unknown, string]> = [
      [{ exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '-1' }, 'amount'],
      [{ exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '0.1' }, 'price'],
      [{ exchange: 'nasdaq', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '1' }, 'exchange'],
      [{ exchange: 'binance', symbol: 'BTC/USDT', side: 'hold', type: 'market', amount: '1' }, 'side'],
      [{ exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '1', extra: 1 }, ''],
    ]
    for (const [body, field] of cases) {
      const response = await stack.request('POST', '/api/orders', body, {
        'Idempotency-Key': `bad-${field || 'extra'}`,
      })
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.error.code).toBe('validation_error')
      if (field) expect(response.body.error.field).toBe(field)
      const started = await stack.client.workflow
        .getHandle(`order-bad-${field || 'extra'}`)
        .describe()
        .then(() => true)
        .catch(() => false)
      expect(started).toBe(false)
    }
    const notJson = await stack.request('POST', '/api/orders', '{"exchange":', {})
    expect(notJson.status).toBe(400)
    expect((await stack.sim.control.receivedOrders('binance')).length).toBe(before)
  })

  it('reports a venue rejection as 422 with the error class', async () => {
    const response = await stack.request('POST', '/api/orders', {
      exchange: 'binance',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      amount: '500',
      price: '64000',
    })
    expect(response.status).toBe(422)
    expect(response.body.outcome).toBe('rejected')
    expect(response.body.error.type).toBe('InsufficientBalanceError')
  })

  it('refuses a client order id that another order already used, and sends nothing', async () => {
    const body = {
      exchange: 'binance',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: '0.01',
      clientOrderId: 'my-reused-id',
    }
    const first = await stack.request('POST', '/api/orders', body, { 'Idempotency-Key': 'reuse-1' })
    expect(first.status).toBe(201)
    const second = await stack.request('POST', '/api/orders', body, { 'Idempotency-Key': 'reuse-2' })
    // Refused before anything starts: no second execution exists.
    expect(second.status).toBe(409)
    expect(second.body.error).toMatchObject({
      code: 'client_order_id_used',
      field: 'clientOrderId',
      message: expect.stringMatching(/already used by execution order-reuse-1/),
    })
    expect((await stack.request('GET', '/api/orders/order-reuse-2')).status).toBe(404)
    expect(await stack.sim.control.receivedOrders('binance', { clientOrderId: 'my-reused-id' })).toHaveLength(1)
  })

  it('refuses an Idempotency-Key whose execution is past Temporal retention, placing nothing', async () => {
    // The history database remembers every execution; Temporal forgets closed ones after its retention window.
    await recordExecutionStart(stack.db, {
      id: 'order-ancient-key',
      strategy: 'order',
      symbol: 'BTC/USDT',
      side: 'buy',
      exchanges: 'binance',
      idempotencyKey: 'ancient-key',
      request: {},
    })
    const before = (await stack.sim.control.receivedOrders('binance')).length
    const body = { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' }
    const response = await stack.request('POST', '/api/orders', body, { 'Idempotency-Key': 'ancient-key' })
    expect(response.status).toBe(409)
    expect(response.body.error).toMatchObject({ code: 'idempotency_key_used', workflowId: 'order-ancient-key' })
    expect((await stack.sim.control.receivedOrders('binance')).length).toBe(before)
  })

  it('returns 404 for an unknown workflow id', async () => {
    const response = await stack.request('GET', '/api/orders/order-does-not-exist')
    expect(response.status).toBe(404)
  })
})
