// Free text from outside (a venue's error message, an operator's reason) is stored on both engines even when it
// carries U+0000, which PostgreSQL's text refuses: a refused write would fail its activity on every retry.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'

import { openDatabase, type GatewayDb, type OpenedDatabase } from '../../db/client.js'
import { getExecution, recordExecutionEnd, recordExecutionStart } from '../../db/executions.js'
import { getOrderAttempt, recordOrderIntent, updateOrderAttempt } from '../../db/order-attempts.js'
import { getTradingStates, setTradingState } from '../../db/risk-store.js'
import { DIALECTS, dropTestDatabases, freshDatabaseTarget } from '../support/test-databases.js'

afterAll(dropTestDatabases)

const WITH_NUL = 'venue said: bad\u0000byte'
const STORED = 'venue said: bad\uFFFDbyte'

describe.each(DIALECTS)('%s', (dialect) => {
  let opened: OpenedDatabase
  let db: GatewayDb
  beforeEach(async () => {
    opened = await openDatabase(await freshDatabaseTarget(dialect))
    db = opened.db
  })
  afterEach(() => opened.close())

  it('stores an order error, an execution error and a state reason that carry U+0000', async () => {
    await recordExecutionStart(db, { id: 'nul-1', strategy: 'order', symbol: 'BTC/USDT', request: {} })
    await recordOrderIntent(db, {
      clientOrderId: 'nul-c1',
      executionId: 'nul-1',
      role: 'primary',
      seq: 0,
      exchange: 'binance',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: '0.01',
    })
    await updateOrderAttempt(db, 'nul-c1', { status: 'rejected', error: WITH_NUL }, 1_000)
    await recordExecutionEnd(db, 'nul-1', { status: 'failed', outcome: 'rejected', error: WITH_NUL }, 1_000)
    await setTradingState(db, { scope: 'binance', state: 'HALTED', reason: WITH_NUL, changedBy: 'test' })

    expect((await getOrderAttempt(db, 'nul-c1'))?.error).toBe(STORED)
    expect((await getExecution(db, 'nul-1'))?.error).toBe(STORED)
    expect((await getTradingStates(db)).find((s) => s.scope === 'binance')?.reason).toBe(STORED)
  })
})
