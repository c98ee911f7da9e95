// failoverOrderWorkflow on the real dev server against the simulator: it walks its backup list only after a
// definitive failure, and an unknown outcome is resolved by lookup, never by a second order.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { getExecution } from '../../db/executions.js'
import type { FailoverOrderResult } from '../../workflows/failover-order.js'
import { captureHistory } from '../support/histories.js'
import { runWorkflow } from '../support/run-workflow.js'
import { startTestStack, type TestStack } from '../support/stack.js'
import { DEFAULT_RISK_LIMITS } from '../../domain/risk/config.js'

// Orders above the demo-safe notional cap (1M): these tests are about what the venues refuse, not the risk limits.
const VENUE_REFUSAL_LIMITS = { ...DEFAULT_RISK_LIMITS, maxOrderNotional: '100000000' }

let stack: TestStack
const BOOK = { bids: [['63990', '5'] as [string, string]], asks: [['64010', '5'] as [string, string]] }

beforeAll(async () => {
  stack = await startTestStack({ riskLimits: VENUE_REFUSAL_LIMITS })
  for (const venue of ['binance', 'coinbase', 'kraken'] as const)
    await stack.sim.control.setBook(venue, 'BTC/USDT', BOOK)
})
afterEach(async () => stack.sim.control.clearFaults())
afterAll(async () => stack?.close())

const order = { symbol: 'BTC/USDT', side: 'buy' as const, type: 'market' as const, amount: '0.25' }

describe('failoverOrderWorkflow', () => {
  it('fills on the primary when it is up, and tries no backup', async () => {
    const { result } = await runWorkflow<FailoverOrderResult>(stack, 'failoverOrderWorkflow', {
      exchange: 'binance',
      order,
      backupExchanges: ['kraken', 'coinbase'],
    })
    expect(result.outcome).toBe('placed')
    expect(result.exchange).toBe('binance')
    expect(result.attempts.map((a) => a.exchange)).toEqual(['binance'])
  })

  it('walks the backup list when the primary is down for maintenance', async () => {
    await stack.sim.control.setFaults('binance', { down: true })
    const { workflowId, result } = await runWorkflow<FailoverOrderResult>(
      stack,
      'failoverOrderWorkflow',
      {
        exchange: 'binance',
        order,
        backupExchanges: ['kraken', 'coinbase'],
      },
      'failover'
    )
    expect(result.outcome).toBe('placed')
    expect(result.exchange).toBe('kraken')
    expect(result.attempts.map((a) => [a.exchange, a.outcome])).toEqual([
      ['binance', 'not_placed'],
      ['kraken', 'placed'],
    ])
    expect(result.attempts[0]!.errorType).toBe('ExchangeUnavailableError')
    expect(result.order).toMatchObject({ exchange: 'kraken', status: 'closed', filled: '0.25' })
    expect(
      await stack.sim.control.receivedOrders('binance', { clientOrderId: result.attempts[0]!.clientOrderId })
    ).toHaveLength(0)

    // The pre-trade check could not read binance's book (in maintenance), so binance's order never reached its
    // ledger row or the venue; the execution's result keeps the attempt and why.
    const execution = (await getExecution(stack.db, workflowId))!
    expect(execution.attempts.map((a) => [a.exchange, a.role, a.status])).toEqual([['kraken', 'backup', 'closed']])
    expect(result.attempts[0]!.message).toMatch(/pre-trade check could not run/)
    await captureHistory(stack.client, workflowId, 'failover-primary-down-risk-gate')
  })

  it("moves on after a definitive rejection (below the primary's minimum notional)", async () => {
    // 0.00005 BTC ≈ 3.2 USDT: under Binance's 5 USDT minimum notional, above Coinbase's 1.
    const { result } = await runWorkflow<FailoverOrderResult>(stack, 'failoverOrderWorkflow', {
      exchange: 'binance',
      order: { ...order, amount: '0.00005' },
      backupExchanges: ['coinbase'],
    })
    expect(result.attempts.map((a) => [a.exchange, a.outcome, a.errorType])).toEqual([
      ['binance', 'rejected', 'InvalidOrderError'],
      ['coinbase', 'placed', undefined],
    ])
    expect(result.attempts[0]!.message).toMatch(/notional/i)
    expect(result.exchange).toBe('coinbase')
    expect(
      await stack.sim.control.receivedOrders('binance', { clientOrderId: result.attempts[0]!.clientOrderId })
    ).toHaveLength(0)
  })

  it('never places on a backup when the primary accepted the order but its answer was lost', async () => {
    await stack.sim.control.setFaults('binance', { dropOrderResponses: 1 })
    const krakenBefore = (await stack.sim.control.receivedOrders('kraken')).length
    const { workflowId, result } = await runWorkflow<FailoverOrderResult>(
      stack,
      'failoverOrderWorkflow',
      {
        exchange: 'binance',
        order,
        backupExchanges: ['kraken'],
        reconcileGraceMs: 500,
      },
      'failover'
    )
    expect(result.outcome).toBe('placed')
    expect(result.exchange).toBe('binance')
    expect(result.attempts).toHaveLength(1)
    expect(result.attempts[0]!.reconciled).toBe(true)
    const clientOrderId = result.attempts[0]!.clientOrderId
    expect(await stack.sim.control.receivedOrders('binance', { clientOrderId })).toHaveLength(1)
    expect((await stack.sim.control.receivedOrders('kraken')).length).toBe(krakenBefore)
    expect((await getExecution(stack.db, workflowId))!.attempts[0]).toMatchObject({ clientOrderId, status: 'closed' })
    await captureHistory(stack.client, workflowId, 'failover-unknown-outcome-reconciled')
  })

  it('reports a rejection on every venue with each error', async () => {
    const { result } = await runWorkflow<FailoverOrderResult>(stack, 'failoverOrderWorkflow', {
      exchange: 'binance',
      // 100 BTC at 64010 = 6.4M USDT, more than either demo account holds
      order: { ...order, type: 'limit', price: '64010', amount: '100' },
      backupExchanges: ['kraken'],
    })
    expect(result.outcome).toBe('rejected')
    expect(result.attempts.map((a) => [a.exchange, a.errorType])).toEqual([
      ['binance', 'InsufficientBalanceError'],
      ['kraken', 'InsufficientBalanceError'],
    ])
  })
})
