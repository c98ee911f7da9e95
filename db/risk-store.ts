// The risk store: the limits in force, the trading state per scope and the audit of both (risk_events).
// Every function takes the database first. Writes that read before they write run serialized (db.serialized on the
// RISK_LOCK key), so several processes sharing the history (api, workers) never interleave a read-modify-write.
//
// Interfaces others call (db/risk-facts.ts, activities/risk.ts, api/routes/risk.ts), each answering a Promise:
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
import { storableText } from './storable-text.js'
import type { TradingStateRow } from './schema.js'

const LIMITS_ROW = 1

/** The serialized key of every read-modify-write of the limits, the trading states and the automatic halts. */
export const RISK_LOCK = 'risk'

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
export async function getLimits(db: GatewayDb, defaults: RiskLimits): Promise<RiskLimits> {
  const { riskLimits } = db.t
  const [row] = await db.orm.select().from(riskLimits).where(eq(riskLimits.id, LIMITS_ROW)).limit(1)
  return row ? (row.limits as RiskLimits) : defaults
}

/**
 * Stores `limits` (already merged and validated by the caller) and audits the change with what was in force before.
 * `before` is null when the configuration's limits were in force (no stored row).
 */
export async function setLimits(
  db: GatewayDb,
  limits: RiskLimits,
  actor: string,
  at = Date.now()
): Promise<RiskLimits> {
  const { riskLimits, riskEvents } = db.t
  return db.serialized(RISK_LOCK, async (tx) => {
    const [before] = await tx.orm.select().from(riskLimits).where(eq(riskLimits.id, LIMITS_ROW)).limit(1)
    await tx.orm
      .insert(riskLimits)
      .values({ id: LIMITS_ROW, limits, updatedAt: at, updatedBy: actor })
      .onConflictDoUpdate({ target: riskLimits.id, set: { limits, updatedAt: at, updatedBy: actor } })
    await tx.orm.insert(riskEvents).values({
      at,
      kind: 'limits_changed',
      scope: 'all',
      actor,
      detail: { before: before?.limits ?? null, after: limits },
    })
    return limits
  })
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
export async function getTradingStates(db: GatewayDb): Promise<TradingState[]> {
  const rows = (await db.orm.select().from(db.t.tradingStates)).map(toState)
  const all = rows.find((r) => r.scope === 'all') ?? { scope: 'all' as const, ...DEFAULT_STATE }
  return [all, ...rows.filter((r) => r.scope !== 'all').sort((a, b) => a.scope.localeCompare(b.scope))]
}

async function stateOf(db: GatewayDb, scope: TradingStateScope): Promise<TradingState | undefined> {
  const { tradingStates } = db.t
  const [row] = await db.orm.select().from(tradingStates).where(eq(tradingStates.scope, scope)).limit(1)
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
export async function setTradingState(db: GatewayDb, change: TradingStateChange): Promise<TradingState> {
  const { tradingStates, riskEvents } = db.t
  const at = change.at ?? Date.now()
  const next: TradingState = {
    scope: change.scope,
    state: change.state,
    reason: storableText(change.reason),
    changedBy: change.changedBy,
    changedAt: at,
  }
  return db.serialized(RISK_LOCK, async (tx) => {
    const before = (await stateOf(tx, change.scope)) ?? null
    const values = { state: next.state, reason: next.reason, changedBy: next.changedBy, changedAt: at }
    await tx.orm
      .insert(tradingStates)
      .values({ scope: next.scope, ...values })
      .onConflictDoUpdate({ target: tradingStates.scope, set: values })
    await tx.orm.insert(riskEvents).values({
      at,
      kind: 'state_changed',
      scope: next.scope,
      actor: next.changedBy,
      detail: { before, after: next },
    })
    return next
  })
}

export interface EffectiveState {
  state: TradingStateName
  reason: string
  /** The scope whose state applies: 'all' when the platform's is at least as strict as the venue's. */
  scope: TradingStateScope
}

/** The state an order to `exchange` is held to: the stricter of the platform's and the venue's, with its reason. */
export async function effectiveState(db: GatewayDb, exchange: ExchangeId): Promise<EffectiveState> {
  const all = (await stateOf(db, 'all')) ?? { scope: 'all' as const, ...DEFAULT_STATE }
  const venue = await stateOf(db, exchange)
  if (!venue || stricterState(all.state, venue.state) === all.state) {
    return { state: all.state, reason: all.reason, scope: 'all' }
  }
  return { state: venue.state, reason: venue.reason, scope: exchange }
}

export async function recordRiskEvent(db: GatewayDb, event: NewRiskEventInput): Promise<RiskEvent> {
  const at = event.at ?? Date.now()
  const [row] = await db.orm
    .insert(db.t.riskEvents)
    .values({ at, kind: event.kind, scope: event.scope, actor: event.actor, detail: event.detail ?? {} })
    .returning()
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
export async function listRiskEvents(db: GatewayDb, filter: RiskEventFilter): Promise<RiskEvent[]> {
  const { riskEvents } = db.t
  const where: SQL[] = []
  if (filter.kind) where.push(eq(riskEvents.kind, filter.kind))
  if (filter.scope) where.push(eq(riskEvents.scope, filter.scope))
  if (filter.since !== undefined) where.push(gte(riskEvents.at, filter.since))
  const rows = await db.orm
    .select()
    .from(riskEvents)
    .where(and(...where))
    .orderBy(desc(riskEvents.at), desc(riskEvents.id))
    .limit(filter.limit)
  return rows as RiskEvent[]
}
