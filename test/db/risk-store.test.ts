// The risk store on a real SQLite file: limits and states survive reopening, every change is audited, the effective
// state is the stricter of the platform's and the venue's, and two connections (two processes) share one truth.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

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

let dir: string
let path: string
let opened: OpenedDatabase[] = []
const open = () => {
  const o = openDatabase(path)
  opened.push(o)
  return o.db
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'risk-store-'))
  path = join(dir, 'gateway.db')
})
afterEach(() => {
  for (const o of opened) o.close()
  opened = []
  rmSync(dir, { recursive: true, force: true })
})

describe('limits', () => {
  it('are the defaults until set, then the stored ones, also after reopening the file', () => {
    const db = open()
    expect(getLimits(db, DEFAULTS)).toEqual(DEFAULTS)
    const tighter = { ...DEFAULTS, maxOrderNotional: '5000', maxOrderNotionalBySymbol: { 'BTC/USDT': '2500.5' } }
    setLimits(db, tighter, 'desk-token', 1_000)
    expect(getLimits(open(), DEFAULTS)).toEqual(tighter)
  })

  it('each change is audited with what was in force before and after', () => {
    const db = open()
    const first = { ...DEFAULTS, maxOrderNotional: '5000' }
    const second = { ...first, maxUnresolvedOrders: 3 }
    setLimits(db, first, 'alice', 1_000)
    setLimits(db, second, 'bob', 2_000)
    const events = listRiskEvents(db, { kind: 'limits_changed', limit: 10 })
    expect(events.map((e) => [e.actor, e.at, e.detail])).toEqual([
      ['bob', 2_000, { before: first, after: second }],
      ['alice', 1_000, { before: null, after: first }],
    ])
  })
})

describe('trading state', () => {
  it('is ACTIVE for every scope nobody set', () => {
    const db = open()
    expect(getTradingStates(db)).toEqual([
      { scope: 'all', state: 'ACTIVE', reason: 'default', changedBy: 'default', changedAt: 0 },
    ])
    expect(effectiveState(db, 'kraken')).toEqual({ state: 'ACTIVE', reason: 'default', scope: 'all' })
  })

  it('the stricter of the platform and the venue applies, with its reason', () => {
    const db = open()
    setTradingState(db, {
      scope: 'kraken',
      state: 'HALTED',
      reason: 'kraken errors',
      changedBy: 'auto:venue_error_rate',
    })
    setTradingState(db, { scope: 'all', state: 'REDUCING', reason: 'end of day', changedBy: 'ops' })
    expect(effectiveState(db, 'kraken')).toEqual({ state: 'HALTED', reason: 'kraken errors', scope: 'kraken' })
    expect(effectiveState(db, 'binance')).toEqual({ state: 'REDUCING', reason: 'end of day', scope: 'all' })
    setTradingState(db, { scope: 'all', state: 'HALTED', reason: 'kill switch', changedBy: 'ops' })
    expect(effectiveState(db, 'kraken')).toEqual({ state: 'HALTED', reason: 'kill switch', scope: 'all' })
    expect(getTradingStates(db).map((s) => [s.scope, s.state])).toEqual([
      ['all', 'HALTED'],
      ['kraken', 'HALTED'],
    ])
  })

  it('a change by one connection is what another connection to the file reads next (api and worker processes)', () => {
    const api = open()
    const worker = open()
    expect(effectiveState(worker, 'binance').state).toBe('ACTIVE')
    setTradingState(api, { scope: 'all', state: 'HALTED', reason: 'stop', changedBy: 'ops' })
    expect(effectiveState(worker, 'binance')).toEqual({ state: 'HALTED', reason: 'stop', scope: 'all' })
  })

  it('each change is audited with before and after, in order', () => {
    const db = open()
    const halted = setTradingState(db, { scope: 'all', state: 'HALTED', reason: 'stop', changedBy: 'ops', at: 10 })
    const active = setTradingState(db, { scope: 'all', state: 'ACTIVE', reason: 'resume', changedBy: 'ops2', at: 20 })
    const events = listRiskEvents(db, { kind: 'state_changed', limit: 10 })
    expect(events.map((e) => e.detail)).toEqual([
      { before: halted, after: active },
      { before: null, after: halted },
    ])
    expect(events.map((e) => e.actor)).toEqual(['ops2', 'ops'])
  })
})

describe('risk events', () => {
  it('are listed newest first, by kind, scope and time', () => {
    const db = open()
    recordRiskEvent(db, { kind: 'halt', scope: 'all', actor: 'auto:daily_loss', detail: { reason: 'loss' }, at: 100 })
    recordRiskEvent(db, { kind: 'halt', scope: 'kraken', actor: 'auto:venue_error_rate', detail: {}, at: 200 })
    recordRiskEvent(db, { kind: 'refusal', scope: 'binance', actor: 'wf-1', detail: { message: 'too big' }, at: 300 })
    expect(listRiskEvents(db, { limit: 10 }).map((e) => e.at)).toEqual([300, 200, 100])
    expect(listRiskEvents(db, { kind: 'halt', limit: 10 }).map((e) => e.scope)).toEqual(['kraken', 'all'])
    expect(listRiskEvents(db, { kind: 'halt', since: 150, limit: 10 }).map((e) => e.scope)).toEqual(['kraken'])
    expect(listRiskEvents(db, { scope: 'all', limit: 10 }).map((e) => e.detail)).toEqual([{ reason: 'loss' }])
    expect(listRiskEvents(db, { limit: 1 })).toHaveLength(1)
  })
})
