// Every kind of order through POST /api/orders and the durable path, checked at the simulated venue: a perpetual
// with leverage and the reduce-only close that flattens it, a Kraken margin order and its position, a stop-loss that
// rests, triggers when the market crosses it and fills, a Coinbase GTT post-only order that expires; and the 400s
// naming the field a venue cannot take.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getExecution } from '../../db/executions.js'
import { getOrderAttempt } from '../../db/order-attempts.js'
import { DEFAULT_RISK_LIMITS } from '../../domain/risk/config.js'
import { SA } from '../../temporal.config.js'
import { startTestStack, type TestStack } from '../support/stack.js'
import { waitFor } from '../support/wait-for.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({
    exchanges: ['binance', 'coinbase', 'kraken'],
    riskLimits: { ...DEFAULT_RISK_LIMITS, maxOrderNotional: '10000000' },
  })
})
afterAll(async () => stack?.close())

async function ended(workflowId: string, timeoutMs = 30_000) {
  return waitFor(
    `${workflowId} to end`,
    async () => {
      const response = await stack.request('GET', `/api/orders/${workflowId}`)
      return response.body.outcome !== undefined && !response.body.state ? response.body : undefined
    },
    timeoutMs,
    250
  )
}

const orderTypeOf = async (workflowId: string) =>
  (await stack.client.workflow.getHandle(workflowId).describe()).typedSearchAttributes.get(SA.orderType)

describe('a perpetual on binance', () => {
  it('sets its leverage before the order, and a reduce-only close flattens the position', async () => {
    const opened = await stack.request('POST', '/api/orders', {
      exchange: 'binance',
      symbol: 'BTC/USDT:USDT',
      side: 'buy',
      type: 'market',
      amount: '0.01',
      leverage: 7,
    })
    expect(opened.status).toBe(201)
    expect(opened.body.order).toMatchObject({ status: 'closed', filled: '0.01' })
    expect(await orderTypeOf(opened.body.workflowId)).toBe('futures-market')
    const [position] = await stack.sim.control.positions('binance')
    expect(position).toMatchObject({ symbol: 'BTC/USDT:USDT', side: 'long', leverage: 7 })
    expect(position!.amount).toBe('0.01')

    // reduce-only: the venue would refuse whatever part of it opened a short.
    const closed = await stack.request('POST', '/api/orders', {
      exchange: 'binance',
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      type: 'market',
      amount: '0.01',
      reduceOnly: true,
    })
    expect(closed.status).toBe(201)
    expect(closed.body.order).toMatchObject({ status: 'closed', filled: '0.01', reduceOnly: true })
    // With no position left, another reduce-only close is the venue's refusal: sent once, never retried.
    const refused = await stack.request('POST', '/api/orders', {
      exchange: 'binance',
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      type: 'market',
      amount: '0.01',
      reduceOnly: true,
    })
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({ outcome: 'rejected', error: { type: 'InvalidOrderError' } })
    expect(refused.body.error.message).not.toContain('sent 5 times')
    const after = await stack.sim.control.positions('binance')
    expect(after.filter((p) => p.symbol === 'BTC/USDT:USDT')).toEqual([])
    const positions = await stack.request('GET', '/api/positions/binance')
    expect(positions.status).toBe(200)
    expect(positions.body.positions ?? positions.body).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ symbol: 'BTC/USDT:USDT' })])
    )
  })
})

describe('a margin order on kraken', () => {
  it('opens a leveraged position the positions route shows', async () => {
    const response = await stack.request('POST', '/api/orders', {
      exchange: 'kraken',
      symbol: 'ETH/USD',
      side: 'buy',
      type: 'market',
      amount: '0.5',
      leverage: 3,
    })
    expect(response.status).toBe(201)
    expect(response.body.order).toMatchObject({ status: 'closed', filled: '0.5' })
    expect(await orderTypeOf(response.body.workflowId)).toBe('margin-market')
    const positions = await stack.request('GET', '/api/positions/kraken')
    expect(positions.status).toBe(200)
    const list = (positions.body.positions ?? positions.body) as { symbol: string; leverage: number; side: string }[]
    expect(list).toEqual(
      expect.arrayContaining([expect.objectContaining({ symbol: 'ETH/USD', side: 'long', leverage: 3 })])
    )
  })
})

describe('a stop-loss on kraken', () => {
  it('rests untriggered, triggers when the market falls through it, fills, and its execution ends filled', async () => {
    await stack.sim.control.setBook('kraken', 'BTC/USD', { bids: [['64000', '5']], asks: [['64100', '5']] })
    const placed = await stack.request('POST', '/api/orders', {
      exchange: 'kraken',
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'stop-loss',
      amount: '0.01',
      triggerPrice: '62000',
    })
    expect(placed.status).toBe(201)
    expect(placed.body).toMatchObject({ outcome: 'placed', status: 'open', filled: '0' })
    const { workflowId, clientOrderId } = placed.body
    expect(await orderTypeOf(workflowId)).toBe('stop-loss')
    const [resting] = await stack.sim.control.receivedOrders('kraken', { clientOrderId })
    expect(resting!.status).toBe('pending_trigger')

    await stack.sim.control.setBook('kraken', 'BTC/USD', { bids: [['61500', '5']], asks: [['61600', '5']] })
    const result = await ended(workflowId)
    expect(result).toMatchObject({ status: 'filled', filled: '0.01' })
    expect(result.fills).toHaveLength(1)
    const [done] = await stack.sim.control.receivedOrders('kraken', { clientOrderId })
    expect(done).toMatchObject({ status: 'filled', filled: '0.01' })
    expect(await getOrderAttempt(stack.db, clientOrderId)).toMatchObject({ type: 'stop-loss', status: 'closed' })
    await stack.sim.control.resetBook('kraken', 'BTC/USD')
  })
})

describe('a GTT post-only order on coinbase', () => {
  it('rests until the venue expires it after a minute, and its execution records the expiry', async () => {
    const placed = await stack.request('POST', '/api/orders', {
      exchange: 'coinbase',
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'limit',
      amount: '0.01',
      price: '30000',
      postOnly: true,
      timeInForce: 'GTT',
      cancelAfter: 'min',
    })
    expect(placed.body).toMatchObject({ status: 'open', order: { postOnly: true } })
    expect(placed.status).toBe(201)
    const { workflowId, clientOrderId } = placed.body
    expect(await orderTypeOf(workflowId)).toBe('limit-gtt')
    const result = await ended(workflowId, 90_000)
    expect(result).toMatchObject({ status: 'expired', filled: '0' })
    const [atVenue] = await stack.sim.control.receivedOrders('coinbase', { clientOrderId })
    expect(atVenue!.status).toBe('expired')
    expect(await getExecution(stack.db, workflowId)).toMatchObject({ status: 'completed', outcome: 'expired' })
  }, 120_000)
})

describe('what a venue cannot take', () => {
  const base = { symbol: 'BTC/USDT', side: 'buy', amount: '0.01' }
  it.each([
    ['binance', { ...base, type: 'stop-loss', triggerPrice: '60000' }, 'type'],
    ['kraken', { ...base, symbol: 'BTC/USD', type: 'stop-loss-limit', triggerPrice: '60000' }, 'price'],
    ['kraken', { ...base, symbol: 'BTC/USD', type: 'stop-loss' }, 'triggerPrice'],
    ['coinbase', { ...base, type: 'market', leverage: 2 }, 'leverage'],
    ['binance', { ...base, type: 'market', leverage: 2 }, 'leverage'],
    ['binance', { ...base, type: 'market', reduceOnly: true }, 'reduceOnly'],
    ['kraken', { ...base, symbol: 'BTC/USD', type: 'limit', price: '1', timeInForce: 'GTT' }, 'timeInForce'],
    ['coinbase', { ...base, type: 'limit', price: '1', timeInForce: 'GTT' }, 'cancelAfter'],
    ['coinbase', { ...base, type: 'limit', price: '1', cancelAfter: 'min' }, 'cancelAfter'],
    ['kraken', { ...base, symbol: 'BTC/USDT:USDT', type: 'market' }, 'symbol'],
    ['binance', { ...base, symbol: 'BTC/USDT:USDT', type: 'market', leverage: 500 }, 'leverage'],
  ])('%s refuses %j naming %s, and starts nothing', async (exchange, body, field) => {
    const before = (await stack.sim.control.receivedOrders(exchange as 'binance')).length
    const response = await stack.request('POST', '/api/orders', { exchange, ...body })
    expect(response.status).toBe(400)
    expect(response.body.error.field).toBe(field)
    expect(await stack.sim.control.receivedOrders(exchange as 'binance')).toHaveLength(before)
  })
})
