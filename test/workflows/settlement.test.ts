// Every order is settled, on the real dev server against the simulator: an attempt lost before the venue saw it is
// sent again under the same client order id (a crash is not the venue's failure), an order whose lookup the venue
// cannot answer leaves its execution unresolved until the venue answers, the lookup's grace window does not depend
// on the worker's clock, and a client order id another execution used stops a failover with nothing sent.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { getExecution } from '../../db/executions.js'
import type { FailoverOrderResult } from '../../workflows/failover-order.js'
import type { OrderExecutionResult } from '../../workflows/place-order.js'
import { captureHistory } from '../support/histories.js'
import { placeUntilPlaced, runWorkflow } from '../support/run-workflow.js'
import { startTestStack, type TestStack } from '../support/stack.js'
import { waitFor } from '../support/wait-for.js'

const BOOK = { bids: [['63990', '5'] as [string, string]], asks: [['64010', '5'] as [string, string]] }
const order = { symbol: 'BTC/USDT', side: 'buy' as const, type: 'market' as const, amount: '0.25' }

describe('settling every order', () => {
  let stack: TestStack
  beforeAll(async () => {
    stack = await startTestStack()
    for (const venue of ['binance', 'coinbase', 'kraken'] as const)
      await stack.sim.control.setBook(venue, 'BTC/USDT', BOOK)
  })
  afterEach(async () => stack.sim.control.clearFaults())
  afterAll(async () => stack?.close())

  it('sends again under the same client order id when the first request was lost before the venue saw it', async () => {
    await stack.sim.control.setFaults('binance', { loseOrderRequests: 1 })
    const { workflowId, result } = await runWorkflow<OrderExecutionResult>(
      stack,
      'placeOrderWorkflow',
      { exchange: 'binance', order, reconcileGraceMs: 500 },
      'resend'
    )
    expect(result.outcome).toBe('placed')
    expect(result.order).toMatchObject({ status: 'closed', filled: '0.25' })
    // One order at the venue under the workflow's client order id, and the ledger agrees.
    const atVenue = await stack.sim.control.receivedOrders('binance', { clientOrderId: result.clientOrderId })
    expect(atVenue).toHaveLength(1)
    const execution = (await getExecution(stack.db, workflowId))!
    expect(execution.attempts.map((a) => [a.clientOrderId, a.status, a.filled])).toEqual([
      [result.clientOrderId, 'closed', '0.25'],
    ])
    await captureHistory(stack.client, workflowId, 'order-resent-after-proven-absent')
  })

  it("a failover sends on the same venue again before it moves on when the failure was not the venue's", async () => {
    await stack.sim.control.setFaults('binance', { loseOrderRequests: 1 })
    const { result } = await runWorkflow<FailoverOrderResult>(stack, 'failoverOrderWorkflow', {
      exchange: 'binance',
      order,
      backupExchanges: ['kraken'],
      reconcileGraceMs: 500,
    })
    expect(result.outcome).toBe('placed')
    expect(result.exchange).toBe('binance')
    expect(result.attempts.map((a) => [a.exchange, a.outcome])).toEqual([['binance', 'placed']])
  })

  it('keeps an execution unresolved while the venue cannot answer the lookup, then settles it from the venue', async () => {
    // The order is executed and its answer lost; every request waits 1.5 s, so the venue can be taken down after
    // the order is in and before the lookup is answered.
    await stack.sim.control.setFaults('kraken', { dropOrderResponses: 1, latencyMs: 1_500 })
    const workflowId = `unresolved-${Date.now()}`
    const handle = await stack.client.workflow.start('placeOrderWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId,
      args: [{ exchange: 'kraken', order, reconcileGraceMs: 200, unresolvedAfterMs: 2_000 }],
    })
    await waitFor('the order at kraken', async () =>
      (await stack.sim.control.receivedOrders('kraken', { symbol: 'BTC/USDT' })).length > 0 ? true : undefined
    )
    await stack.sim.control.setFaults('kraken', { down: true })

    const state = await waitFor('the execution to be unresolved', async () => {
      const s = await handle.query<{ unresolved?: { clientOrderId: string; reason: string }[] }>('state')
      return s.unresolved?.length ? s : undefined
    })
    expect(state.unresolved![0]!.reason).toMatch(/lookup failed/)
    expect((await getExecution(stack.db, workflowId))!.status).toBe('unresolved')
    const description = await handle.describe()
    expect(description.searchAttributes.OrderStatus).toEqual(['UNRESOLVED'])
    const health = await stack.request('GET', '/health')
    expect(health.body.warnings.join(' ')).toContain(workflowId)

    await stack.sim.control.clearFaults('kraken')
    const result = (await handle.result()) as OrderExecutionResult
    expect(result.outcome).toBe('placed')
    expect(result.attempts[0]!.reconciled).toBe(true)
    expect(await stack.sim.control.receivedOrders('kraken', { clientOrderId: result.clientOrderId })).toHaveLength(1)
    const execution = (await getExecution(stack.db, workflowId))!
    expect(execution.status).toBe('completed')
    expect(execution.attempts[0]!.status).toBe('closed')
    await captureHistory(stack.client, workflowId, 'order-unresolved-then-settled')
  }, 120_000)

  it('settles a "duplicate client order id" answer by lookup: the venue has the order', async () => {
    // An open order under this id reached Binance before the workflow sent it (an earlier request of the same order).
    const clientOrderId = `dup-${Date.now()}`
    const limit = { symbol: 'BTC/USDT', side: 'buy' as const, type: 'limit' as const, amount: '0.01', price: '60000' }
    const earlier = await stack.registry.get('binance').placeOrder({ ...limit, clientOrderId })
    expect(earlier.status).toBe('open')
    const { result } = await placeUntilPlaced<OrderExecutionResult>(stack, {
      exchange: 'binance',
      order: { ...limit, clientOrderId },
      reconcileGraceMs: 200,
    })
    expect(result.outcome).toBe('placed')
    expect(result.attempts[0]).toMatchObject({ reconciled: true })
    expect(result.order).toMatchObject({ id: earlier.id, status: 'open' })
    expect(await stack.sim.control.receivedOrders('binance', { clientOrderId })).toHaveLength(1)
  })

  it('settles a market order whose acknowledgement could not be read back, instead of ending it open', async () => {
    // Coinbase acknowledges `pending`; its answer is held while the venue starts failing, so the read-back fails
    // and the connector can only report the acknowledgement: open, nothing filled.
    const before = (await stack.sim.control.receivedOrders('coinbase', { symbol: 'BTC/USDT' })).length
    await stack.sim.control.setFaults('coinbase', { holdOrderResponsesMs: 1_500 })
    const handle = await stack.client.workflow.start('placeOrderWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: `immediate-open-${Date.now()}`,
      args: [{ exchange: 'coinbase', order, reconcileGraceMs: 200, unresolvedAfterMs: 2_000 }],
    })
    const arrived = async () =>
      (await stack.sim.control.receivedOrders('coinbase', { symbol: 'BTC/USDT' })).length > before
    await waitFor('the order at coinbase', async () => ((await arrived()) ? true : undefined))
    await stack.sim.control.setFaults('coinbase', { errorRate: 1 })
    await waitFor('the order to be unresolved', async () =>
      (await handle.query<{ unresolved?: unknown[] }>('state')).unresolved?.length ? true : undefined
    )
    await stack.sim.control.clearFaults('coinbase')
    const result = (await handle.result()) as OrderExecutionResult
    expect(result.order).toMatchObject({ status: 'closed', filled: '0.25' })
  }, 90_000)

  it('ends a failover with nothing sent anywhere when its client order id was used by another execution', async () => {
    const first = await runWorkflow<OrderExecutionResult>(stack, 'placeOrderWorkflow', {
      exchange: 'coinbase',
      order: { ...order, symbol: 'BTC/USDT' },
    })
    expect(first.result.outcome).toBe('placed')
    const krakenBefore = (await stack.sim.control.receivedOrders('kraken')).length
    const { result } = await runWorkflow<FailoverOrderResult>(stack, 'failoverOrderWorkflow', {
      exchange: 'coinbase',
      // The same UUID in capitals: one client_oid at Coinbase.
      order: { ...order, clientOrderId: first.result.clientOrderId.toUpperCase() },
      backupExchanges: ['kraken'],
    })
    expect(result.outcome).toBe('rejected')
    expect(result.attempts.map((a) => [a.exchange, a.outcome, a.errorType])).toEqual([
      ['coinbase', 'rejected', 'ClientOrderIdInUseError'],
    ])
    expect(
      await stack.sim.control.receivedOrders('coinbase', { clientOrderId: first.result.clientOrderId })
    ).toHaveLength(1)
    expect((await stack.sim.control.receivedOrders('kraken')).length).toBe(krakenBefore)
  })
})

describe('the lookup grace window on a worker whose clock runs a minute ahead', () => {
  let stack: TestStack
  beforeAll(async () => {
    stack = await startTestStack({ workerClockSkewMs: 60_000 })
    await stack.sim.control.setBook('binance', 'BTC/USDT', BOOK)
  })
  afterAll(async () => stack?.close())

  it('still waits for an order that reaches the venue late instead of declaring it absent', async () => {
    // The request is reset on the wire and reaches the venue 1.5 s later: inside the 4 s grace window.
    await stack.sim.control.setFaults('binance', { loseOrderRequests: 1, lateOrderArrivalMs: 1_500 })
    const { result } = await runWorkflow<OrderExecutionResult>(stack, 'placeOrderWorkflow', {
      exchange: 'binance',
      order,
      reconcileGraceMs: 4_000,
    })
    expect(result.outcome).toBe('placed')
    expect(result.attempts[0]!.reconciled).toBe(true)
    expect(await stack.sim.control.receivedOrders('binance', { clientOrderId: result.clientOrderId })).toHaveLength(1)
  })
})
