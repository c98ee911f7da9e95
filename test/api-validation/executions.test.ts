// GET /api/executions and /api/executions/:id read the execution history from a real (in-memory) database;
// no workflow is involved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createApp } from '../../api/app.js'
import { openDatabase } from '../../db/client.js'
import { recordExecutionEnd } from '../../db/executions.js'
import { recordOrderIntent } from '../../db/order-attempts.js'
import { recordRoutingDecision } from '../../db/routing-decisions.js'
import { createRecordingRunner } from './recording-runner.js'

const database = await openDatabase(':memory:')
const app = createApp({
  runner: createRecordingRunner(),
  db: database.db,
  exchanges: ['binance', 'kraken'],
  demoMode: {},
})
afterAll(() => database.close())

beforeAll(async () => {
  const rows = [
    { id: 'order-a', strategy: 'order', symbol: 'BTC/USDT', exchanges: 'binance', createdAt: 1_000 },
    { id: 'smart-b', strategy: 'smart', symbol: 'BTC/USDT', exchanges: 'binance,kraken', createdAt: 2_000 },
    { id: 'failover-c', strategy: 'failover', symbol: 'ETH/USDT', exchanges: 'kraken,binance', createdAt: 3_000 },
    { id: 'arb-d', strategy: 'arbitrage', symbol: 'BTC/USDT', exchanges: 'kraken,coinbase', createdAt: 4_000 },
  ] as const
  for (const row of rows)
    await database.db.orm.insert(database.db.t.executions).values({ ...row, request: { id: row.id } })
  await recordExecutionEnd(
    database.db,
    'smart-b',
    { status: 'completed', outcome: 'filled', result: { filled: '0.1' } },
    2_500
  )
  await recordExecutionEnd(
    database.db,
    'failover-c',
    { status: 'failed', outcome: 'rejected', error: 'no venue' },
    3_500
  )
  await recordRoutingDecision(database.db, {
    executionId: 'smart-b',
    seq: 1,
    selected: 'kraken',
    reason: 'best price after fees',
    expectedAveragePrice: '60000',
    liquidityScore: '0.9',
    expectedSlippageBps: '1.5',
    candidates: [{ exchange: 'kraken' }, { exchange: 'binance' }],
    splitPlan: null,
  })
  await recordOrderIntent(database.db, {
    clientOrderId: 'c-1',
    executionId: 'smart-b',
    role: 'routed',
    seq: 1,
    exchange: 'kraken',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'market',
    amount: '0.1',
  })
})

async function get(path: string) {
  const response = await app.request(path)
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

const ids = (body: Record<string, any>) => (body.executions as { id: string }[]).map((e) => e.id)

describe('GET /api/executions', () => {
  it('lists newest first', async () => {
    const { status, body } = await get('/api/executions')
    expect(status).toBe(200)
    expect(ids(body)).toEqual(['arb-d', 'failover-c', 'smart-b', 'order-a'])
    expect(body.next).toBeUndefined()
  })

  it('filters by strategy, status, symbol (path style accepted) and exchange', async () => {
    expect(ids((await get('/api/executions?strategy=smart')).body)).toEqual(['smart-b'])
    expect(ids((await get('/api/executions?status=failed')).body)).toEqual(['failover-c'])
    expect(ids((await get('/api/executions?symbol=ETH-USDT')).body)).toEqual(['failover-c'])
    expect(ids((await get('/api/executions?exchange=coinbase')).body)).toEqual(['arb-d'])
    expect(ids((await get('/api/executions?symbol=BTC-USDT&exchange=binance')).body)).toEqual(['smart-b', 'order-a'])
  })

  it('pages with limit and the before cursor it hands back', async () => {
    const first = await get('/api/executions?limit=3')
    expect(ids(first.body)).toEqual(['arb-d', 'failover-c', 'smart-b'])
    expect(first.body.next).toEqual({ before: 2_000 })
    const second = await get(`/api/executions?limit=3&before=${first.body.next.before}`)
    expect(ids(second.body)).toEqual(['order-a'])
    expect(second.body.next).toBeUndefined()
  })
})

describe('GET /api/executions/:id', () => {
  it('returns the execution with its decisions and attempts', async () => {
    const { status, body } = await get('/api/executions/smart-b')
    expect(status).toBe(200)
    expect(body).toMatchObject({ id: 'smart-b', status: 'completed', outcome: 'filled', result: { filled: '0.1' } })
    expect(body.decisions).toHaveLength(1)
    expect(body.decisions[0]).toMatchObject({
      selected: 'kraken',
      candidates: [{ exchange: 'kraken' }, { exchange: 'binance' }],
    })
    expect(body.attempts).toEqual([
      expect.objectContaining({ clientOrderId: 'c-1', status: 'pending', exchange: 'kraken' }),
    ])
  })

  it('is a 404 for an id it does not know', async () => {
    const { status, body } = await get('/api/executions/smart-nope')
    expect(status).toBe(404)
    expect(body.error).toMatchObject({ code: 'not_found' })
    expect(body.error.message).toContain('smart-nope')
  })
})
