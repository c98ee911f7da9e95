// The risk facts read from the database (db/risk-facts.ts), on a SQLite file with the real migrations: the send
// slot under, at and over the cap (also from two connections racing on the same file), the ledger's net position,
// the day's arbitrage loss, the venue error rate and the automatic halts that fire once per day.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

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
import { executions, orderAttempts } from '../../db/schema.js'
import { DEFAULT_RISK_LIMITS } from '../../domain/risk/config.js'
import type { RiskLimits } from '../../domain/risk/types.js'
import type { ExchangeId } from '../../domain/types.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const TSX = join(root, 'node_modules', '.bin', 'tsx')

// 2025-03-10 12:00:00 UTC
const NOON = Date.UTC(2025, 2, 10, 12)

let dir: string
let opened: OpenedDatabase[]
let db: GatewayDb

const open = (): GatewayDb => {
  const o = openDatabase(join(dir, 'gateway.db'))
  opened.push(o)
  return o.db
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'risk-facts-'))
  opened = []
  db = open()
})

afterEach(() => {
  for (const o of opened) o.close()
  rmSync(dir, { recursive: true, force: true })
})

function execution(id: string, strategy: 'order' | 'arbitrage' = 'order', createdAt?: number): void {
  recordExecutionStart(db, {
    id,
    strategy,
    symbol: 'BTC/USDT',
    side: 'buy',
    exchanges: 'binance',
    idempotencyKey: null,
    request: {},
  })
  if (createdAt !== undefined) db.update(executions).set({ createdAt }).where(eq(executions.id, id)).run()
}

let seq = 0
function attempt(
  over: {
    exchange?: string
    symbol?: string
    side?: 'buy' | 'sell'
    filled?: string | null
    errorType?: string
    status?: string
    createdAt?: number
  } = {}
): string {
  seq += 1
  const id = `c${seq}`
  execution('exec-ledger')
  recordOrderIntent(db, {
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
  updateOrderAttempt(
    db,
    id,
    {
      status: over.status ?? 'closed',
      filled: over.filled === undefined ? null : over.filled,
      ...(over.errorType ? { errorType: over.errorType, error: over.errorType } : {}),
    },
    NOON
  )
  if (over.createdAt !== undefined)
    db.update(orderAttempts).set({ createdAt: over.createdAt }).where(eq(orderAttempts.clientOrderId, id)).run()
  return id
}

const slot = (clientOrderId: string, over: Partial<Parameters<typeof reserveSendSlot>[1]> = {}) =>
  reserveSendSlot(db, { clientOrderId, exchange: 'binance', cap: 2, force: false, now: NOON, ...over })

describe('reserveSendSlot', () => {
  it('reserves under the cap and refuses at it, counting only that venue in the last 60 s', () => {
    expect(slot('a')).toEqual({ reserved: true, sentLastMinute: 0 })
    expect(slot('b', { now: NOON + 1 })).toEqual({ reserved: true, sentLastMinute: 1 })
    expect(slot('c', { now: NOON + 2 })).toEqual({ reserved: false, sentLastMinute: 2 })
    // another venue has its own window
    expect(slot('d', { exchange: 'kraken', now: NOON + 2 })).toEqual({ reserved: true, sentLastMinute: 0 })
    // 60 s after 'a' it has left the window: one slot is free again
    expect(slot('c', { now: NOON + 60_001 })).toEqual({ reserved: true, sentLastMinute: 1 })
  })

  it('a retry of the same client order id finds its own slot, even at the cap', () => {
    expect(slot('a').reserved).toBe(true)
    expect(slot('b').reserved).toBe(true)
    expect(slot('a', { now: NOON + 5 })).toEqual({ reserved: true, sentLastMinute: 1 })
    // and holds one slot, not two
    expect(slot('c', { now: NOON + 6 })).toEqual({ reserved: false, sentLastMinute: 2 })
  })

  it('force (an unwind) always takes a slot and counts against the others', () => {
    slot('a')
    slot('b')
    expect(slot('unwind', { force: true })).toEqual({ reserved: true, sentLastMinute: 2 })
    expect(slot('later', { cap: 4 })).toEqual({ reserved: true, sentLastMinute: 3 })
  })

  it('a released slot is free for the next order', () => {
    slot('a')
    slot('b')
    releaseSendSlot(db, 'b')
    expect(slot('c')).toEqual({ reserved: true, sentLastMinute: 1 })
  })

  it('two processes on the same file reserving at once never exceed the cap', async () => {
    // Each of 300 venues has a cap of 1 and both processes ask for it at about the same moment: 300 races for a
    // last slot. Without the one IMMEDIATE transaction (count, then insert) some venues end with two.
    const venues = 300
    // Both spin until the same instant (time enough for tsx to start both), so their reservations interleave.
    const startAt = Date.now() + 5000
    const racer = (name: string) =>
      new Promise<number>((resolve, reject) => {
        execFile(
          TSX,
          [
            join(here, 'reserve-slots-process.ts'),
            join(dir, 'gateway.db'),
            name,
            String(venues),
            String(NOON),
            String(startAt),
          ],
          { cwd: root },
          (error, stdout, stderr) =>
            error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(Number(stdout))
        )
      })
    const [a, b] = await Promise.all([racer('a'), racer('b')])
    expect(a + b).toBe(venues)
    expect(slot('one-more', { exchange: 'venue-0' as ExchangeId, cap: 1, now: NOON + 1 })).toEqual({
      reserved: false,
      sentLastMinute: 1,
    })
  })
})

describe('netPosition', () => {
  it('sums fills exactly: bought minus sold, over spot and futures symbols of that base at that venue', () => {
    attempt({ side: 'buy', filled: '0.1' })
    attempt({ side: 'buy', filled: '0.2' })
    attempt({ side: 'sell', filled: '0.05' })
    attempt({ symbol: 'BTC/USDT:USDT', side: 'buy', filled: '1' })
    attempt({ symbol: 'BTC/USDC', side: 'sell', filled: '0.15' })
    // not counted: another venue, another base, no fill, a base that only starts like BTC
    attempt({ exchange: 'kraken', side: 'buy', filled: '5' })
    attempt({ symbol: 'ETH/BTC', side: 'buy', filled: '7' })
    attempt({ side: 'buy', filled: null, status: 'rejected' })
    attempt({ symbol: 'BTCDOM/USDT', side: 'buy', filled: '3' })
    // 0.1 + 0.2 - 0.05 + 1 - 0.15 = 1.1 exactly (floats give 1.1000000000000003)
    expect(netPosition(db, 'binance', 'BTC')).toBe('1.1')
    expect(netPosition(db, 'kraken', 'BTC')).toBe('5')
    expect(netPosition(db, 'binance', 'SOL')).toBe('0')
  })
})

describe('dailyArbitrageLoss', () => {
  function arbitrage(id: string, profit: string, completedAt: number, strategy: 'arbitrage' | 'order' = 'arbitrage') {
    execution(id, strategy)
    recordExecutionEnd(db, id, { status: 'completed', outcome: 'unwound', profit }, completedAt)
  }

  it('sums the losses of arbitrage executions completed this UTC day, as a positive figure', () => {
    arbitrage('a1', '-10.5', NOON - 3_600_000)
    arbitrage('a2', '-0.25', NOON)
    arbitrage('a3', '40', NOON) // a gain does not offset a loss
    arbitrage('a4', '-1000', Date.UTC(2025, 2, 9, 23, 59, 59)) // yesterday
    arbitrage('a5', '-7', NOON, 'order') // not arbitrage
    expect(dailyArbitrageLoss(db, NOON)).toBe('10.75')
    expect(dailyArbitrageLoss(db, Date.UTC(2025, 2, 9, 12))).toBe('1000')
    expect(dailyArbitrageLoss(db, Date.UTC(2025, 2, 11, 0, 0, 1))).toBe('0')
  })
})

describe('venueErrorRate and unresolvedCount', () => {
  it('counts order requests in the window and those the venue failed; risk refusals are not requests', () => {
    attempt({ errorType: 'ExchangeUnavailableError', status: 'pending', createdAt: NOON - 1000 })
    attempt({ errorType: 'RateLimitError', status: 'pending', createdAt: NOON - 1000 })
    attempt({ errorType: 'OrderOutcomeUnknownError', status: 'unknown', createdAt: NOON - 1000 })
    attempt({ errorType: 'InsufficientBalanceError', status: 'rejected', createdAt: NOON - 1000 })
    attempt({ filled: '1', createdAt: NOON - 1000 })
    attempt({ errorType: 'RiskRejectedError', status: 'rejected', createdAt: NOON - 1000 })
    attempt({ errorType: 'ExchangeUnavailableError', status: 'pending', createdAt: NOON - 120_000 }) // outside
    attempt({ exchange: 'kraken', errorType: 'ExchangeUnavailableError', createdAt: NOON - 1000 })
    expect(venueErrorRate(db, 'binance', 60_000, NOON)).toEqual({ requests: 5, failures: 3 })
    expect(venueErrorRate(db, 'coinbase', 60_000, NOON)).toEqual({ requests: 0, failures: 0 })
  })

  it('counts executions waiting on an unknown outcome', () => {
    execution('u1')
    execution('u2')
    recordExecutionStatus(db, 'u1', 'unresolved', 'c1 unknown', NOON)
    expect(unresolvedCount(db)).toBe(1)
  })
})

describe('evaluateAutoHalts', () => {
  const limits: RiskLimits = {
    ...DEFAULT_RISK_LIMITS,
    maxDailyArbitrageLoss: '100',
    maxUnresolvedOrders: 1,
    venueErrorHalt: { rate: 0.5, minRequests: 4, windowMs: 60_000 },
  }

  it('halts everything when the day’s arbitrage loss reaches the limit, once per day', () => {
    execution('a1', 'arbitrage')
    recordExecutionEnd(db, 'a1', { status: 'completed', outcome: 'unwound', profit: '-99.99' }, NOON)
    expect(evaluateAutoHalts(db, limits, NOON)).toEqual([])
    expect(effectiveState(db, 'binance').state).toBe('ACTIVE')

    execution('a2', 'arbitrage')
    recordExecutionEnd(db, 'a2', { status: 'completed', outcome: 'unwound', profit: '-0.01' }, NOON + 1)
    const fired = evaluateAutoHalts(db, limits, NOON + 2)
    expect(fired).toEqual([
      {
        kind: 'daily_loss',
        scope: 'all',
        reason: 'realised arbitrage loss today 100 reached maxDailyArbitrageLoss 100',
        at: NOON + 2,
      },
    ])
    expect(effectiveState(db, 'kraken')).toMatchObject({ state: 'HALTED', scope: 'all' })
    const halts = listRiskEvents(db, { kind: 'halt', limit: 10 })
    expect(halts).toHaveLength(1)
    expect(halts[0]).toMatchObject({
      scope: 'all',
      actor: 'auto:daily_loss',
      detail: { kind: 'daily_loss', loss: '100' },
    })

    // The operator takes responsibility: the same halt does not override them again that day.
    setTradingState(db, {
      scope: 'all',
      state: 'ACTIVE',
      reason: 'reviewed the losses',
      changedBy: 'desk',
      at: NOON + 3,
    })
    expect(evaluateAutoHalts(db, limits, NOON + 4)).toEqual([])
    expect(effectiveState(db, 'binance').state).toBe('ACTIVE')
    expect(listRiskEvents(db, { kind: 'halt', limit: 10 })).toHaveLength(1)

    // The next UTC day it fires again if the figure is still over (a new day's loss).
    const tomorrow = NOON + 86_400_000
    execution('a3', 'arbitrage')
    recordExecutionEnd(db, 'a3', { status: 'completed', outcome: 'unwound', profit: '-150' }, tomorrow)
    expect(evaluateAutoHalts(db, limits, tomorrow + 1)).toHaveLength(1)
    expect(effectiveState(db, 'binance').state).toBe('HALTED')
  })

  it('halts everything on more unresolved outcomes than the limit', () => {
    execution('u1')
    execution('u2')
    recordExecutionStatus(db, 'u1', 'unresolved', 'x', NOON)
    expect(evaluateAutoHalts(db, limits, NOON)).toEqual([]) // 1 is not more than 1
    recordExecutionStatus(db, 'u2', 'unresolved', 'x', NOON)
    expect(evaluateAutoHalts(db, limits, NOON)).toMatchObject([{ kind: 'unresolved_orders', scope: 'all' }])
    expect(effectiveState(db, 'coinbase')).toMatchObject({
      state: 'HALTED',
      reason: '2 unresolved order outcomes, more than maxUnresolvedOrders 1',
    })
  })

  it('halts one venue whose error rate is above the threshold with enough requests; the others trade on', () => {
    for (let i = 0; i < 3; i++)
      attempt({ exchange: 'kraken', errorType: 'ExchangeUnavailableError', status: 'pending', createdAt: NOON - 500 })
    expect(evaluateAutoHalts(db, limits, NOON)).toEqual([]) // 3 of 3 failed, but fewer than minRequests 4
    attempt({ exchange: 'kraken', filled: '1', createdAt: NOON - 400 })
    attempt({ exchange: 'binance', errorType: 'ExchangeUnavailableError', status: 'pending', createdAt: NOON - 400 })
    const fired = evaluateAutoHalts(db, limits, NOON)
    expect(fired).toMatchObject([{ kind: 'venue_error_rate', scope: 'kraken' }])
    expect(fired[0]!.reason).toBe(
      '3 of 4 order requests to kraken failed in the last 60 s, above venueErrorHalt rate 0.5'
    )
    expect(effectiveState(db, 'kraken')).toMatchObject({ state: 'HALTED', scope: 'kraken' })
    expect(effectiveState(db, 'binance').state).toBe('ACTIVE')
    expect(evaluateAutoHalts(db, limits, NOON + 1)).toEqual([])
  })

  it('a scope already HALTED by an operator keeps its reason; the halt is still recorded', () => {
    setTradingState(db, { scope: 'all', state: 'HALTED', reason: 'kill switch', changedBy: 'desk', at: NOON })
    execution('u1')
    execution('u2')
    recordExecutionStatus(db, 'u1', 'unresolved', 'x', NOON)
    recordExecutionStatus(db, 'u2', 'unresolved', 'x', NOON)
    expect(evaluateAutoHalts(db, limits, NOON)).toHaveLength(1)
    expect(effectiveState(db, 'binance')).toMatchObject({ state: 'HALTED', reason: 'kill switch' })
    expect(listRiskEvents(db, { kind: 'halt', limit: 10 })).toHaveLength(1)
  })
})

describe('monitorExecutionsLastHour', () => {
  it('counts the monitor’s own children started in the last hour', () => {
    execution('mon-1~arb-1', 'arbitrage', NOON - 3_599_000)
    execution('mon-1~arb-2', 'arbitrage', NOON - 10)
    execution('mon-1~arb-0', 'arbitrage', NOON - 3_601_000) // over an hour ago
    execution('mon-10~arb-1', 'arbitrage', NOON - 10) // another monitor whose id starts alike
    execution('mon_1~arb-1', 'arbitrage', NOON - 10) // '_' is no wildcard
    expect(monitorExecutionsLastHour(db, 'mon-1', NOON)).toBe(2)
  })
})
