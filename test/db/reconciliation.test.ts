// Reconciliation's queries (db/reconciliation.ts) on SQLite and on PostgreSQL: the ledger rows a venue run compares,
// the guarded settlement of a row, and the reports with their JSON (differences, checked counts) read back as written.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'

import { openDatabase, type GatewayDb, type OpenedDatabase } from '../../db/client.js'
import { recordExecutionEnd } from '../../db/executions.js'
import { getOrderAttempt } from '../../db/order-attempts.js'
import {
  latestReconciliationReports,
  ledgerRowsForReconciliation,
  ledgerSymbols,
  reconciliationWarning,
  saveReconciliationReport,
  settleOrderAttempt,
  type ReconciliationReport,
} from '../../db/reconciliation.js'
import type { Difference } from '../../domain/reconciliation.js'
import { DIALECTS, dropTestDatabases, freshDatabaseTarget } from '../support/test-databases.js'
import { seedOrder } from './ledger-fixtures.js'

afterAll(dropTestDatabases)

const DIFFERENCE: Difference = {
  kind: 'fill_not_recorded',
  symbol: 'BTC/USDT',
  clientOrderId: 'r1',
  exchangeOrderId: 'X1',
  executionId: 'e-open',
  ledger: { status: 'open', filled: '0.10' },
  venue: {
    id: 'X1',
    clientOrderId: 'r1',
    symbol: 'BTC/USDT',
    side: 'buy',
    status: 'closed',
    amount: '1.00000000',
    price: '60000.5',
    filled: '1.00000000',
    timestamp: 1_741_608_000_000,
    source: 'lookup',
  },
  settled: true,
}

const report = (over: Partial<ReconciliationReport>): ReconciliationReport => ({
  runId: 'run-1',
  exchange: 'binance',
  status: 'ok',
  startedAt: 10_000,
  completedAt: 11_000,
  symbols: ['BTC/USDT', 'ETH/USDT'],
  checked: { openOrders: 2, fills: null, ledgerRows: 5, lookups: 1, deferred: 0 },
  differences: [DIFFERENCE],
  settledCount: 1,
  ...over,
})

describe.each(DIALECTS)('%s', (dialect) => {
  let opened: OpenedDatabase
  let db: GatewayDb
  beforeEach(async () => {
    opened = await openDatabase(await freshDatabaseTarget(dialect))
    db = opened.db
  })
  afterEach(() => opened.close())

  it('reads the venue’s in-flight, recent and named ledger rows with their execution’s status', async () => {
    const old = { createdAt: 100, updatedAt: 100 }
    await seedOrder(db, { clientOrderId: 'r1', executionId: 'e-open', status: 'open', exchangeOrderId: 'X1', ...old })
    await seedOrder(db, { clientOrderId: 'r2', executionId: 'e-done', status: 'closed', filled: '1', ...old })
    await seedOrder(db, {
      clientOrderId: 'r3',
      executionId: 'e-done',
      status: 'closed',
      createdAt: 100,
      updatedAt: 5000,
    })
    await seedOrder(db, { clientOrderId: 'r4', executionId: 'e-done', status: 'closed', exchangeOrderId: 'X4', ...old })
    await seedOrder(db, { clientOrderId: 'r5', executionId: 'e-done', status: 'canceled', ...old })
    await seedOrder(db, { clientOrderId: 'r6', executionId: 'e-open', exchange: 'kraken', status: 'open', ...old })
    await seedOrder(db, { clientOrderId: 'r7', executionId: 'e-open', symbol: 'ETH/USDT', status: 'sent', ...old })
    await recordExecutionEnd(db, 'e-done', { status: 'completed', outcome: 'filled' }, 200)

    const query = { exchange: 'binance', since: 4000, venueOrderIds: ['X4'], clientOrderIds: ['r5'] }
    const rows = await ledgerRowsForReconciliation(db, query)
    const seen = rows.map((r) => [r.clientOrderId, r.executionStatus]).sort()
    expect(seen).toEqual([
      ['r1', 'running'],
      ['r3', 'completed'],
      ['r4', 'completed'],
      ['r5', 'completed'],
      ['r7', 'running'],
    ])
    expect(rows.find((r) => r.clientOrderId === 'r1')).toStrictEqual({
      ...(await getOrderAttempt(db, 'r1')),
      executionStatus: 'running',
    })
    const btc = await ledgerRowsForReconciliation(db, { ...query, symbols: ['BTC/USDT'] })
    expect(btc.map((r) => r.clientOrderId).sort()).toEqual(['r1', 'r3', 'r4', 'r5'])
    const inFlightOnly = await ledgerRowsForReconciliation(db, { ...query, venueOrderIds: [], clientOrderIds: [] })
    expect(inFlightOnly.map((r) => r.clientOrderId).sort()).toEqual(['r1', 'r3', 'r7'])

    expect((await ledgerSymbols(db, 'binance')).sort()).toEqual(['BTC/USDT', 'ETH/USDT'])
    expect(await ledgerSymbols(db, 'coinbase')).toEqual([])
  })

  it('settles a row from the venue’s answer only if nobody wrote it since it was read', async () => {
    await seedOrder(db, { clientOrderId: 'r1', status: 'open', filled: '0.10', createdAt: 100, updatedAt: 150 })
    const answer = { status: 'closed', filled: '1.00000000', average: '60000.5', cost: '60000.50000000' }
    expect(await settleOrderAttempt(db, 'r1', answer, { expectedUpdatedAt: 149, at: 9000 })).toBe(false)
    expect(await getOrderAttempt(db, 'r1')).toMatchObject({ status: 'open', filled: '0.10', updatedAt: 150 })
    expect(await settleOrderAttempt(db, 'r1', answer, { expectedUpdatedAt: 150, at: 9000 })).toBe(true)
    expect(await getOrderAttempt(db, 'r1')).toMatchObject({ ...answer, updatedAt: 9000 })
    expect(await settleOrderAttempt(db, 'r1', answer, { expectedUpdatedAt: 150, at: 9001 })).toBe(false)
  })

  it('stores a report per run and venue (a retry replaces its own) and reads each venue’s latest, newest first', async () => {
    expect(await latestReconciliationReports(db)).toEqual([])
    expect(await reconciliationWarning(db)).toBeUndefined()

    await saveReconciliationReport(db, report({ settledCount: 0 }))
    await saveReconciliationReport(db, report({})) // the activity's retry
    const failed = report({
      exchange: 'kraken',
      status: 'failed',
      symbols: [],
      checked: null,
      differences: [],
      settledCount: 0,
      error: 'ExchangeUnavailableError: 503',
      completedAt: 12_000,
    })
    await saveReconciliationReport(db, failed)
    expect(await latestReconciliationReports(db)).toStrictEqual([failed, report({})])
    expect(JSON.stringify((await latestReconciliationReports(db, 'binance'))[0]!.differences)).toBe(
      JSON.stringify([DIFFERENCE])
    )
    expect(await reconciliationWarning(db)).toBe(
      'reconciliation with the venues: binance: 1 difference(s), kraken: could not be read (GET /api/reconciliation)'
    )

    const clean = report({ runId: 'run-2', differences: [], settledCount: 0, startedAt: 20_000, completedAt: 21_000 })
    await saveReconciliationReport(db, clean)
    expect(await latestReconciliationReports(db)).toStrictEqual([clean, failed])
    expect(await latestReconciliationReports(db, 'kraken')).toStrictEqual([failed])
    expect(await reconciliationWarning(db)).toBe(
      'reconciliation with the venues: kraken: could not be read (GET /api/reconciliation)'
    )
  })
})
