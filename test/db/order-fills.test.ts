// The fills ledger (db/order-fills.ts) on SQLite and on PostgreSQL: a fill read twice is recorded once, and every
// fill comes back as the venue reported it (decimal strings unchanged, times as epoch-ms numbers).
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'

import { openDatabase, type GatewayDb, type OpenedDatabase } from '../../db/client.js'
import { fillsOfExecution, listFills, recordFills } from '../../db/order-fills.js'
import type { Fill } from '../../domain/types.js'
import { DIALECTS, dropTestDatabases, freshDatabaseTarget } from '../support/test-databases.js'
import { seedOrder } from './ledger-fixtures.js'

afterAll(dropTestDatabases)

const fill = (id: string, timestamp: number, over: Partial<Fill> = {}): Fill => ({
  id,
  orderId: 'X1',
  symbol: 'BTC/USDT',
  side: 'buy',
  price: '60000.10',
  amount: '0.00100000',
  timestamp,
  ...over,
})

describe.each(DIALECTS)('%s', (dialect) => {
  let opened: OpenedDatabase
  let db: GatewayDb
  beforeEach(async () => {
    opened = await openDatabase(await freshDatabaseTarget(dialect))
    db = opened.db
    await seedOrder(db, { clientOrderId: 'c1', executionId: 'e1', status: 'open', createdAt: 1, updatedAt: 1 })
    await seedOrder(db, {
      clientOrderId: 'c2',
      executionId: 'e2',
      exchange: 'kraken',
      status: 'open',
      createdAt: 2,
      updatedAt: 2,
    })
  })
  afterEach(() => opened.close())

  const c1 = { exchange: 'binance', executionId: 'e1', clientOrderId: 'c1' }
  const c2 = { exchange: 'kraken', executionId: 'e2', clientOrderId: 'c2' }

  it('records each fill once, as the venue reported it, and reads an execution’s fills oldest first', async () => {
    await recordFills(
      db,
      c1,
      [
        fill('t2', 2000, { fee: { cost: '0.0000010', currency: 'BTC' }, takerOrMaker: 'maker' }),
        fill('t1', 1000, { price: '59999.99', amount: '0.5' }),
      ],
      5000
    )
    // A retried poll reads t2 again (a venue's later correction of it is not taken) and finds t3.
    await recordFills(db, c1, [fill('t2', 2000, { price: '1' }), fill('t3', 2000)], 6000)
    await recordFills(db, c1, [], 7000)

    expect(await fillsOfExecution(db, 'e1')).toStrictEqual([
      {
        exchange: 'binance',
        symbol: 'BTC/USDT',
        tradeId: 't1',
        clientOrderId: 'c1',
        executionId: 'e1',
        exchangeOrderId: 'X1',
        side: 'buy',
        price: '59999.99',
        amount: '0.5',
        fee: null,
        feeCurrency: null,
        liquidity: null,
        tradedAt: 1000,
        recordedAt: 5000,
      },
      {
        exchange: 'binance',
        symbol: 'BTC/USDT',
        tradeId: 't2',
        clientOrderId: 'c1',
        executionId: 'e1',
        exchangeOrderId: 'X1',
        side: 'buy',
        price: '60000.10',
        amount: '0.00100000',
        fee: '0.0000010',
        feeCurrency: 'BTC',
        liquidity: 'maker',
        tradedAt: 2000,
        recordedAt: 5000,
      },
      expect.objectContaining({ tradeId: 't3', tradedAt: 2000, recordedAt: 6000 }),
    ])
    expect(await fillsOfExecution(db, 'e2')).toEqual([])
  })

  it('a trade id is one fill per venue and symbol: the same id elsewhere is another fill', async () => {
    await recordFills(db, c1, [fill('t1', 1000), fill('t1', 1000, { symbol: 'BTC/USDC' })], 5000)
    await recordFills(db, c2, [fill('t1', 1000)], 5000)
    expect((await listFills(db, { limit: 10 })).map((f) => [f.exchange, f.symbol, f.tradeId])).toEqual(
      expect.arrayContaining([
        ['binance', 'BTC/USDT', 't1'],
        ['binance', 'BTC/USDC', 't1'],
        ['kraken', 'BTC/USDT', 't1'],
      ])
    )
    expect(await listFills(db, { limit: 10 })).toHaveLength(3)
  })

  it('lists fills across executions oldest first, since a time, at a venue, up to the limit', async () => {
    await recordFills(db, c1, [fill('a', 1000), fill('b', 3000)], 5000)
    await recordFills(db, c2, [fill('c', 2000), fill('d', 4000)], 5000)
    const ids = async (query: Partial<Parameters<typeof listFills>[1]>) =>
      (await listFills(db, { limit: 10, ...query })).map((f) => f.tradeId)
    expect(await ids({})).toEqual(['a', 'c', 'b', 'd'])
    expect(await ids({ since: 2000 })).toEqual(['c', 'b', 'd'])
    expect(await ids({ exchange: 'kraken' })).toEqual(['c', 'd'])
    expect(await ids({ since: 2001, exchange: 'binance' })).toEqual(['b'])
    expect(await ids({ limit: 2 })).toEqual(['a', 'c'])
  })
})
