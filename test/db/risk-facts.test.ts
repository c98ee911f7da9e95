// The risk facts read from the database (db/risk-facts.ts), on a SQLite file and on a PostgreSQL database with the
// real migrations: the send slot under, at and over the cap (also from two processes racing on the same database),
// the ledger's net position, the day's arbitrage loss, the venue error rate and the automatic halts that fire once
// per day.
import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'

import { openDatabase, type GatewayDb, type OpenedDatabase } from '../../db/client.js'
import { recordExecutionEnd, recordExecutionStart, recordExecutionStatus } from '../../db/executions.js'
import { recordOrderIntent, updateOrderAttempt } from '../../db/order-attempts.js'
import {
  dailyArbitrageLoss,
  evaluateAutoHalts,
  monitorExecutionsLastHour,
  netPosition,
  releaseSendSlot,
  reserveSendSlot,
  unresolvedCount,
  venueErrorRate,
} from '../../db/risk-facts.js'
import { effectiveState, listRiskEvents, setTradingState } from '../../db/risk-store.js'
import { DEFAULT_RISK_LIMITS } from '../../domain/risk/config.js'
import type { RiskLimits } from '../../domain/risk/types.js'
import type { ExchangeId } from '../../domain/types.js'
import { dropSharedTestDatabases, sharedDatabaseTarget } from '../support/shared-test-database.js'
import { DIALECTS } from '../support/test-databases.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const TSX = join(root, 'node_modules', '.bin', 'tsx')

// 2025-03-10 12:00:00 UTC
const NOON = Date.UTC(2025, 2, 10, 12)

afterAll(dropSharedTestDatabases)

describe.each(DIALECTS)('%s', (dialect) => {
  let target: string
  let opened: OpenedDatabase
  let db: GatewayDb

  beforeEach(async () => {
    // A file for SQLite: the race test's processes open it too.
    target = await sharedDatabaseTarget(dialect)
    opened = await openDatabase(target)
    db = opened.db
  })

  afterEach(() => opened.close())

  async function execution(id: string, strategy: 'order' | 'arbitrage' = 'order', createdAt?: number): Promise<void> {
    await recordExecutionStart(db, {
      id,
      strategy,
      symbol: 'BTC/USDT',
      side: 'buy',
      exchanges: 'binance',
      idempotencyKey: null,
      request: {},
    })
    const { executions } = db.t
    if (createdAt !== undefined) await db.orm.update(executions).set({ createdAt }).where(eq(executions.id, id))
  }

  let seq = 0
  async function attempt(
    over: {
      exchange?: string
      symbol?: string
      side?: 'buy' | 'sell'
      filled?: string | null
      errorType?: string
      status?: string
      createdAt?: number
    } = {}
  ): Promise<string> {
    seq += 1
    const id = `c${seq}`
    await execution('exec-ledger')
    await recordOrderIntent(db, {
      clientOrderId: id,
      executionId: 'exec-ledger',
      role: 'primary',
      seq,
      exchange: over.exchange ?? 'binance',
      symbol: over.symbol ?? 'BTC/USDT',
      side: over.side ?? 'buy',
      type: 'market',
      amount: '1',
      price: null,
    })
    await updateOrderAttempt(
      db,
      id,
      {
        status: over.status ?? 'closed',
        filled: over.filled === undefined ? null : over.filled,
        ...(over.errorType ? { errorType: over.errorType, error: over.errorType } : {}),
      },
      NOON
    )
    const { orderAttempts } = db.t
    if (over.createdAt !== undefined)
      await db.orm.update(orderAttempts).set({ createdAt: over.createdAt }).where(eq(orderAttempts.clientOrderId, id))
    return id
  }

  const slot = (clientOrderId: string, over: Partial<Parameters<typeof reserveSendSlot>[1]> = {}) =>
    reserveSendSlot(db, { clientOrderId, exchange: 'binance', cap: 2, force: false, now: NOON, ...over })

  describe('reserveSendSlot', () => {
    it('reserves under the cap and refuses at it, counting only that venue in the last 60 s', async () => {
      expect(await slot('a')).toEqual({ reserved: true, sentLastMinute: 0 })
      expect(await slot('b', { now: NOON + 1 })).toEqual({ reserved: true, sentLastMinute: 1 })
      expect(await slot('c', { now: NOON + 2 })).toEqual({ reserved: false, sentLastMinute: 2 })
      // another venue has its own window
      expect(await slot('d', { exchange: 'kraken', now: NOON + 2 })).toEqual({ reserved: true, sentLastMinute: 0 })
      // 60 s after 'a' it has left the window: one slot is free again
      expect(await slot('c', { now: NOON + 60_001 })).toEqual({ reserved: true, sentLastMinute: 1 })
    })

    it('a retry of the same client order id finds its own slot, even at the cap', async () => {
      expect((await slot('a')).reserved).toBe(true)
      expect((await slot('b')).reserved).toBe(true)
      expect(await slot('a', { now: NOON + 5 })).toEqual({ reserved: true, sentLastMinute: 1 })
      // and holds one slot, not two
      expect(await slot('c', { now: NOON + 6 })).toEqual({ reserved: false, sentLastMinute: 2 })
    })

    it('force (an unwind) always takes a slot and counts against the others', async () => {
      await slot('a')
      await slot('b')
      expect(await slot('unwind', { force: true })).toEqual({ reserved: true, sentLastMinute: 2 })
      expect(await slot('later', { cap: 4 })).toEqual({ reserved: true, sentLastMinute: 3 })
    })

    it('a released slot is free for the next order', async () => {
      await slot('a')
      await slot('b')
      await releaseSendSlot(db, 'b')
      expect(await slot('c')).toEqual({ reserved: true, sentLastMinute: 1 })
    })

    it('two processes on the same database reserving at once never exceed the cap', async () => {
      // Each of 300 venues has a cap of 1 and both processes ask for it at about the same moment: 300 races for a
      // last slot. Without count-then-insert serialized per venue (SQLite's IMMEDIATE transaction, PostgreSQL's
      // advisory lock) some venues end with two.
      const venues = 300
      // Both spin until the same instant (time enough for tsx to start both), so their reservations interleave.
      const startAt = Date.now() + 5000
      const racer = (name: string) =>
        new Promise<number>((resolve, reject) => {
          execFile(
            TSX,
            [join(here, 'reserve-slots-process.ts'), target, name, String(venues), String(NOON), String(startAt)],
            { cwd: root },
            (error, stdout, stderr) =>
              error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(Number(stdout))
          )
        })
      const [a, b] = await Promise.all([racer('a'), racer('b')])
      expect(a + b).toBe(venues)
      expect(await slot('one-more', { exchange: 'venue-0' as ExchangeId, cap: 1, now: NOON + 1 })).toEqual({
        reserved: false,
        sentLastMinute: 1,
      })
    })
  })

  describe('netPosition', () => {
    it('sums fills exactly: bought minus sold, over spot and futures symbols of that base at that venue', async () => {
      await attempt({ side: 'buy', filled: '0.1' })
      await attempt({ side: 'buy', filled: '0.2' })
      await attempt({ side: 'sell', filled: '0.05' })
      await attempt({ symbol: 'BTC/USDT:USDT', side: 'buy', filled: '1' })
      await attempt({ symbol: 'BTC/USDC', side: 'sell', filled: '0.15' })
      // not counted: another venue, another base, no fill, a base that only starts like BTC
      await attempt({ exchange: 'kraken', side: 'buy', filled: '5' })
      await attempt({ symbol: 'ETH/BTC', side: 'buy', filled: '7' })
      await attempt({ side: 'buy', filled: null, status: 'rejected' })
      await attempt({ symbol: 'BTCDOM/USDT', side: 'buy', filled: '3' })
      // 0.1 + 0.2 - 0.05 + 1 - 0.15 = 1.1 exactly (floats give 1.1000000000000003)
      expect(await netPosition(db, 'binance', 'BTC')).toBe('1.1')
      expect(await netPosition(db, 'kraken', 'BTC')).toBe('5')
      expect(await netPosition(db, 'binance', 'SOL')).toBe('0')
    })
  })

  describe('dailyArbitrageLoss', () => {
    async function arbitrage(
      id: string,
      profit: string,
      completedAt: number,
      strategy: 'arbitrage' | 'order' = 'arbitrage'
    ) {
      await execution(id, strategy)
      await recordExecutionEnd(db, id, { status: 'completed', outcome: 'unwound', profit }, completedAt)
    }

    it('sums the losses of arbitrage executions completed this UTC day, as a positive figure', async () => {
      await arbitrage('a1', '-10.5', NOON - 3_600_000)
      await arbitrage('a2', '-0.25', NOON)
      await arbitrage('a3', '40', NOON) // a gain does not offset a loss
      await arbitrage('a4', '-1000', Date.UTC(2025, 2, 9, 23, 59, 59)) // yesterday
      await arbitrage('a5', '-7', NOON, 'order') // not arbitrage
      expect(await dailyArbitrageLoss(db, NOON)).toBe('10.75')
      expect(await dailyArbitrageLoss(db, Date.UTC(2025, 2, 9, 12))).toBe('1000')
      expect(await dailyArbitrageLoss(db, Date.UTC(2025, 2, 11, 0, 0, 1))).toBe('0')
    })
  })

  describe('venueErrorRate and unresolvedCount', () => {
    it('counts order requests in the window and those the venue failed; risk refusals are not requests', async () => {
      await attempt({ errorType: 'ExchangeUnavailableError', status: 'pending', createdAt: NOON - 1000 })
      await attempt({ errorType: 'RateLimitError', status: 'pending', createdAt: NOON - 1000 })
      await attempt({ errorType: 'OrderOutcomeUnknownError', status: 'unknown', createdAt: NOON - 1000 })
      await attempt({ errorType: 'InsufficientBalanceError', status: 'rejected', createdAt: NOON - 1000 })
      await attempt({ filled: '1', createdAt: NOON - 1000 })
      await attempt({ errorType: 'RiskRejectedError', status: 'rejected', createdAt: NOON - 1000 })
      await attempt({ errorType: 'ExchangeUnavailableError', status: 'pending', createdAt: NOON - 120_000 }) // outside
      await attempt({ exchange: 'kraken', errorType: 'ExchangeUnavailableError', createdAt: NOON - 1000 })
      expect(await venueErrorRate(db, 'binance', 60_000, NOON)).toEqual({ requests: 5, failures: 3 })
      expect(await venueErrorRate(db, 'coinbase', 60_000, NOON)).toEqual({ requests: 0, failures: 0 })
    })

    it('counts executions waiting on an unknown outcome', async () => {
      await execution('u1')
      await execution('u2')
      await recordExecutionStatus(db, 'u1', 'unresolved', 'c1 unknown', NOON)
      expect(await unresolvedCount(db)).toBe(1)
    })
  })

  describe('evaluateAutoHalts', () => {
    const limits: RiskLimits = {
      ...DEFAULT_RISK_LIMITS,
      maxDailyArbitrageLoss: '100',
      maxUnresolvedOrders: 1,
      venueErrorHalt: { rate: 0.5, minRequests: 4, windowMs: 60_000 },
    }

    it('halts everything when the day’s arbitrage loss reaches the limit, once per day', async () => {
      await execution('a1', 'arbitrage')
      await recordExecutionEnd(db, 'a1', { status: 'completed', outcome: 'unwound', profit: '-99.99' }, NOON)
      expect(await evaluateAutoHalts(db, limits, NOON)).toEqual([])
      expect((await effectiveState(db, 'binance')).state).toBe('ACTIVE')

      await execution('a2', 'arbitrage')
      await recordExecutionEnd(db, 'a2', { status: 'completed', outcome: 'unwound', profit: '-0.01' }, NOON + 1)
      const fired = await evaluateAutoHalts(db, limits, NOON + 2)
      expect(fired).toEqual([
        {
          kind: 'daily_loss',
          scope: 'all',
          reason: 'realised arbitrage loss today 100 reached maxDailyArbitrageLoss 100',
          at: NOON + 2,
        },
      ])
      expect(await effectiveState(db, 'kraken')).toMatchObject({ state: 'HALTED', scope: 'all' })
      const halts = await listRiskEvents(db, { kind: 'halt', limit: 10 })
      expect(halts).toHaveLength(1)
      expect(halts[0]).toMatchObject({
        scope: 'all',
        actor: 'auto:daily_loss',
        detail: { kind: 'daily_loss', loss: '100' },
      })

      // The operator takes responsibility: the same halt does not override them again that day.
      await setTradingState(db, {
        scope: 'all',
        state: 'ACTIVE',
        reason: 'reviewed the losses',
        changedBy: 'desk',
        at: NOON + 3,
      })
      expect(await evaluateAutoHalts(db, limits, NOON + 4)).toEqual([])
      expect((await effectiveState(db, 'binance')).state).toBe('ACTIVE')
      expect(await listRiskEvents(db, { kind: 'halt', limit: 10 })).toHaveLength(1)

      // The next UTC day it fires again if the figure is still over (a new day's loss).
      const tomorrow = NOON + 86_400_000
      await execution('a3', 'arbitrage')
      await recordExecutionEnd(db, 'a3', { status: 'completed', outcome: 'unwound', profit: '-150' }, tomorrow)
      expect(await evaluateAutoHalts(db, limits, tomorrow + 1)).toHaveLength(1)
      expect((await effectiveState(db, 'binance')).state).toBe('HALTED')
    })

    it('halts everything on more unresolved outcomes than the limit', async () => {
      await execution('u1')
      await execution('u2')
      await recordExecutionStatus(db, 'u1', 'unresolved', 'x', NOON)
      expect(await evaluateAutoHalts(db, limits, NOON)).toEqual([]) // 1 is not more than 1
      await recordExecutionStatus(db, 'u2', 'unresolved', 'x', NOON)
      expect(await evaluateAutoHalts(db, limits, NOON)).toMatchObject([{ kind: 'unresolved_orders', scope: 'all' }])
      expect(await effectiveState(db, 'coinbase')).toMatchObject({
        state: 'HALTED',
        reason: '2 unresolved order outcomes, more than maxUnresolvedOrders 1',
      })
    })

    it('halts one venue whose error rate is above the threshold with enough requests; the others trade on', async () => {
      for (let i = 0; i < 3; i++)
        await attempt({
          exchange: 'kraken',
          errorType: 'ExchangeUnavailableError',
          status: 'pending',
          createdAt: NOON - 500,
        })
      expect(await evaluateAutoHalts(db, limits, NOON)).toEqual([]) // 3 of 3 failed, but fewer than minRequests 4
      await attempt({ exchange: 'kraken', filled: '1', createdAt: NOON - 400 })
      await attempt({
        exchange: 'binance',
        errorType: 'ExchangeUnavailableError',
        status: 'pending',
        createdAt: NOON - 400,
      })
      const fired = await evaluateAutoHalts(db, limits, NOON)
      expect(fired).toMatchObject([{ kind: 'venue_error_rate', scope: 'kraken' }])
      expect(fired[0]!.reason).toBe(
        '3 of 4 order requests to kraken failed in the last 60 s, above venueErrorHalt rate 0.5'
      )
      expect(await effectiveState(db, 'kraken')).toMatchObject({ state: 'HALTED', scope: 'kraken' })
      expect((await effectiveState(db, 'binance')).state).toBe('ACTIVE')
      expect(await evaluateAutoHalts(db, limits, NOON + 1)).toEqual([])
    })

    it('a scope already HALTED by an operator keeps its reason; the halt is still recorded', async () => {
      await setTradingState(db, { scope: 'all', state: 'HALTED', reason: 'kill switch', changedBy: 'desk', at: NOON })
      await execution('u1')
      await execution('u2')
      await recordExecutionStatus(db, 'u1', 'unresolved', 'x', NOON)
      await recordExecutionStatus(db, 'u2', 'unresolved', 'x', NOON)
      expect(await evaluateAutoHalts(db, limits, NOON)).toHaveLength(1)
      expect(await effectiveState(db, 'binance')).toMatchObject({ state: 'HALTED', reason: 'kill switch' })
      expect(await listRiskEvents(db, { kind: 'halt', limit: 10 })).toHaveLength(1)
    })
  })

  describe('monitorExecutionsLastHour', () => {
    it('counts the monitor’s own children started in the last hour', async () => {
      await execution('mon-1~arb-1', 'arbitrage', NOON - 3_599_000)
      await execution('mon-1~arb-2', 'arbitrage', NOON - 10)
      await execution('mon-1~arb-0', 'arbitrage', NOON - 3_601_000) // over an hour ago
      await execution('mon-10~arb-1', 'arbitrage', NOON - 10) // another monitor whose id starts alike
      await execution('mon_1~arb-1', 'arbitrage', NOON - 10) // '_' is no wildcard
      expect(await monitorExecutionsLastHour(db, 'mon-1', NOON)).toBe(2)
    })
  })
})
