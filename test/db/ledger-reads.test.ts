// The ledger's reads on SQLite and on PostgreSQL: GET /api/orders' list (db/order-list.ts), the orders the kill switch
// cancels (db/open-orders.ts) and the metrics' counts (db/ledger-counts.ts): the same rows, and counts and times as
// numbers, on both.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'

import { openDatabase, type GatewayDb, type OpenedDatabase } from '../../db/client.js'
import { recordExecutionEnd } from '../../db/executions.js'
import { executionCounts, orderCountsByStatus, unresolvedOrdersByExchange } from '../../db/ledger-counts.js'
import { openLedgerOrders } from '../../db/open-orders.js'
import { listLedgerOrders } from '../../db/order-list.js'
import { DIALECTS, dropTestDatabases, freshDatabaseTarget } from '../support/test-databases.js'
import { seedExecution, seedOrder } from './ledger-fixtures.js'

afterAll(dropTestDatabases)

const byKeys = <T extends object>(rows: T[]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))

describe.each(DIALECTS)('%s', (dialect) => {
  let opened: OpenedDatabase
  let db: GatewayDb
  beforeEach(async () => {
    opened = await openDatabase(await freshDatabaseTarget(dialect))
    db = opened.db
    // c1..c7 created one after another: statuses across three venues.
    const rows = [
      { exchange: 'binance', symbol: 'BTC/USDT', status: 'closed', filled: '1.000', exchangeOrderId: 'B1' },
      { exchange: 'binance', symbol: 'ETH/USDT', status: 'open', filled: '0.25', exchangeOrderId: 'B2' },
      { exchange: 'kraken', symbol: 'BTC/USDT', status: 'sent' },
      { exchange: 'binance', symbol: 'BTC/USDT', status: 'unknown' },
      {
        exchange: 'kraken',
        symbol: 'BTC/USDT',
        status: 'unknown',
        error: 'timeout',
        errorType: 'OrderOutcomeUnknownError',
      },
      { exchange: 'coinbase', symbol: 'BTC/USD', status: 'pending' },
      { exchange: 'binance', symbol: 'BTC/USDT', status: 'rejected', error: 'insufficient funds' },
    ]
    for (const [i, row] of rows.entries()) {
      const n = i + 1
      await seedOrder(db, { clientOrderId: `c${n}`, seq: n, createdAt: 1000 * n, updatedAt: 1000 * n + 1, ...row })
    }
  })
  afterEach(() => opened.close())

  it('lists the ledger’s orders newest first, by status, venue and symbol, up to the limit', async () => {
    const ids = async (query: Partial<Parameters<typeof listLedgerOrders>[1]>) =>
      (await listLedgerOrders(db, { limit: 10, ...query })).map((o) => o.clientOrderId)
    expect(await ids({})).toEqual(['c7', 'c6', 'c5', 'c4', 'c3', 'c2', 'c1'])
    expect(await ids({ status: 'unknown' })).toEqual(['c5', 'c4'])
    expect(await ids({ exchange: 'kraken' })).toEqual(['c5', 'c3'])
    expect(await ids({ exchange: 'binance', symbol: 'BTC/USDT' })).toEqual(['c7', 'c4', 'c1'])
    expect(await ids({ limit: 2 })).toEqual(['c7', 'c6'])
    expect(await listLedgerOrders(db, { status: 'closed', limit: 10 })).toStrictEqual([
      {
        clientOrderId: 'c1',
        executionId: 'exec-1',
        role: 'primary',
        seq: 1,
        exchange: 'binance',
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        amount: '1',
        price: '100',
        status: 'closed',
        exchangeOrderId: 'B1',
        filled: '1.000',
        average: null,
        cost: null,
        fee: null,
        feeCurrency: null,
        error: null,
        errorType: null,
        createdAt: 1000,
        updatedAt: 1001,
      },
    ])
  })

  it('finds the orders a venue may hold open (open, sent, unknown), oldest first, on one venue or all', async () => {
    expect(await openLedgerOrders(db)).toStrictEqual([
      {
        executionId: 'exec-1',
        exchange: 'binance',
        symbol: 'ETH/USDT',
        clientOrderId: 'c2',
        exchangeOrderId: 'B2',
        status: 'open',
      },
      {
        executionId: 'exec-1',
        exchange: 'kraken',
        symbol: 'BTC/USDT',
        clientOrderId: 'c3',
        exchangeOrderId: null,
        status: 'sent',
      },
      {
        executionId: 'exec-1',
        exchange: 'binance',
        symbol: 'BTC/USDT',
        clientOrderId: 'c4',
        exchangeOrderId: null,
        status: 'unknown',
      },
      {
        executionId: 'exec-1',
        exchange: 'kraken',
        symbol: 'BTC/USDT',
        clientOrderId: 'c5',
        exchangeOrderId: null,
        status: 'unknown',
      },
    ])
    expect((await openLedgerOrders(db, 'kraken')).map((o) => o.clientOrderId)).toEqual(['c3', 'c5'])
    expect(await openLedgerOrders(db, 'coinbase')).toEqual([]) // its only order was never sent
  })

  it('counts orders by venue and status, and the unresolved ones with the oldest’s time, as numbers', async () => {
    expect(byKeys(await orderCountsByStatus(db))).toStrictEqual(
      byKeys([
        { exchange: 'binance', status: 'closed', count: 1 },
        { exchange: 'binance', status: 'open', count: 1 },
        { exchange: 'binance', status: 'unknown', count: 1 },
        { exchange: 'binance', status: 'rejected', count: 1 },
        { exchange: 'kraken', status: 'sent', count: 1 },
        { exchange: 'kraken', status: 'unknown', count: 1 },
        { exchange: 'coinbase', status: 'pending', count: 1 },
      ])
    )
    expect(byKeys(await unresolvedOrdersByExchange(db))).toStrictEqual(
      byKeys([
        { exchange: 'binance', count: 1, oldestCreatedAt: 4000 },
        { exchange: 'kraken', count: 2, oldestCreatedAt: 3000 },
      ])
    )
  })

  it('counts executions by strategy, status and outcome (null while running)', async () => {
    await seedExecution(db, 'a1', { strategy: 'arbitrage' })
    await seedExecution(db, 'a2', { strategy: 'arbitrage' })
    await seedExecution(db, 'a3', { strategy: 'arbitrage' })
    await recordExecutionEnd(db, 'a1', { status: 'completed', outcome: 'filled', profit: '1.5' }, 10)
    await recordExecutionEnd(db, 'a2', { status: 'completed', outcome: 'filled', profit: '-0.5' }, 11)
    expect(byKeys(await executionCounts(db))).toStrictEqual(
      byKeys([
        { strategy: 'order', status: 'running', outcome: null, count: 1 },
        { strategy: 'arbitrage', status: 'running', outcome: null, count: 1 },
        { strategy: 'arbitrage', status: 'completed', outcome: 'filled', count: 2 },
      ])
    )
  })
})
