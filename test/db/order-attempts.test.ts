// The ledger's guarded lookups (db/order-attempts.ts) on SQLite and on PostgreSQL: a lookup's answer never overwrites
// a newer answer of the venue.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'

import { openDatabase, type OpenedDatabase } from '../../db/client.js'
import { recordExecutionStart } from '../../db/executions.js'
import {
  getOrderAttempt,
  recordLookupAbsent,
  recordLookupFound,
  recordOrderIntent,
  updateOrderAttempt,
  type OrderIntent,
} from '../../db/order-attempts.js'
import { DIALECTS, dropTestDatabases, freshDatabaseTarget } from '../support/test-databases.js'

afterAll(dropTestDatabases)

describe.each(DIALECTS)('%s', (dialect) => {
  let database: OpenedDatabase
  const openWith = async (intent: Omit<OrderIntent, 'clientOrderId' | 'executionId' | 'role' | 'seq'>) => {
    database = await openDatabase(await freshDatabaseTarget(dialect))
    await recordExecutionStart(database.db, { id: 'exec-1', strategy: 'order', request: {} })
    await recordOrderIntent(database.db, {
      clientOrderId: 'c1',
      executionId: 'exec-1',
      role: 'primary',
      seq: 1,
      ...intent,
    })
  }
  afterEach(() => database.close())

  describe('recordLookupAbsent', () => {
    beforeEach(() =>
      openWith({ exchange: 'kraken', symbol: 'SOL/USD', side: 'buy', type: 'market', amount: '4.5', price: null })
    )

    it('records absent over a row that holds no answer of the venue (pending, sent, unknown)', async () => {
      for (const status of ['pending', 'sent', 'unknown', 'not_sent']) {
        await updateOrderAttempt(database.db, 'c1', { status }, 1)
        expect(await recordLookupAbsent(database.db, 'c1', 2)).toBe(true)
        expect((await getOrderAttempt(database.db, 'c1'))?.status).toBe('absent')
      }
    })

    it('leaves the venue’s answer alone: a slow lookup ending after a later send was answered changes nothing', async () => {
      for (const status of ['closed', 'open', 'canceled', 'expired', 'rejected']) {
        await updateOrderAttempt(database.db, 'c1', { status, filled: '4.5' }, 1)
        expect(await recordLookupAbsent(database.db, 'c1', 2)).toBe(false)
        expect(await getOrderAttempt(database.db, 'c1')).toMatchObject({ status, filled: '4.5', updatedAt: 1 })
      }
    })
  })

  describe('recordLookupFound', () => {
    beforeEach(() =>
      openWith({ exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '1', price: '60000' })
    )

    it('records an open order over a row without a final status', async () => {
      await updateOrderAttempt(database.db, 'c1', { status: 'sent' }, 1)
      expect(await recordLookupFound(database.db, 'c1', { status: 'open', filled: '0.2' }, 2)).toBe(true)
      expect(await getOrderAttempt(database.db, 'c1')).toMatchObject({ status: 'open', filled: '0.2' })
    })

    it('never puts a final order back to open: a slow lookup ending after the fill changes nothing', async () => {
      await updateOrderAttempt(database.db, 'c1', { status: 'closed', filled: '1' }, 1)
      expect(await recordLookupFound(database.db, 'c1', { status: 'open', filled: '0.2' }, 2)).toBe(false)
      expect(await getOrderAttempt(database.db, 'c1')).toMatchObject({ status: 'closed', filled: '1', updatedAt: 1 })
    })

    it('records a final answer over anything', async () => {
      await updateOrderAttempt(database.db, 'c1', { status: 'canceled', filled: '0.2' }, 1)
      expect(await recordLookupFound(database.db, 'c1', { status: 'closed', filled: '1' }, 2)).toBe(true)
      expect(await getOrderAttempt(database.db, 'c1')).toMatchObject({ status: 'closed', filled: '1' })
    })
  })
})
