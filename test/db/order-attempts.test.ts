import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { openDatabase, type OpenedDatabase } from '../../db/client.js'
import { recordExecutionStart } from '../../db/executions.js'
import {
  getOrderAttempt,
  recordLookupAbsent,
  recordLookupFound,
  recordOrderIntent,
  updateOrderAttempt,
} from '../../db/order-attempts.js'

describe('recordLookupAbsent', () => {
  let database: OpenedDatabase
  beforeEach(() => {
    database = openDatabase(':memory:')
    recordExecutionStart(database.db, { id: 'exec-1', strategy: 'order', request: {} })
    recordOrderIntent(database.db, {
      clientOrderId: 'c1',
      executionId: 'exec-1',
      role: 'primary',
      seq: 1,
      exchange: 'kraken',
      symbol: 'SOL/USD',
      side: 'buy',
      type: 'market',
      amount: '4.5',
      price: null,
    })
  })
  afterEach(() => database.close())

  it('records absent over a row that holds no answer of the venue (pending, sent, unknown)', () => {
    for (const status of ['pending', 'sent', 'unknown', 'not_sent']) {
      updateOrderAttempt(database.db, 'c1', { status }, 1)
      expect(recordLookupAbsent(database.db, 'c1', 2)).toBe(true)
      expect(getOrderAttempt(database.db, 'c1')?.status).toBe('absent')
    }
  })

  it('leaves the venue’s answer alone: a slow lookup ending after a later send was answered changes nothing', () => {
    for (const status of ['closed', 'open', 'canceled', 'expired', 'rejected']) {
      updateOrderAttempt(database.db, 'c1', { status, filled: '4.5' }, 1)
      expect(recordLookupAbsent(database.db, 'c1', 2)).toBe(false)
      expect(getOrderAttempt(database.db, 'c1')).toMatchObject({ status, filled: '4.5', updatedAt: 1 })
    }
  })
})

describe('recordLookupFound', () => {
  let database: OpenedDatabase
  beforeEach(() => {
    database = openDatabase(':memory:')
    recordExecutionStart(database.db, { id: 'exec-1', strategy: 'order', request: {} })
    recordOrderIntent(database.db, {
      clientOrderId: 'c1',
      executionId: 'exec-1',
      role: 'primary',
      seq: 1,
      exchange: 'binance',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      amount: '1',
      price: '60000',
    })
  })
  afterEach(() => database.close())

  it('records an open order over a row without a final status', () => {
    updateOrderAttempt(database.db, 'c1', { status: 'sent' }, 1)
    expect(recordLookupFound(database.db, 'c1', { status: 'open', filled: '0.2' }, 2)).toBe(true)
    expect(getOrderAttempt(database.db, 'c1')).toMatchObject({ status: 'open', filled: '0.2' })
  })

  it('never puts a final order back to open: a slow lookup ending after the fill changes nothing', () => {
    updateOrderAttempt(database.db, 'c1', { status: 'closed', filled: '1' }, 1)
    expect(recordLookupFound(database.db, 'c1', { status: 'open', filled: '0.2' }, 2)).toBe(false)
    expect(getOrderAttempt(database.db, 'c1')).toMatchObject({ status: 'closed', filled: '1', updatedAt: 1 })
  })

  it('records a final answer over anything', () => {
    updateOrderAttempt(database.db, 'c1', { status: 'canceled', filled: '0.2' }, 1)
    expect(recordLookupFound(database.db, 'c1', { status: 'closed', filled: '1' }, 2)).toBe(true)
    expect(getOrderAttempt(database.db, 'c1')).toMatchObject({ status: 'closed', filled: '1' })
  })
})
