// arbitrageWorkflow and arbitrageMonitorWorkflow on the dev server against the simulator. Books are pinned so that
// buying BTC on binance and selling it on kraken is profitable after both taker fees.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { getExecution } from '../../db/executions.js'
import { sub } from '../../domain/money.js'
import { SA } from '../../temporal.config.js'
import type { ArbitrageResult } from '../../workflows/arbitrage.js'
import { setSpread } from '../support/arbitrage-books.js'
import { captureHistory } from '../support/histories.js'
import { runWorkflow } from '../support/run-workflow.js'
import { waitFor } from '../support/wait-for.js'
import { startTestStack, type TestStack } from '../support/stack.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ exchanges: ['binance', 'kraken'] })
})
beforeEach(async () => stack.sim.control.clearFaults())
afterAll(async () => stack?.close())

const base = {
  symbol: 'BTC/USDT',
  buyExchange: 'binance',
  sellExchange: 'kraken',
  minProfitPct: 0.1,
  reconcileGraceMs: 500,
}

describe('arbitrageWorkflow', () => {
  it('fills both legs and reports the realised profit after fees', async () => {
    await setSpread(stack.sim, '1')
    const { workflowId, result } = await runWorkflow<ArbitrageResult>(stack, 'arbitrageWorkflow', base, 'arb')
    expect(result.outcome).toBe('completed')
    expect(result.flat).toBe(true)
    expect(result.legs.map((l) => [l.exchange, l.role, l.order?.side, l.order?.filled])).toEqual([
      ['binance', 'buy-leg', 'buy', '1'],
      ['kraken', 'sell-leg', 'sell', '1'],
    ])
    // 64000 − 63000 − 63 (0.10 % of 63000) − 153.6 (0.24 % of 64000)
    expect(result.profit).toBe('783.4')
    const execution = (await getExecution(stack.db, workflowId))!
    expect(execution).toMatchObject({ strategy: 'arbitrage', status: 'completed', profit: '783.4' })
    expect(execution.attempts.map((a) => a.role)).toEqual(['buy-leg', 'sell-leg'])
    await captureHistory(stack.client, workflowId, 'arbitrage-both-legs')
  })

  it('unwinds the filled leg when the other is rejected, leaving the position flat', async () => {
    // kraken's demo account holds 10 BTC, so selling 12 there is refused while buying 12 on binance fills.
    await setSpread(stack.sim, '12')
    const btcBefore = (await stack.sim.control.balances('binance')).BTC!
    const { workflowId, result } = await runWorkflow<ArbitrageResult>(
      stack,
      'arbitrageWorkflow',
      { ...base, amount: '12' },
      'arb'
    )
    expect(result.outcome).toBe('unwound')
    expect(result.flat).toBe(true)
    expect(result.legs.map((l) => [l.exchange, l.role, l.outcome])).toEqual([
      ['binance', 'buy-leg', 'placed'],
      ['kraken', 'sell-leg', 'rejected'],
      ['binance', 'unwind', 'placed'],
    ])
    expect(result.legs[1]!.errorType).toBe('InsufficientBalanceError')
    expect(result.legs[2]!.order).toMatchObject({ side: 'sell', filled: '12', type: 'market' })
    // bought 12 at 63000, sold 12 back at 62900, both fees in USDT: a loss, and not one BTC more or less.
    expect(result.profit.startsWith('-')).toBe(true)
    const btcAfter = (await stack.sim.control.balances('binance')).BTC!
    expect(sub(btcAfter.free, btcBefore.free)).toBe('0')
    const execution = (await getExecution(stack.db, workflowId))!
    expect(execution.attempts.map((a) => [a.role, a.status])).toEqual([
      ['buy-leg', 'closed'],
      ['sell-leg', 'rejected'],
      ['unwind', 'closed'],
    ])
    await captureHistory(stack.client, workflowId, 'arbitrage-unwound')
  })

  it('keeps unwinding, further and further apart, while the venue has no one to sell to, until it is flat', async () => {
    // Nobody bids on binance: the bought 12 BTC cannot be sold back until bids return after the third unwind order.
    await setSpread(stack.sim, '12')
    await stack.sim.control.setBook('binance', 'BTC/USDT', { bids: [], asks: [['63000', '12']] })
    const workflowId = `arb-patient-${Date.now()}`
    const handle = await stack.client.workflow.start('arbitrageWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId,
      args: [{ ...base, amount: '12' }],
    })
    const unwindOrders = async () =>
      (await getExecution(stack.db, workflowId))?.attempts.filter((a) => a.role === 'unwind') ?? []
    // three refused: the ledger row of an order is written before it is sent, so count only the ones answered
    const refused = async () => (await unwindOrders()).filter((a) => a.status === 'rejected').length
    await waitFor('three refused unwind orders', async () => ((await refused()) >= 3 ? true : undefined))
    await stack.sim.control.setBook('binance', 'BTC/USDT', { bids: [['62900', '50']], asks: [['63000', '50']] })
    const result = (await handle.result()) as ArbitrageResult
    expect(result).toMatchObject({ outcome: 'unwound', flat: true })
    const unwinds = result.legs.filter((leg) => leg.role === 'unwind')
    expect(unwinds.map((leg) => leg.outcome)).toEqual(['rejected', 'rejected', 'rejected', 'placed'])
    expect(unwinds[3]!.order).toMatchObject({ side: 'sell', filled: '12' })
    // the 4th order waited 8 s after the 3rd (2 s, 4 s, 8 s): the gap grows
    const sent = (await unwindOrders()).map((a) => a.createdAt)
    expect(sent[3]! - sent[2]!).toBeGreaterThanOrEqual(8_000)
    await captureHistory(stack.client, workflowId, 'arbitrage-patient-unwind')
  })

  it('sends nothing when the re-check finds no profitable size', async () => {
    await stack.sim.control.setBook('binance', 'BTC/USDT', { bids: [['63990', '5']], asks: [['64000', '5']] })
    await stack.sim.control.setBook('kraken', 'BTC/USDT', { bids: [['64005', '5']], asks: [['64010', '5']] })
    const before = (await stack.sim.control.receivedOrders('binance')).length
    const { result } = await runWorkflow<ArbitrageResult>(stack, 'arbitrageWorkflow', base, 'arb')
    expect(result.outcome).toBe('no_opportunity')
    expect(result.legs).toEqual([])
    expect((await stack.sim.control.receivedOrders('binance')).length).toBe(before)
  })
})

describe('arbitrageMonitorWorkflow', () => {
  it('auto-executes an opportunity above its threshold as a child arbitrage, at most maxExecutions times', async () => {
    await setSpread(stack.sim, '1')
    const workflowId = `monitor-auto-${Date.now()}`
    await stack.client.workflow.start('arbitrageMonitorWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId,
      args: [
        {
          symbols: ['BTC/USDT'],
          exchanges: ['binance', 'kraken'],
          intervalMs: 200,
          minProfitPct: 0.1,
          autoExecute: { enabled: true, minProfitPct: 0.5, maxExecutions: 1 },
        },
      ],
    })
    let view: any
    for (let i = 0; i < 100; i++) {
      view = await stack.client.workflow.getHandle(workflowId).query('opportunities')
      if (view.executions >= 1 && view.scans >= 3) break
      await new Promise((r) => setTimeout(r, 200))
    }
    expect(view.executions).toBe(1)
    const childId = view.recentExecutions[0].workflowId as string
    // Outside every Idempotency-Key's id space ('~' is not allowed in a key).
    expect(childId).toBe(`${workflowId}~arb-1`)
    const child: any = await stack.client.workflow.getHandle(childId).result()
    expect(child).toMatchObject({ outcome: 'completed', flat: true, profit: '783.4' })
    const labels = (await stack.client.workflow.getHandle(childId).describe()).typedSearchAttributes
    expect(labels.get(SA.strategy)).toBe('arbitrage')
    expect(labels.get(SA.symbol)).toBe('BTC/USDT')

    await stack.client.workflow.getHandle(workflowId).signal('stop')
    const summary: any = await stack.client.workflow.getHandle(workflowId).result()
    expect(summary.executions).toBe(1)
    // A new fixture name: arbitrage-monitor-auto-execute.json stays as an execution from before the child ids moved.
    await captureHistory(stack.client, workflowId, 'arbitrage-monitor-auto-execute-child-ids')
  })

  it('answers its query with the latest opportunities, continues as new, and stops on a signal', async () => {
    await setSpread(stack.sim, '1')
    const workflowId = `monitor-${Date.now()}`
    const handle = await stack.client.workflow.start('arbitrageMonitorWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId,
      args: [
        {
          symbols: ['BTC/USDT'],
          exchanges: ['binance', 'kraken'],
          intervalMs: 200,
          minProfitPct: 0.1,
          maxScansPerRun: 2,
        },
      ],
    })
    const firstRunId = handle.firstExecutionRunId
    let view: any
    for (let i = 0; i < 100; i++) {
      view = await stack.client.workflow.getHandle(workflowId).query('opportunities')
      if (view.scans >= 5) break
      await new Promise((r) => setTimeout(r, 200))
    }
    expect(view.scans).toBeGreaterThanOrEqual(5)
    expect(view.opportunities['BTC/USDT'][0]).toMatchObject({
      buyExchange: 'binance',
      sellExchange: 'kraken',
      amount: '1',
    })
    const first = await stack.client.workflow.getHandle(workflowId, firstRunId).describe()
    expect(first.status.name).toBe('CONTINUED_AS_NEW')

    await stack.client.workflow.getHandle(workflowId).signal('stop')
    const summary: any = await stack.client.workflow.getHandle(workflowId).result()
    expect(summary.stopped).toBe(true)
    expect(await getExecution(stack.db, workflowId)).toMatchObject({ strategy: 'monitor', outcome: 'stopped' })
    await captureHistory(stack.client, workflowId, 'arbitrage-monitor-stopped')
  })
})
