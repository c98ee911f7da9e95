// The risk store: the limits in force, the trading state per scope and the audit of both (risk_events).
// Every function takes the database first. Writes that read before they write run in one IMMEDIATE transaction, so
// several processes sharing the SQLite file (api, workers) never interleave a read-modify-write.
//
// Interfaces others call (db/risk-facts.ts, activities/risk.ts, api/routes/risk.ts):
//   getLimits(db, defaults): RiskLimits                           the stored limits, else `defaults`
//   setLimits(db, limits, actor): RiskLimits                      stores them; audit 'limits_changed' {before, after}
//   getTradingStates(db): TradingState[]                          every stored scope; 'all' is always present
//   setTradingState(db, { scope, state, reason, changedBy, at? }): TradingState
//                                                                 stores it; audit 'state_changed' {before, after}
//   effectiveState(db, exchange): { state, reason, scope }        the stricter of 'all' and the venue's
//   recordRiskEvent(db, { kind, scope, actor, detail, at? }): RiskEvent
//   listRiskEvents(db, { kind?, scope?, since?, limit }): RiskEvent[]   newest first
import { and, desc, eq, gte, type SQL } from 'drizzle-orm'

import { stricterState } from '../domain/risk/decide.js'
import type { RiskLimits, TradingState, TradingStateName, TradingStateScope } from '../domain/risk/types.js'
import type { ExchangeId } from '../domain/types.js'
import type { GatewayDb } from './client.js'
import { riskEvents, riskLimits, tradingStates, type TradingStateRow } from './schema.js'

const LIMITS_ROW = 1

/** The state of a scope nobody ever set: trading is on. */
const DEFAULT_STATE = { state: 'ACTIVE', reason: 'default', changedBy: 'default', changedAt: 0 } as const

export type RiskEventKind = 'limits_changed' | 'state_changed' | 'halt' | 'refusal'

export interface RiskEvent {
  id: number
  at: number
  kind: RiskEventKind
  scope: TradingStateScope
  actor: string
  detail: unknown
}

export interface NewRiskEventInput {
  kind: RiskEventKind
  scope: TradingStateScope
  actor: string
  detail: unknown
  /** Defaults to now. */
  at?: number
}

/** The limits changed through the API, else `defaults` (the configuration's). */
export function getLimits(db: GatewayDb, defaults: RiskLimits): RiskLimits {
  const row = db.select().from(riskLimits).where(eq(riskLimits.id, LIMITS_ROW)).get()
  return row ? (row.limits as RiskLimits) : defaults
}

/**
 * Stores `limits` (already merged and validated by the caller) and audits the change with what was in force before.
 * `before` is null when the configuration's limits were in force (no stored row).
 */
export function setLimits(db: GatewayDb, limits: RiskLimits, actor: string, at = Date.now()): RiskLimits {
  return db.transaction(
    (tx) => {
      const before = tx.select().from(riskLimits).where(eq(riskLimits.id, LIMITS_ROW)).get()
      tx.insert(riskLimits)
        .values({ id: LIMITS_ROW, limits, updatedAt: at, updatedBy: actor })
        .onConflictDoUpdate({ target: riskLimits.id, set: { limits, updatedAt: at, updatedBy: actor } })
        .run()
      tx.insert(riskEvents)
        .values({
          at,
          kind: 'limits_changed',
          scope: 'all',
          actor,
          detail: { before: before?.limits ?? null, after: limits },
        })
        .run()
      return limits
    },
    { behavior: 'immediate' }
  )
}

function toState(row: TradingStateRow): TradingState {
  return {
    scope: row.scope as TradingStateScope,
    state: row.state,
    reason: row.reason,
    changedBy: row.changedBy,
    changedAt: row.changedAt,
  }
}

/** Every scope's stored state; 'all' first, present even when never set (ACTIVE, 'default'). */
export function getTradingStates(db: GatewayDb): TradingState[] {
  const rows = db.select().from(tradingStates).all().map(toState)
  const all = rows.find((r) => r.scope === 'all') ?? { scope: 'all' as const, ...DEFAULT_STATE }
  return [all, ...rows.filter((r) => r.scope !== 'all').sort((a, b) => a.scope.localeCompare(b.scope))]
}

function stateOf(db: Pick<GatewayDb, 'select'>, scope: TradingStateScope): TradingState | undefined {
  const row = db.select().from(tradingStates).where(eq(tradingStates.scope, scope)).get()
  return row ? toState(row) : undefined
}

export interface TradingStateChange {
  scope: TradingStateScope
  state: TradingStateName
  reason: string
  changedBy: string
  /** Defaults to now. */
  at?: number
}

/** Sets one scope's state and audits it ('state_changed' with before and after) in the same transaction. */
export function setTradingState(db: GatewayDb, change: TradingStateChange): TradingState {
  const at = change.at ?? Date.now()
  const next: TradingState = {
    scope: change.scope,
    state: change.state,
    reason: change.reason,
    changedBy: change.changedBy,
    changedAt: at,
  }
  return db.transaction(
    (tx) => {
      const before = stateOf(tx, change.scope) ?? null
      const values = { state: next.state, reason: next.reason, changedBy: next.changedBy, changedAt: at }
      tx.insert(tradingStates)
        .values({ scope: next.scope, ...values })
        .onConflictDoUpdate({ target: tradingStates.scope, set: values })
        .run()
      tx.insert(riskEvents)
        .values({
          at,
          kind: 'state_changed',
          scope: next.scope,
          actor: next.changedBy,
          detail: { before, after: next },
        })
        .run()
      return next
    },
    { behavior: 'immediate' }
  )
}

export interface EffectiveState {
  state: TradingStateName
  reason: string
  /** The scope whose state applies: 'all' when the platform's is at least as strict as the venue's. */
  scope: TradingStateScope
}

/** The state an order to `exchange` is held to: the stricter of the platform's and the venue's, with its reason. */
export function effectiveState(db: GatewayDb, exchange: ExchangeId): EffectiveState {
  const all = stateOf(db, 'all') ?? { scope: 'all' as const, ...DEFAULT_STATE }
  const venue = stateOf(db, exchange)
  if (!venue || stricterState(all.state, venue.state) === all.state) {
    return { state: all.state, reason: all.reason, scope: 'all' }
  }
  return { state: venue.state, reason: venue.reason, scope: exchange }
}

export function recordRiskEvent(db: GatewayDb, event: NewRiskEventInput): RiskEvent {
  const at = event.at ?? Date.now()
  const row = db
    .insert(riskEvents)
    .values({ at, kind: event.kind, scope: event.scope, actor: event.actor, detail: event.detail ?? {} })
    .returning()
    .get()
  return row as RiskEvent
}

export interface RiskEventFilter {
  kind?: RiskEventKind
  scope?: TradingStateScope
  /** Only events at or after this time (ms). */
  since?: number
  limit: number
}

/** The audit, newest first. */
export function listRiskEvents(db: GatewayDb, filter: RiskEventFilter): RiskEvent[] {
  const where: SQL[] = []
  if (filter.kind) where.push(eq(riskEvents.kind, filter.kind))
  if (filter.scope) where.push(eq(riskEvents.scope, filter.scope))
  if (filter.since !== undefined) where.push(gte(riskEvents.at, filter.since))
  return db
    .select()
    .from(riskEvents)
    .where(and(...where))
    .orderBy(desc(riskEvents.at), desc(riskEvents.id))
    .limit(filter.limit)
    .all() as RiskEvent[]
}
