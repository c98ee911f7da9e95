// The execution history (db/executions.ts, db/routing-decisions.ts) written and read back on SQLite and on PostgreSQL,
// with the same values of the same JS types: times as epoch-ms numbers, JSON as the objects written (key order
// included), amounts as the decimal strings written.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'

import { openDatabase, type GatewayDb, type OpenedDatabase } from '../../db/client.js'
import {
  executionRecordedAt,
  getExecution,
  listExecutions,
  recordExecutionEnd,
  recordExecutionStart,
  recordExecutionStatus,
  unresolvedExecutions,
} from '../../db/executions.js'
import { recordOrderIntent } from '../../db/order-attempts.js'
import { recordRoutingDecision } from '../../db/routing-decisions.js'
import { DIALECTS, dropTestDatabases, freshDatabaseTarget } from '../support/test-databases.js'
import { seedExecution } from './ledger-fixtures.js'

afterAll(dropTestDatabases)

const REQUEST = {
  symbol: 'BTC/USDT',
  amount: '0.10000000000000000001',
  price: '60000.50',
  // key order and nested types as written
  z: { b: [1, '2', null, true], a: 'é ✓' },
  exchanges: ['binance', 'kraken'],
}

describe.each(DIALECTS)('%s', (dialect) => {
  let opened: OpenedDatabase
  let db: GatewayDb
  beforeEach(async () => {
    opened = await openDatabase(await freshDatabaseTarget(dialect))
    db = opened.db
  })
  afterEach(() => opened.close())

  it('records a start once and reads it back: JSON request as written, times as epoch-ms numbers', async () => {
    const before = Date.now()
    const start = {
      id: 'e1',
      strategy: 'order',
      symbol: 'BTC/USDT',
      side: 'buy',
      exchanges: 'binance,kraken',
      idempotencyKey: 'key-1',
      request: REQUEST,
    } as const
    await recordExecutionStart(db, start)
    await recordExecutionStart(db, { ...start, symbol: 'ETH/USDT', request: { retried: true } })
    const after = Date.now()

    const execution = await getExecution(db, 'e1')
    expect(execution).toStrictEqual({
      ...start,
      status: 'running',
      result: null,
      outcome: null,
      error: null,
      profit: null,
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
      completedAt: null,
      decisions: [],
      attempts: [],
    })
    expect(JSON.stringify(execution!.request)).toBe(JSON.stringify(REQUEST))
    // The engine's clock default is epoch milliseconds (not seconds, not microseconds).
    expect(execution!.createdAt).toBeGreaterThanOrEqual(before - 1000)
    expect(execution!.createdAt).toBeLessThanOrEqual(after + 1000)
    expect(await executionRecordedAt(db, 'e1')).toBe(execution!.createdAt)
    expect(await executionRecordedAt(db, 'nope')).toBeUndefined()
    expect(await getExecution(db, 'nope')).toBeUndefined()
  })

  it('records the end: result JSON, outcome, profit and exchanges as given, both times the end’s', async () => {
    await seedExecution(db, 'e1', { strategy: 'arbitrage', exchanges: 'binance,kraken' })
    const result = { legs: [{ exchange: 'kraken', filled: '1.50', fee: { cost: '0.0015', currency: 'USDT' } }] }
    await recordExecutionEnd(
      db,
      'e1',
      { status: 'completed', outcome: 'filled', result, profit: '-0.000001', exchanges: 'kraken' },
      1_741_608_000_123
    )
    expect(await getExecution(db, 'e1')).toMatchObject({
      status: 'completed',
      outcome: 'filled',
      result,
      profit: '-0.000001',
      exchanges: 'kraken',
      error: null,
      updatedAt: 1_741_608_000_123,
      completedAt: 1_741_608_000_123,
    })

    await seedExecution(db, 'e2', { exchanges: 'coinbase' })
    await recordExecutionEnd(db, 'e2', { status: 'failed', outcome: 'rejected', error: 'InsufficientFunds' }, 5)
    expect(await getExecution(db, 'e2')).toMatchObject({
      status: 'failed',
      result: null,
      profit: null,
      error: 'InsufficientFunds',
      exchanges: 'coinbase',
      completedAt: 5,
    })
  })

  it('marks a running execution unresolved and back, never a completed one; lists the unresolved by last update', async () => {
    for (const id of ['e1', 'e2', 'e3']) await seedExecution(db, id)
    await recordExecutionStatus(db, 'e2', 'unresolved', 'c2: outcome unknown', 200)
    await recordExecutionStatus(db, 'e1', 'unresolved', 'c1: outcome unknown', 300)
    await recordExecutionEnd(db, 'e3', { status: 'completed', outcome: 'filled' }, 100)
    await recordExecutionStatus(db, 'e3', 'unresolved', 'late', 400)
    expect(await unresolvedExecutions(db)).toStrictEqual({ count: 2, ids: ['e2', 'e1'] })
    expect(await getExecution(db, 'e3')).toMatchObject({ status: 'completed', error: null, updatedAt: 100 })
    expect(await getExecution(db, 'e1')).toMatchObject({ status: 'unresolved', error: 'c1: outcome unknown' })

    await recordExecutionStatus(db, 'e2', 'running', null, 500)
    expect(await getExecution(db, 'e2')).toMatchObject({ status: 'running', error: null, updatedAt: 500 })
    expect(await unresolvedExecutions(db)).toStrictEqual({ count: 1, ids: ['e1'] })
  })

  it('lists executions newest first, by strategy, status, symbol, venue and time, up to the limit', async () => {
    await seedExecution(db, 'a', { strategy: 'order', symbol: 'BTC/USDT', exchanges: 'binance', createdAt: 1000 })
    await seedExecution(db, 'b', {
      strategy: 'smart',
      symbol: 'ETH/USDT',
      exchanges: 'binance,kraken',
      createdAt: 2000,
    })
    await seedExecution(db, 'c', {
      strategy: 'arbitrage',
      symbol: 'BTC/USDT',
      exchanges: 'kraken,coinbase',
      createdAt: 3000,
    })
    await recordExecutionEnd(db, 'c', { status: 'completed', outcome: 'no_opportunity' }, 3500)
    const ids = async (filter: Partial<Parameters<typeof listExecutions>[1]>) =>
      (await listExecutions(db, { limit: 10, ...filter })).map((e) => e.id)

    expect(await ids({})).toEqual(['c', 'b', 'a'])
    expect(await ids({ strategy: 'smart' })).toEqual(['b'])
    expect(await ids({ status: 'completed' })).toEqual(['c'])
    expect(await ids({ symbol: 'BTC/USDT' })).toEqual(['c', 'a'])
    expect(await ids({ exchange: 'kraken' })).toEqual(['c', 'b'])
    expect(await ids({ before: 3000 })).toEqual(['b', 'a'])
    expect(await ids({ limit: 1 })).toEqual(['c'])
    const [c] = await listExecutions(db, { limit: 1 })
    expect(c).toMatchObject({ createdAt: 3000, updatedAt: 3500, completedAt: 3500, request: { id: 'c' } })
  })

  it('returns an execution with its routing decisions and order attempts in sequence; a retried decision is kept once', async () => {
    await seedExecution(db, 'e1', { strategy: 'smart' })
    const candidates = [
      { exchange: 'kraken', expectedAveragePrice: '60010.125', liquidityScore: '0.93', feasible: true },
      { exchange: 'binance', expectedAveragePrice: '60011', liquidityScore: '0.5', feasible: false, reason: 'depth' },
    ]
    const second = {
      executionId: 'e1',
      seq: 2,
      selected: null,
      reason: 'no venue can fill',
      expectedAveragePrice: null,
      liquidityScore: null,
      expectedSlippageBps: null,
      candidates: [],
      splitPlan: null,
    }
    const first = {
      executionId: 'e1',
      seq: 1,
      selected: 'kraken',
      reason: 'best price',
      expectedAveragePrice: '60010.125',
      liquidityScore: '0.93',
      expectedSlippageBps: '1.7',
      candidates,
      splitPlan: {
        legs: [
          { exchange: 'kraken', amount: '0.6' },
          { exchange: 'binance', amount: '0.4' },
        ],
      },
    }
    await recordRoutingDecision(db, second)
    await recordRoutingDecision(db, first)
    await recordRoutingDecision(db, { ...first, reason: 'a retry', selected: 'binance' })
    for (const seq of [2, 1]) {
      await recordOrderIntent(db, {
        clientOrderId: `c${seq}`,
        executionId: 'e1',
        role: 'split',
        seq,
        exchange: 'kraken',
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        amount: '0.30',
        price: '60000.00',
      })
    }

    const execution = await getExecution(db, 'e1')
    expect(execution!.decisions).toStrictEqual([
      { id: expect.any(Number), ...first, createdAt: expect.any(Number) },
      { id: expect.any(Number), ...second, createdAt: expect.any(Number) },
    ])
    expect(JSON.stringify(execution!.decisions[0]!.candidates)).toBe(JSON.stringify(candidates))
    expect(execution!.attempts.map((a) => [a.clientOrderId, a.status, a.amount, a.price, typeof a.createdAt])).toEqual([
      ['c1', 'pending', '0.30', '60000.00', 'number'],
      ['c2', 'pending', '0.30', '60000.00', 'number'],
    ])
  })
})
