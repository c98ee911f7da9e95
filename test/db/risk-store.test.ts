// The risk store on a SQLite file and on a PostgreSQL database: limits and states survive reopening, every change is
// audited, the effective state is the stricter of the platform's and the venue's, and two connections (two processes)
// share one truth.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'

import { openDatabase, type OpenedDatabase } from '../../db/client.js'
import {
  effectiveState,
  getLimits,
  getTradingStates,
  listRiskEvents,
  recordRiskEvent,
  setLimits,
  setTradingState,
} from '../../db/risk-store.js'
import type { RiskLimits } from '../../domain/risk/types.js'
import { dropSharedTestDatabases, sharedDatabaseTarget } from '../support/shared-test-database.js'
import { DIALECTS } from '../support/test-databases.js'

const DEFAULTS: RiskLimits = {
  maxOrderNotional: '1000000',
  maxOrderNotionalBySymbol: {},
  maxExposure: {},
  maxOrdersPerMinutePerVenue: 600,
  maxDailyArbitrageLoss: '50000',
  maxAutoExecutionsPerMonitorPerHour: 60,
  maxUnresolvedOrders: 20,
  venueErrorHalt: { rate: 0.5, minRequests: 20, windowMs: 60_000 },
}

afterAll(dropSharedTestDatabases)

describe.each(DIALECTS)('%s', (dialect) => {
  let target: string
  let opened: OpenedDatabase[] = []
  const open = async () => {
    const o = await openDatabase(target)
    opened.push(o)
    return o.db
  }

  beforeEach(async () => {
    target = await sharedDatabaseTarget(dialect)
  })
  afterEach(async () => {
    await Promise.all(opened.map((o) => o.close()))
    opened = []
  })

  describe('limits', () => {
    it('are the defaults until set, then the stored ones, also after reopening the database', async () => {
      const db = await open()
      expect(await getLimits(db, DEFAULTS)).toEqual(DEFAULTS)
      const tighter = { ...DEFAULTS, maxOrderNotional: '5000', maxOrderNotionalBySymbol: { 'BTC/USDT': '2500.5' } }
      await setLimits(db, tighter, 'desk-token', 1_000)
      expect(await getLimits(await open(), DEFAULTS)).toEqual(tighter)
    })

    it('each change is audited with what was in force before and after', async () => {
      const db = await open()
      const first = { ...DEFAULTS, maxOrderNotional: '5000' }
      const second = { ...first, maxUnresolvedOrders: 3 }
      await setLimits(db, first, 'alice', 1_000)
      await setLimits(db, second, 'bob', 2_000)
      const events = await listRiskEvents(db, { kind: 'limits_changed', limit: 10 })
      expect(events.map((e) => [e.actor, e.at, e.detail])).toEqual([
        ['bob', 2_000, { before: first, after: second }],
        ['alice', 1_000, { before: null, after: first }],
      ])
    })
  })

  describe('trading state', () => {
    it('is ACTIVE for every scope nobody set', async () => {
      const db = await open()
      expect(await getTradingStates(db)).toEqual([
        { scope: 'all', state: 'ACTIVE', reason: 'default', changedBy: 'default', changedAt: 0 },
      ])
      expect(await effectiveState(db, 'kraken')).toEqual({ state: 'ACTIVE', reason: 'default', scope: 'all' })
    })

    it('the stricter of the platform and the venue applies, with its reason', async () => {
      const db = await open()
      await setTradingState(db, {
        scope: 'kraken',
        state: 'HALTED',
        reason: 'kraken errors',
        changedBy: 'auto:venue_error_rate',
      })
      await setTradingState(db, { scope: 'all', state: 'REDUCING', reason: 'end of day', changedBy: 'ops' })
      expect(await effectiveState(db, 'kraken')).toEqual({ state: 'HALTED', reason: 'kraken errors', scope: 'kraken' })
      expect(await effectiveState(db, 'binance')).toEqual({ state: 'REDUCING', reason: 'end of day', scope: 'all' })
      await setTradingState(db, { scope: 'all', state: 'HALTED', reason: 'kill switch', changedBy: 'ops' })
      expect(await effectiveState(db, 'kraken')).toEqual({ state: 'HALTED', reason: 'kill switch', scope: 'all' })
      expect((await getTradingStates(db)).map((s) => [s.scope, s.state])).toEqual([
        ['all', 'HALTED'],
        ['kraken', 'HALTED'],
      ])
    })

    it('a change by one connection is what another connection to the database reads next (api and worker processes)', async () => {
      const api = await open()
      const worker = await open()
      expect((await effectiveState(worker, 'binance')).state).toBe('ACTIVE')
      await setTradingState(api, { scope: 'all', state: 'HALTED', reason: 'stop', changedBy: 'ops' })
      expect(await effectiveState(worker, 'binance')).toEqual({ state: 'HALTED', reason: 'stop', scope: 'all' })
    })

    it('each change is audited with before and after, in order', async () => {
      const db = await open()
      const halted = await setTradingState(db, {
        scope: 'all',
        state: 'HALTED',
        reason: 'stop',
        changedBy: 'ops',
        at: 10,
      })
      const active = await setTradingState(db, {
        scope: 'all',
        state: 'ACTIVE',
        reason: 'resume',
        changedBy: 'ops2',
        at: 20,
      })
      const events = await listRiskEvents(db, { kind: 'state_changed', limit: 10 })
      expect(events.map((e) => e.detail)).toEqual([
        { before: halted, after: active },
        { before: null, after: halted },
      ])
      expect(events.map((e) => e.actor)).toEqual(['ops2', 'ops'])
    })
  })

  it('concurrent changes are serialized: every audit’s before is the change just before it', async () => {
    // On PostgreSQL each change may take another pooled connection; without the lock two would read the same before.
    // One time for all: the audit lists them in the order they were written.
    const db = await open()
    const changes = Array.from({ length: 12 }, (_, i) =>
      setTradingState(db, {
        scope: 'all',
        state: i % 2 ? 'HALTED' : 'ACTIVE',
        reason: `r${i}`,
        changedBy: 'ops',
        at: 1_000,
      })
    )
    await Promise.all(changes)
    const events = (await listRiskEvents(db, { kind: 'state_changed', limit: 20 })).reverse()
    expect(events).toHaveLength(12)
    const details = events.map((e) => e.detail as { before: unknown; after: unknown })
    expect(details[0]!.before).toBeNull()
    for (let i = 1; i < details.length; i++) expect(details[i]!.before).toEqual(details[i - 1]!.after)
  })

  describe('risk events', () => {
    it('are listed newest first, by kind, scope and time', async () => {
      const db = await open()
      await recordRiskEvent(db, {
        kind: 'halt',
        scope: 'all',
        actor: 'auto:daily_loss',
        detail: { reason: 'loss' },
        at: 100,
      })
      await recordRiskEvent(db, { kind: 'halt', scope: 'kraken', actor: 'auto:venue_error_rate', detail: {}, at: 200 })
      await recordRiskEvent(db, {
        kind: 'refusal',
        scope: 'binance',
        actor: 'wf-1',
        detail: { message: 'too big' },
        at: 300,
      })
      expect((await listRiskEvents(db, { limit: 10 })).map((e) => e.at)).toEqual([300, 200, 100])
      expect((await listRiskEvents(db, { kind: 'halt', limit: 10 })).map((e) => e.scope)).toEqual(['kraken', 'all'])
      expect((await listRiskEvents(db, { kind: 'halt', since: 150, limit: 10 })).map((e) => e.scope)).toEqual([
        'kraken',
      ])
      expect((await listRiskEvents(db, { scope: 'all', limit: 10 })).map((e) => e.detail)).toEqual([{ reason: 'loss' }])
      expect(await listRiskEvents(db, { limit: 1 })).toHaveLength(1)
    })
  })
})
