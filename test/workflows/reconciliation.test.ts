// reconciliationWorkflow on the real dev server against the simulator: orders placed outside the platform, ledger
// rows the venue never got and fills the ledger missed are reported, what the venue's answers settle is settled,
// and the platform's own orders are not reported.
import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ensureReconciliationSchedule } from '../../bin/reconciliation.js'
import { recordExecutionStart } from '../../db/executions.js'
import {
  getOrderAttempt,
  recordOrderIntent,
  updateOrderAttempt,
  type OrderAttemptUpdate,
} from '../../db/order-attempts.js'
import { latestReconciliationReports } from '../../db/reconciliation.js'
import type { Difference } from '../../domain/reconciliation.js'
import type { ExchangeId, UnifiedOrder } from '../../domain/types.js'
import { createConnectorRegistry, loadExchangeSettings, type ConnectorRegistry } from '../../exchanges/registry.js'
import type { OrderExecutionResult } from '../../workflows/place-order.js'
import type { ReconciliationResult } from '../../workflows/reconciliation.js'
import { placeUntilPlaced, runWorkflow } from '../support/run-workflow.js'
import { startTestStack, type TestStack } from '../support/stack.js'

let stack: TestStack
/** Connectors on the same demo accounts as the platform's, but outside it: what they place, the ledger never sees. */
let outside: ConnectorRegistry
const SYMBOL = 'BTC/USDT'
const GRACE_MS = 1_500
const LONG_AGO = Date.now() - 60 * 60_000

beforeAll(async () => {
  stack = await startTestStack()
  outside = createConnectorRegistry(loadExchangeSettings({}), { simulatorUrls: stack.sim.urls })
  for (const venue of ['binance', 'coinbase', 'kraken'] as const) {
    await stack.sim.control.setBook(venue, SYMBOL, { bids: [['60000', '50']], asks: [['60010', '50']] })
  }
})
afterAll(async () => {
  await outside?.close()
  await stack?.close()
})

const shortId = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`

/** A ledger row as the platform would have left it, last touched long ago. */
async function ledgerRow(exchange: ExchangeId, clientOrderId: string, update: OrderAttemptUpdate) {
  const executionId = `recon-test-${randomUUID()}`
  await recordExecutionStart(stack.db, { id: executionId, strategy: 'order', symbol: SYMBOL, request: {} })
  await recordOrderIntent(stack.db, {
    clientOrderId,
    executionId,
    role: 'primary',
    seq: 0,
    exchange,
    symbol: SYMBOL,
    side: 'buy',
    type: 'market',
    amount: '0.01',
  })
  await updateOrderAttempt(stack.db, clientOrderId, update, LONG_AGO)
}

async function placeThroughPlatform(exchange: ExchangeId, order: { type: 'market' | 'limit'; price?: string }) {
  const { result } = await placeUntilPlaced<OrderExecutionResult>(stack, {
    exchange,
    order: { symbol: SYMBOL, side: 'buy', amount: '0.01', ...order },
  })
  expect(result.outcome).toBe('placed')
  return result
}

async function reconcile(exchange: ExchangeId) {
  // Everything above must be older than the grace window, or it would be left to its (imaginary) workflow.
  await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 500))
  const { result } = await runWorkflow<ReconciliationResult>(
    stack,
    'reconciliationWorkflow',
    { exchanges: [exchange], graceMs: GRACE_MS },
    'reconciliation'
  )
  const [report] = await latestReconciliationReports(stack.db, exchange)
  expect(report?.runId).toBe(result.runId)
  return { result, report: report! }
}

const summary = (d: Difference) => [d.kind, d.clientOrderId ?? d.exchangeOrderId, d.settled]

describe('reconciliationWorkflow', () => {
  it('reports an order placed outside the platform, a sent order the venue never got and a stale fill, and settles the fill', async () => {
    // The platform's own orders, consistent with the venue: not reported.
    await placeThroughPlatform('binance', { type: 'market' })
    const resting = await placeThroughPlatform('binance', { type: 'limit', price: '55000' })
    expect(resting.order?.status).toBe('open')

    const manual = await outside.get('binance').placeOrder({
      symbol: SYMBOL,
      side: 'buy',
      type: 'limit',
      amount: '0.01',
      price: '50000',
      clientOrderId: shortId('manual'),
    })
    const ghost = shortId('ghost')
    await ledgerRow('binance', ghost, { status: 'sent' })
    const staleId = shortId('stale')
    const filled: UnifiedOrder = await outside
      .get('binance')
      .placeOrder({ symbol: SYMBOL, side: 'buy', type: 'market', amount: '0.01', clientOrderId: staleId })
    expect(filled.status).toBe('closed')
    await ledgerRow('binance', staleId, { status: 'open', exchangeOrderId: filled.id, filled: '0' })

    const { result, report } = await reconcile('binance')

    expect(result.venues).toEqual([{ exchange: 'binance', status: 'ok', differences: 3, settled: 1 }])
    expect(report.status).toBe('ok')
    expect(report.symbols).toContain(SYMBOL)
    expect(report.differences.map(summary)).toEqual([
      ['unknown_to_ledger', manual.id, false],
      ['unknown_to_venue', ghost, false],
      ['fill_not_recorded', staleId, true],
    ])
    expect(report.differences[0]!.venue).toMatchObject({ status: 'open', price: '50000', source: 'open_orders' })
    expect(report.differences[2]).toMatchObject({
      ledger: { status: 'open', filled: '0' },
      venue: { status: 'closed', filled: '0.01' },
    })
    expect(report.settledCount).toBe(1)
    expect(await getOrderAttempt(stack.db, staleId)).toMatchObject({
      status: 'closed',
      filled: '0.01',
      exchangeOrderId: filled.id,
    })
    // Reported, never changed: its execution is still running, so its workflow may yet send it.
    expect(await getOrderAttempt(stack.db, ghost)).toMatchObject({ status: 'sent', updatedAt: LONG_AGO })
    // Nothing was sent by reconciliation.
    expect(await stack.sim.control.receivedOrders('binance', { clientOrderId: ghost })).toHaveLength(0)

    // A second run still reports what is still different, and no longer what it settled.
    const again = await reconcile('binance')
    expect(again.report.differences.map(summary)).toEqual([
      ['unknown_to_ledger', manual.id, false],
      ['unknown_to_venue', ghost, false],
    ])
    await outside.get('binance').cancelOrder({ symbol: SYMBOL, id: manual.id })
  })

  it("finds filled orders the ledger lacks or under-records in the account's fills (Kraken trade history)", async () => {
    await placeThroughPlatform('kraken', { type: 'market' })
    const lost = await outside
      .get('kraken')
      .placeOrder({ symbol: SYMBOL, side: 'buy', type: 'market', amount: '0.01', clientOrderId: shortId('lost') })
    const staleId = shortId('stale')
    const filled = await outside
      .get('kraken')
      .placeOrder({ symbol: SYMBOL, side: 'buy', type: 'market', amount: '0.01', clientOrderId: staleId })
    // The ledger thinks nothing filled before the cancel: only the fills say otherwise (finished rows are not looked up).
    await ledgerRow('kraken', staleId, { status: 'canceled', exchangeOrderId: filled.id, filled: '0' })

    const { report } = await reconcile('kraken')

    expect(report.checked?.fills).toBeGreaterThanOrEqual(3)
    expect(report.differences.map(summary)).toEqual([
      ['fill_not_recorded', staleId, true],
      ['unknown_to_ledger', lost.id, false],
    ])
    expect(report.differences[1]!.venue).toMatchObject({ source: 'fills', filled: '0.01', status: 'unknown' })
    expect(await getOrderAttempt(stack.db, staleId)).toMatchObject({ status: 'closed', filled: '0.01' })
  })

  it('matches Coinbase orders to the ledger through the client_oid the connector gave them', async () => {
    await placeThroughPlatform('coinbase', { type: 'limit', price: '55000' })
    // An answer lost after Coinbase accepted: the ledger says sent, the venue lists the order as open.
    const lostAnswer = shortId('lost-answer-')
    const placed = await outside.get('coinbase').placeOrder({
      symbol: SYMBOL,
      side: 'buy',
      type: 'limit',
      amount: '0.01',
      price: '54000',
      clientOrderId: lostAnswer,
    })
    await ledgerRow('coinbase', lostAnswer, { status: 'sent' })

    const { report } = await reconcile('coinbase')

    expect(report.differences.map(summary)).toEqual([['status_not_recorded', lostAnswer, true]])
    expect(await getOrderAttempt(stack.db, lostAnswer)).toMatchObject({
      status: 'open',
      exchangeOrderId: placed.id,
      filled: '0',
    })
  })

  // The market-data retry budget (one minute) runs out before the venue is reported failed.
  it('reports a venue it cannot read as failed', { timeout: 120_000 }, async () => {
    await stack.sim.control.setFaults('kraken', { down: true })
    try {
      const { result } = await runWorkflow<ReconciliationResult>(
        stack,
        'reconciliationWorkflow',
        { exchanges: ['kraken'] },
        'reconciliation'
      )
      expect(result.venues).toMatchObject([{ exchange: 'kraken', status: 'failed' }])
      expect((await latestReconciliationReports(stack.db, 'kraken'))[0]).toMatchObject({
        status: 'failed',
        checked: null,
      })
    } finally {
      await stack.sim.control.clearFaults('kraken')
    }
  })
})

describe('ensureReconciliationSchedule', () => {
  it('creates the schedule with its first run now, and is safe to call again', async () => {
    const scheduleId = `reconciliation-test-${randomUUID()}`
    const env = { RECONCILE_INTERVAL_MS: String(60 * 60_000), RECONCILE_GRACE_MS: '1000' }
    try {
      await ensureReconciliationSchedule(stack.client, stack.taskQueue, { scheduleId, env })
      await ensureReconciliationSchedule(stack.client, stack.taskQueue, { scheduleId, env })
      const description = await stack.client.schedule.getHandle(scheduleId).describe()
      expect(description.spec.intervals).toMatchObject([{ every: 60 * 60_000 }])
      expect(description.action).toMatchObject({
        workflowType: 'reconciliationWorkflow',
        taskQueue: stack.taskQueue,
        args: [{ graceMs: 1000 }],
      })
      // The immediate run reports every venue without waiting for the interval.
      await expect
        .poll(
          async () =>
            (await latestReconciliationReports(stack.db)).filter((r) => r.runId.startsWith(scheduleId)).length,
          {
            timeout: 30_000,
          }
        )
        .toBe(3)
    } finally {
      await stack.client.schedule.getHandle(scheduleId).delete()
    }
  })
})
