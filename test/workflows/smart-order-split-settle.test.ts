// A split's IOC allocation that comes back `open` with nothing filled (Coinbase acknowledges `pending`, and here the
// read-back fails) has not finished matching: the smart order settles it from the venue before re-planning, so the
// re-plan never sends its amount a second time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { add } from '../../domain/money.js'
import type { SmartOrderResult } from '../../workflows/smart-order.js'
import { captureHistory } from '../support/histories.js'
import { startTestStack, type TestStack } from '../support/stack.js'
import { waitFor } from '../support/wait-for.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(async () => stack?.close())

describe('smart order split', () => {
  it('settles an allocation still reported open before re-planning, and never overfills', async () => {
    // Neither book holds 1 BTC: a split, 0.6 on each side of the best two levels.
    await stack.sim.control.setBook('coinbase', 'BTC/USDT', { bids: [['63900', '5']], asks: [['64000', '0.6']] })
    await stack.sim.control.setBook('kraken', 'BTC/USDT', { bids: [['63900', '5']], asks: [['64010', '0.6']] })
    // Coinbase executes the IOC at once and holds its `pending` acknowledgement for 2 s.
    await stack.sim.control.setFaults('coinbase', { holdOrderResponsesMs: 2_000 })
    const handle = await stack.client.workflow.start('smartOrderWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: `split-settle-${Date.now()}`,
      args: [
        {
          order: { symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '1' },
          exchanges: ['coinbase', 'kraken'],
          reconcileGraceMs: 200,
          unresolvedAfterMs: 2_000,
        },
      ],
    })
    const [coinbaseOrder] = await waitFor('the split order at coinbase', async () => {
      const received = await stack.sim.control.receivedOrders('coinbase', { symbol: 'BTC/USDT' })
      return received.length > 0 ? received : undefined
    })
    // While the acknowledgement is held, Coinbase starts failing (its read-back will fail: the order stays `open`
    // with 0 filled in the connector's answer), and Kraken's book refills, so a re-plan would find depth there.
    await stack.sim.control.setFaults('coinbase', { errorRate: 1, holdOrderResponsesMs: 2_000 })
    await stack.sim.control.setBook('kraken', 'BTC/USDT', { bids: [['63900', '5']], asks: [['64010', '5']] })

    await waitFor('the open allocation to be unresolved', async () => {
      const state = await handle.query<{ unresolved?: unknown[] }>('state')
      return state.unresolved?.length ? true : undefined
    })
    await stack.sim.control.clearFaults('coinbase')
    const result = (await handle.result()) as SmartOrderResult

    const atCoinbase = await stack.sim.control.receivedOrders('coinbase', { symbol: 'BTC/USDT' })
    const atKraken = await stack.sim.control.receivedOrders('kraken', { symbol: 'BTC/USDT' })
    const filledAtVenues = [...atCoinbase, ...atKraken].reduce((total, o) => add(total, o.filled), '0')
    expect(filledAtVenues).toBe('1')
    expect(result.filled).toBe('1')
    expect(result.outcome).toBe('filled')
    expect(result.orders.find((o) => o.exchange === 'coinbase')).toMatchObject({
      clientOrderId: coinbaseOrder!.clientOrderId,
      filled: '0.6',
    })
    await captureHistory(stack.client, handle.workflowId, 'smart-order-split-open-settled')
  }, 90_000)
})
