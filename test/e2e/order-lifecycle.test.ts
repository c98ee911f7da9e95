// An order's life after it is placed, end to end on the dev server and the simulator: a resting limit order is
// followed until the market fills it (fills and fees in the ledger and the result), cancelled (once), amended
// (never beyond the requested total, also when a fill races the amend), expired by its expire-at timer, listed
// with the open orders, and continued as new when it lives long.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { getExecution } from '../../db/executions.js'
import { fillsOfExecution } from '../../db/order-fills.js'
import { getOrderAttempt } from '../../db/order-attempts.js'
import { dec } from '../../domain/money.js'
import type { PlaceOrderWorkflowInput } from '../../workflows/place-order.js'
import { captureHistory } from '../support/histories.js'
import { startTestStack, type TestStack } from '../support/stack.js'
import { waitFor } from '../support/wait-for.js'

let stack: TestStack

const SYMBOL = 'BTC/USDT'
const QUIET_BOOK = {
  bids: [['60000', '5']] as [string, string][],
  asks: [['64000', '5']] as [string, string][],
}

beforeAll(async () => {
  stack = await startTestStack({ exchanges: ['binance', 'kraken'] })
})
afterAll(async () => stack?.close())
beforeEach(async () => {
  await stack.sim.control.setBook('binance', SYMBOL, QUIET_BOOK)
  await stack.sim.control.setBook('kraken', SYMBOL, QUIET_BOOK)
})

async function placeRestingBuy(exchange: 'binance' | 'kraken', amount: string, price: string, extra: object = {}) {
  const response = await stack.request('POST', '/api/orders', {
    exchange,
    symbol: SYMBOL,
    side: 'buy',
    type: 'limit',
    amount,
    price,
    ...extra,
  })
  expect(response.status).toBe(201)
  expect(response.body).toMatchObject({ outcome: 'placed', status: 'open', filled: '0', total: amount })
  return response.body as { workflowId: string; clientOrderId: string; order: { id: string } }
}

async function finished(workflowId: string) {
  return waitFor(
    `${workflowId} to end`,
    async () => {
      const response = await stack.request('GET', `/api/orders/${workflowId}`)
      return response.body.status !== undefined && response.body.outcome !== undefined && !response.body.state
        ? response.body
        : undefined
    },
    60_000,
    200
  )
}

describe('a resting limit order', () => {
  it('is followed until the market fills it, with its fill and fee recorded, and its execution ends filled', async () => {
    const { workflowId, clientOrderId } = await placeRestingBuy('binance', '0.5', '62000')
    const running = await stack.request('GET', `/api/orders/${workflowId}`)
    expect(running.body).toMatchObject({ status: 'running', state: { phase: 'following' } })

    // The market falls through the bid: the simulator's new asks enter as takers and fill the resting order.
    await stack.sim.control.setBook('binance', SYMBOL, { bids: [['59000', '5']], asks: [['61500', '5']] })
    const result = await finished(workflowId)
    expect(result).toMatchObject({ outcome: 'placed', status: 'filled', filled: '0.5', total: '0.5' })
    expect(result.fills).toHaveLength(1)
    expect(result.fills[0]).toMatchObject({ price: '62000', amount: '0.5', fee: { currency: expect.any(String) } })
    expect(dec(result.fills[0].fee.cost).greaterThan(0)).toBe(true)

    const [atVenue] = await stack.sim.control.receivedOrders('binance', { clientOrderId })
    expect(atVenue).toMatchObject({ status: 'filled', filled: '0.5' })
    const recorded = await fillsOfExecution(stack.db, workflowId)
    expect(recorded).toHaveLength(1)
    expect(recorded[0]).toMatchObject({ clientOrderId, price: '62000', amount: '0.5', tradeId: result.fills[0].id })
    expect(recorded[0]!.fee).toBe(result.fills[0].fee.cost)
    expect(await getExecution(stack.db, workflowId)).toMatchObject({ status: 'completed', outcome: 'filled' })
    expect(await getOrderAttempt(stack.db, clientOrderId)).toMatchObject({ status: 'closed', filled: '0.5' })

    const fillsRoute = await stack.request('GET', `/api/orders/${workflowId}/fills`)
    expect(fillsRoute.status).toBe(200)
    expect(fillsRoute.body.fills).toHaveLength(1)
    const since = await stack.request('GET', `/api/fills?since=${recorded[0]!.tradedAt}`)
    expect(since.body.fills.map((fill: { tradeId: string }) => fill.tradeId)).toContain(result.fills[0].id)
    await captureHistory(stack.client, workflowId, 'order-rests-then-fills')
  })

  it('is cancelled exactly once: a second cancel answers 409 with its state', async () => {
    const { workflowId, clientOrderId } = await placeRestingBuy('kraken', '0.2', '61000')
    const cancelled = await stack.request('DELETE', `/api/orders/${workflowId}`)
    expect(cancelled.status).toBe(200)
    expect(cancelled.body).toMatchObject({ status: 'canceled', filled: '0', order: { status: 'canceled' } })
    const [atVenue] = await stack.sim.control.receivedOrders('kraken', { clientOrderId })
    expect(atVenue!.status).toBe('canceled')

    const again = await stack.request('DELETE', `/api/orders/${workflowId}`)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('order_done')
    expect(again.body.order).toMatchObject({ status: 'canceled' })
    expect(await stack.sim.control.receivedOrders('kraken', { clientOrderId })).toHaveLength(1)
    expect(await getExecution(stack.db, workflowId)).toMatchObject({ status: 'completed', outcome: 'canceled' })
    await captureHistory(stack.client, workflowId, 'order-cancelled')
  })

  it('is amended by cancel and replace, counting a fill that raced the amend: never more than the new total', async () => {
    const { workflowId, clientOrderId } = await placeRestingBuy('binance', '1', '62000')
    // 0.4 fills at the venue just before the amend reaches it.
    await stack.sim.control.setBook('binance', SYMBOL, { bids: [['59000', '5']], asks: [['61900', '0.4']] })
    const amended = await stack.request('PATCH', `/api/orders/${workflowId}`, { amount: '0.7', price: '62100' })
    expect(amended.status).toBe(200)
    expect(amended.body).toMatchObject({ status: 'open', total: '0.7', filled: '0.4' })
    expect(amended.body.amendments).toHaveLength(1)
    const replacementId = amended.body.amendments[0].clientOrderId as string
    expect(amended.body.amendments[0]).toMatchObject({ result: 'replaced', replaced: clientOrderId })
    // The replacement is in the ledger under its own client order id, for what the new total still lacks.
    expect(await getOrderAttempt(stack.db, replacementId)).toMatchObject({
      role: 'amend',
      amount: '0.3',
      price: '62100',
    })

    // Plenty of liquidity crosses now: only the 0.3 left may fill.
    await stack.sim.control.setBook('binance', SYMBOL, { bids: [['59000', '5']], asks: [['61000', '10']] })
    const result = await finished(workflowId)
    expect(result).toMatchObject({ status: 'filled', filled: '0.7', total: '0.7' })
    const atVenue = [
      ...(await stack.sim.control.receivedOrders('binance', { clientOrderId })),
      ...(await stack.sim.control.receivedOrders('binance', { clientOrderId: replacementId })),
    ]
    expect(atVenue.map((order) => [order.status, order.filled])).toEqual([
      ['canceled', '0.4'],
      ['filled', '0.3'],
    ])
    const bought = atVenue.reduce((total, order) => total.plus(order.filled), dec(0))
    expect(bought.toString()).toBe('0.7')
    expect((await fillsOfExecution(stack.db, workflowId)).map((fill) => fill.amount)).toEqual(['0.4', '0.3'])
    await captureHistory(stack.client, workflowId, 'order-amended')
  })

  it('places nothing more when the fills already reach the amended total', async () => {
    const { workflowId, clientOrderId } = await placeRestingBuy('kraken', '0.5', '62000')
    await stack.sim.control.setBook('kraken', SYMBOL, { bids: [['59000', '5']], asks: [['61900', '0.3']] })
    const amended = await stack.request('PATCH', `/api/orders/${workflowId}`, { amount: '0.3' })
    expect(amended.status).toBe(200)
    expect(amended.body).toMatchObject({ status: 'filled', total: '0.3', filled: '0.3' })
    expect(amended.body.amendments[0]).toMatchObject({ result: 'not_needed' })
    // Only the original was ever sent: the ledger has one attempt, the venue one order under its id.
    expect((await getExecution(stack.db, workflowId))!.attempts).toHaveLength(1)
    expect(await stack.sim.control.receivedOrders('kraken', { clientOrderId })).toHaveLength(1)
  })

  it('refuses an amendment that names nothing, naming the field', async () => {
    const { workflowId } = await placeRestingBuy('binance', '0.1', '61000')
    const refused = await stack.request('PATCH', `/api/orders/${workflowId}`, {})
    expect(refused.status).toBe(400)
    expect(refused.body.error.field).toBe('price')
    const cancelled = await stack.request('DELETE', `/api/orders/${workflowId}`)
    expect(cancelled.status).toBe(200)
  })

  it('is cancelled by its durable expire-at timer', async () => {
    const expireAt = new Date(Date.now() + 3_000).toISOString()
    const { workflowId, clientOrderId } = await placeRestingBuy('binance', '0.1', '61000', { expireAt })
    const result = await finished(workflowId)
    expect(result).toMatchObject({ status: 'expired', filled: '0', order: { status: 'canceled' } })
    const [atVenue] = await stack.sim.control.receivedOrders('binance', { clientOrderId })
    expect(atVenue!.status).toBe('canceled')
    expect(await getExecution(stack.db, workflowId)).toMatchObject({ outcome: 'expired' })
  })

  it('refuses an expire-at on an order that cannot rest', async () => {
    const response = await stack.request('POST', '/api/orders', {
      exchange: 'binance',
      symbol: SYMBOL,
      side: 'buy',
      type: 'market',
      amount: '0.1',
      expireAt: new Date(Date.now() + 60_000).toISOString(),
    })
    expect(response.status).toBe(400)
    expect(response.body.error.field).toBe('expireAt')
  })
})

describe('a resting order a strategy placed', () => {
  it('is followed by its failover run too, until the market fills it', async () => {
    const response = await stack.request('POST', '/api/orders/failover', {
      order: { exchange: 'binance', symbol: SYMBOL, side: 'buy', type: 'limit', amount: '0.3', price: '62000' },
      backupExchanges: ['kraken'],
    })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ outcome: 'placed', exchange: 'binance', status: 'open', filled: '0' })
    const { workflowId } = response.body
    await stack.sim.control.setBook('binance', SYMBOL, { bids: [['59000', '5']], asks: [['61000', '5']] })
    const result = await waitFor(
      'the failover order to end',
      async () => {
        const run = await stack.request('GET', `/api/orders/failover/${workflowId}`)
        return run.body.outcome !== undefined && !run.body.state ? run.body : undefined
      },
      30_000,
      200
    )
    expect(result).toMatchObject({ status: 'filled', filled: '0.3', order: { status: 'closed' } })
    expect(result.fills).toHaveLength(1)
    expect((await fillsOfExecution(stack.db, workflowId)).map((fill) => fill.amount)).toEqual(['0.3'])
    expect(await getExecution(stack.db, workflowId)).toMatchObject({ status: 'completed', outcome: 'filled' })
    await captureHistory(stack.client, workflowId, 'failover-rests-then-fills')
  })
})

describe('open orders', () => {
  it('are listed from the ledger and agree with the venue; DELETE /api/orders?exchange=&symbol= cancels them all', async () => {
    const placed = [await placeRestingBuy('kraken', '0.1', '60500'), await placeRestingBuy('kraken', '0.2', '60600')]
    const listed = await stack.request('GET', '/api/orders?status=open&exchange=kraken&symbol=BTC-USDT')
    expect(listed.status).toBe(200)
    const ours = listed.body.orders.map((order: { clientOrderId: string }) => order.clientOrderId)
    const atVenue = (await stack.registry.get('kraken').getOpenOrders(SYMBOL)).map((order) => order.clientOrderId)
    expect(new Set(ours)).toEqual(new Set(atVenue))
    for (const order of placed) expect(ours).toContain(order.clientOrderId)

    const key = { 'Idempotency-Key': `sweep-${Date.now()}` }
    const swept = await stack.request('DELETE', '/api/orders?exchange=kraken&symbol=BTC-USDT', undefined, key)
    expect(swept.status).toBe(200)
    // The same key again is the same sweep: its result, not a second sweep.
    const again = await stack.request('DELETE', '/api/orders?exchange=kraken&symbol=BTC-USDT', undefined, key)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(swept.body)
    // Cancelled by the sweep, or already shown cancelled when its read-back lagged: never failed, none left open.
    const sweptIds = [...swept.body.cancelled, ...swept.body.alreadyDone].map(
      (order: { clientOrderId: string }) => order.clientOrderId
    )
    expect(swept.body.failed).toEqual([])
    expect(sweptIds.sort()).toEqual([...ours].sort())
    expect(await stack.registry.get('kraken').getOpenOrders(SYMBOL)).toEqual([])
    // Each order's own run sees its cancel at its next look and ends.
    for (const order of placed) expect((await finished(order.workflowId)).status).toBe('canceled')
    const after = await stack.request('GET', '/api/orders?status=open&exchange=kraken')
    expect(after.body.orders).toEqual([])
  })

  it('refuses a sweep that names neither exchange nor symbol', async () => {
    const response = await stack.request('DELETE', '/api/orders')
    expect(response.status).toBe(400)
    expect(response.body.error.field).toBe('exchange')
  })
})

describe('a long-lived order', () => {
  it('continues as new and keeps following, its fills carried over', async () => {
    const workflowId = `order-long-lived-${Date.now()}`
    const input: PlaceOrderWorkflowInput = {
      exchange: 'binance',
      order: { symbol: SYMBOL, side: 'sell', type: 'limit', amount: '0.2', price: '65000' },
      looksPerRun: 3,
    }
    const handle = await stack.client.workflow.start('placeOrderWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId,
      args: [input],
    })
    const firstRun = handle.firstExecutionRunId
    await waitFor('a second run', async () => {
      const description = await stack.client.workflow.getHandle(workflowId).describe()
      return description.runId !== firstRun ? description : undefined
    })
    await stack.sim.control.setBook('binance', SYMBOL, { bids: [['65500', '5']], asks: [['66000', '5']] })
    const result = await stack.client.workflow.getHandle(workflowId).result()
    expect(result).toMatchObject({ status: 'filled', filled: '0.2', workflowId })
    expect(result.fills).toHaveLength(1)
    expect(await getExecution(stack.db, workflowId)).toMatchObject({ status: 'completed', outcome: 'filled' })
  })
})
