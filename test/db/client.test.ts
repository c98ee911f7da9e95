// The database handle (db/client.ts) on SQLite and on PostgreSQL: opening a fresh database from several connections
// at once, the round trip /health calls, and serialized(): all of its writes or none, a nested call joining it.
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'

import { describeDatabase, openDatabase, type GatewayDb } from '../../db/client.js'
import { getTradingStates } from '../../db/risk-store.js'
import { dropSharedTestDatabases, sharedDatabaseTarget } from '../support/shared-test-database.js'
import { DIALECTS } from '../support/test-databases.js'

afterAll(dropSharedTestDatabases)

const halt = (db: GatewayDb, scope: string) =>
  db.orm.insert(db.t.tradingStates).values({ scope, state: 'HALTED', reason: 'test', changedBy: 'test', changedAt: 1 })

describe.each(DIALECTS)('%s', (dialect) => {
  it('opens a fresh database from several connections at once (each migrates it, once) and pings it', async () => {
    const target = await sharedDatabaseTarget(dialect)
    const opened = await Promise.all([openDatabase(target), openDatabase(target), openDatabase(target)])
    try {
      expect(opened.map((o) => [o.dialect, o.db.dialect])).toEqual(Array(3).fill([dialect, dialect]))
      await Promise.all(opened.map((o) => o.db.ping()))
      await halt(opened[0]!.db, 'kraken')
      expect((await getTradingStates(opened[2]!.db)).map((s) => s.scope)).toEqual(['all', 'kraken'])
    } finally {
      await Promise.all(opened.map((o) => o.close()))
    }
  })

  it('serialized: a body that fails leaves none of its writes, also those of a nested call, and the next one runs', async () => {
    const { db, close } = await openDatabase(await sharedDatabaseTarget(dialect))
    try {
      const failing = db.serialized('k', async (tx) => {
        await halt(tx, 'binance')
        await tx.serialized('other', (inner) => halt(inner, 'kraken'))
        throw new Error('refused after writing')
      })
      await expect(failing).rejects.toThrow('refused after writing')
      expect(await getTradingStates(db)).toHaveLength(1)

      const value = await db.serialized('k', async (tx) => {
        await halt(tx, 'coinbase')
        const [row] = await tx.orm.select().from(tx.t.tradingStates).where(eq(tx.t.tradingStates.scope, 'coinbase'))
        return row?.changedAt
      })
      expect(value).toBe(1)
      expect((await getTradingStates(db)).map((s) => s.scope)).toEqual(['all', 'coinbase'])
    } finally {
      await close()
    }
  })
})

it('describes a PostgreSQL target without its password, a SQLite path as it is', () => {
  expect(describeDatabase('postgres://gw:s3cret@db.internal:5432/gateway')).toBe(
    'postgres://gw:***@db.internal:5432/gateway'
  )
  expect(describeDatabase('/var/lib/gateway/gateway.db')).toBe('/var/lib/gateway/gateway.db')
})
