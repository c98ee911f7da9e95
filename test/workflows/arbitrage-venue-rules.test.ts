// arbitrageWorkflow against the venues' order-size rules, on the dev server and the simulator. BTC/USDT there:
// binance step 0.00001, minimum 0.00001 BTC and 5 USDT; kraken step 0.00000001, minimum 0.0001 BTC and 0.5 USDT.
import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { ArbitrageResult, ArbitrageState } from '../../workflows/arbitrage.js'
import { startTestStack, type TestStack } from '../support/stack.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ exchanges: ['binance', 'kraken'] })
})
beforeEach(async () => stack.sim.control.clearFaults())
afterAll(async () => stack?.close())

const orderCount = async () =>
  (await stack.sim.control.receivedOrders('binance')).length + (await stack.sim.control.receivedOrders('kraken')).length

describe('arbitrage sizing within both venues rules', () => {
  it('sends no leg when the profitable size is below one venue minimum (instead of unwinding the other at a loss)', async () => {
    // buy on binance at 63000, sell on kraken at 64000: profitable, but 0.00009 BTC is below kraken's 0.0001.
    await stack.sim.control.setBook('binance', 'BTC/USDT', { bids: [['62900', '50']], asks: [['63000', '1']] })
    await stack.sim.control.setBook('kraken', 'BTC/USDT', { bids: [['64000', '1']], asks: [['64100', '50']] })
    const before = await orderCount()
    const input = {
      symbol: 'BTC/USDT',
      buyExchange: 'binance',
      sellExchange: 'kraken',
      minProfitPct: 0.1,
      amount: '0.00009',
    }
    const result = (await stack.client.workflow.execute('arbitrageWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: `arb-min-${randomUUID()}`,
      args: [input],
    })) as ArbitrageResult
    expect(result.outcome).toBe('no_opportunity')
    expect(result.reason).toContain("below kraken's minimum amount 0.0001")
    expect(result.legs).toEqual([])
    expect(await orderCount()).toBe(before)
  })
})

describe('arbitrage unwind within the venue step', () => {
  it('floors the unwind to the venue step and reports the dust instead of sending orders the venue refuses', async () => {
    // buy on kraken at 63000 (0.24 % fee), sell on binance at 64000 (0.10 %): about 1.2 % net on 1 BTC.
    await stack.sim.control.setBook('kraken', 'BTC/USDT', { bids: [['62900', '50']], asks: [['63000', '1']] })
    await stack.sim.control.setBook('binance', 'BTC/USDT', { bids: [['64000', '1']], asks: [['64100', '50']] })
    // kraken answers slowly, so its buy leg reaches the book after the test has thinned it: it fills 0.50000123
    // (kraken's 8 decimals) while binance sells 1. Buying back 0.49999877 on binance (step 0.00001) leaves dust.
    await stack.sim.control.setFaults('kraken', { latencyMs: 2_000 })
    const workflowId = `arb-dust-${randomUUID()}`
    const input = {
      symbol: 'BTC/USDT',
      buyExchange: 'kraken',
      sellExchange: 'binance',
      minProfitPct: 0.1,
      amount: '1',
      reconcileGraceMs: 500,
    }
    const handle = await stack.client.workflow.start('arbitrageWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId,
      args: [input],
    })
    for (let i = 0; i < 400; i++) {
      const state = (await handle.query('state')) as ArbitrageState
      if (state.phase !== 'checking') break
      await new Promise((r) => setTimeout(r, 20))
    }
    await stack.sim.control.setBook('kraken', 'BTC/USDT', { bids: [['62900', '50']], asks: [['63000', '0.50000123']] })
    await stack.sim.control.clearFaults('kraken')

    const result = (await handle.result()) as ArbitrageResult
    expect(result.legs.map((l) => [l.exchange, l.role, l.order?.side, l.order?.filled])).toEqual([
      ['kraken', 'buy-leg', 'buy', '0.50000123'],
      ['binance', 'sell-leg', 'sell', '1'],
      ['binance', 'unwind', 'buy', '0.49999'],
    ])
    expect(result).toMatchObject({
      outcome: 'unwound',
      flat: true,
      dust: { exchange: 'binance', side: 'buy', amount: '0.00000877' },
    })
    expect(result.dust?.reason).toContain("below binance's amount step 0.00001")
    expect(result.realisedProfit.residualAmount).toBe('-0.00000877')
  })
})
