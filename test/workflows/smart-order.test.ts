// smartOrderWorkflow on the dev server, with books pinned through the simulator's control API so that the right
// answer is known: the cheapest venue after fees wins, a thin book forces a split, and a venue that is down or
// rejects the order is passed over for the next-ranked one.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { getExecution } from '../../db/executions.js'
import type { ExchangeId } from '../../domain/types.js'
import type { SmartOrderResult } from '../../workflows/smart-order.js'
import { captureHistory } from '../support/histories.js'
import { runWorkflow } from '../support/run-workflow.js'
import { startTestStack, type TestStack } from '../support/stack.js'
import { DEFAULT_RISK_LIMITS } from '../../domain/risk/config.js'

// Orders above the demo-safe notional cap (1M): these tests are about what the venues refuse, not the risk limits.
const VENUE_REFUSAL_LIMITS = { ...DEFAULT_RISK_LIMITS, maxOrderNotional: '100000000' }

let stack: TestStack
const VENUES: ExchangeId[] = ['binance', 'coinbase', 'kraken']

/** One ask level per venue (and a bid far below, so the books are two-sided). */
async function setAsks(asks: Record<ExchangeId, [string, string]>) {
  for (const venue of VENUES) {
    await stack.sim.control.setBook(venue, 'BTC/USDT', { bids: [['60000', '50']], asks: [asks[venue]] })
  }
}

// Taker fees in the simulator: binance 0.10 %, coinbase 0.25 %, kraken 0.24 %.
// coinbase has the lowest ask (63900) but 63900 × 1.0025 = 64059.75 loses to binance's 63960 × 1.001 = 64023.96.
const CHEAPEST_AFTER_FEES: Record<ExchangeId, [string, string]> = {
  binance: ['63960', '30'],
  coinbase: ['63900', '30'],
  kraken: ['63950', '30'],
}

beforeAll(async () => {
  stack = await startTestStack({ riskLimits: VENUE_REFUSAL_LIMITS })
})
afterEach(async () => stack.sim.control.clearFaults())
afterAll(async () => stack?.close())

const input = (amount: string) => ({
  order: { symbol: 'BTC/USDT', side: 'buy', type: 'market', amount },
  exchanges: VENUES,
  reconcileGraceMs: 500,
})

describe('smartOrderWorkflow', () => {
  it('picks the cheapest venue after fees, not the lowest ask, and records the decision', async () => {
    await setAsks(CHEAPEST_AFTER_FEES)
    const { workflowId, result } = await runWorkflow<SmartOrderResult>(
      stack,
      'smartOrderWorkflow',
      input('0.5'),
      'smart'
    )
    expect(result.outcome).toBe('filled')
    expect(result.selectedExchanges).toEqual(['binance'])
    expect(result.decision.selected).toBe('binance')
    expect(result.decision.candidates.map((c) => c.exchange)).toEqual(['binance', 'coinbase', 'kraken'])
    expect(result.reason).toMatch(/binance/)
    expect(result.expectedAveragePrice).toBe('63960')
    expect(result.actualAveragePrice).toBe('63960')
    expect(result.liquidityScore).toBe(1)
    expect(result.filled).toBe('0.5')
    expect(result.fees).toEqual([{ cost: expect.any(String), currency: expect.any(String) }])

    const execution = (await getExecution(stack.db, workflowId))!
    expect(execution).toMatchObject({ strategy: 'smart', status: 'completed', outcome: 'filled' })
    expect(execution.decisions).toHaveLength(1)
    expect(execution.decisions[0]).toMatchObject({ selected: 'binance', expectedAveragePrice: '63960' })
    expect((execution.decisions[0]!.candidates as unknown[]).length).toBe(3)
    expect(execution.attempts).toMatchObject([{ exchange: 'binance', role: 'routed', status: 'closed', filled: '0.5' }])
    await captureHistory(stack.client, workflowId, 'smart-order-best-venue')
  })

  it('splits across venues when no single book is deep enough', async () => {
    await setAsks({ binance: ['63960', '1'], coinbase: ['63900', '1'], kraken: ['63950', '1.5'] })
    const { workflowId, result } = await runWorkflow<SmartOrderResult>(stack, 'smartOrderWorkflow', input('3'), 'smart')
    expect(result.decision.selected).toBeUndefined()
    expect(result.splitPlan!.allocations.map((a) => [a.exchange, a.amount])).toEqual([
      ['binance', '1'],
      ['coinbase', '1'],
      ['kraken', '1'],
    ])
    expect(result.outcome).toBe('filled')
    expect(result.filled).toBe('3')
    expect(result.selectedExchanges.sort()).toEqual(['binance', 'coinbase', 'kraken'])
    expect(result.orders.map((o) => o.filled)).toEqual(['1', '1', '1'])
    await captureHistory(stack.client, workflowId, 'smart-order-split')
  })

  it('moves to the next-ranked venue after a definitive rejection', async () => {
    // 20 BTC ≈ 1.28M USDT: more than binance's demo account holds; coinbase gets the funds to pay.
    await setAsks(CHEAPEST_AFTER_FEES)
    await stack.sim.control.credit('coinbase', 'USDT', '1000000')
    const { workflowId, result } = await runWorkflow<SmartOrderResult>(
      stack,
      'smartOrderWorkflow',
      input('20'),
      'smart'
    )
    expect(result.decision.selected).toBe('binance')
    expect(result.attempts.map((a) => [a.exchange, a.outcome, a.errorType])).toEqual([
      ['binance', 'rejected', 'InsufficientBalanceError'],
      ['coinbase', 'placed', undefined],
    ])
    expect(result.selectedExchanges).toEqual(['coinbase'])
    expect(result.reason).toMatch(/Moved on to coinbase/)
    await captureHistory(stack.client, workflowId, 'smart-order-moves-on')
  })
  it('re-plans a refused split allocation on the venues that remain', async () => {
    // 40 BTC: binance 10 + coinbase 20 + kraken 10 by price after fees. coinbase cannot pay for 20 BTC (1.28M USDT),
    // so the unfilled 20 are planned again on fresh books without coinbase: binance's deeper level at 64500.
    for (const [venue, asks] of [
      [
        'binance',
        [
          ['63960', '10'],
          ['64500', '25'],
        ],
      ],
      ['coinbase', [['63900', '20']]],
      ['kraken', [['63950', '10']]],
    ] as const) {
      await stack.sim.control.setBook(venue, 'BTC/USDT', {
        bids: [['60000', '50']],
        asks: asks.map(([p, a]) => [p, a] as [string, string]),
      })
    }
    await stack.sim.control.credit('binance', 'USDT', '2000000')
    const { workflowId, result } = await runWorkflow<SmartOrderResult>(
      stack,
      'smartOrderWorkflow',
      input('40'),
      'smart'
    )
    expect(result.splitPlan!.allocations.map((a) => [a.exchange, a.amount])).toEqual([
      ['binance', '10'],
      ['coinbase', '20'],
      ['kraken', '10'],
    ])
    expect(result.attempts.map((a) => [a.exchange, a.outcome, a.errorType])).toEqual([
      ['binance', 'placed', undefined],
      ['coinbase', 'rejected', 'InsufficientBalanceError'],
      ['kraken', 'placed', undefined],
      ['binance', 'placed', undefined],
    ])
    expect(result.outcome).toBe('filled')
    expect(result.filled).toBe('40')
    const decisions = (await getExecution(stack.db, workflowId))!.decisions
    expect(decisions.map((d) => d.selected)).toEqual(['binance,coinbase,kraken', 'binance'])
    expect(decisions[1]!.reason).toMatch(/re-plan of the unfilled 20 without coinbase/)
    await captureHistory(stack.client, workflowId, 'smart-order-split-replanned')
  })

  // Last: the failed calls stay in binance's recent error rate, and the router (rightly) penalises that.
  it('leaves a venue that is down out of the decision', async () => {
    await setAsks(CHEAPEST_AFTER_FEES)
    await stack.sim.control.setFaults('binance', { down: true })
    const { result } = await runWorkflow<SmartOrderResult>(stack, 'smartOrderWorkflow', input('0.5'), 'smart')
    const binance = result.decision.candidates.find((c) => c.exchange === 'binance')!
    expect(binance.rejection).toMatch(/down/)
    expect(result.selectedExchanges).toEqual(['coinbase'])
    expect(result.outcome).toBe('filled')
  })
})
