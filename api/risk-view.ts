// What the API shows of risk: the trading state per scope and per venue, the halts of the day, and the usage of each
// limit. Read from the database only (no venue call), so GET /api/risk and /health stay cheap. Evaluating the
// automatic halts here too means a halt condition is acted on even while no order is being checked.
import { and, count, gte, eq } from 'drizzle-orm'

import type { GatewayDb } from '../db/client.js'
import {
  dailyArbitrageLoss,
  evaluateAutoHalts,
  netPosition,
  SEND_WINDOW_MS,
  unresolvedCount,
  utcDayStart,
  venueErrorRate,
} from '../db/risk-facts.js'
import { effectiveState, getLimits, getTradingStates, listRiskEvents, type EffectiveState } from '../db/risk-store.js'
import { DEFAULT_RISK_LIMITS } from '../domain/risk/config.js'
import type { HaltKind, RiskLimits, TradingState, TradingStateScope } from '../domain/risk/types.js'
import type { DecimalString, ExchangeId } from '../domain/types.js'

export interface RiskViewDeps {
  db: GatewayDb
  exchanges: readonly ExchangeId[]
  /** The configuration's limits (RISK_LIMITS_FILE over the defaults). */
  riskLimits?: RiskLimits
}

export const limitsInForce = (deps: RiskViewDeps): Promise<RiskLimits> =>
  getLimits(deps.db, deps.riskLimits ?? DEFAULT_RISK_LIMITS)

export interface HaltView {
  kind: HaltKind
  scope: TradingStateScope
  reason: string
  at: number
  /** The scope is still HALTED by this halt (nobody has set it back yet). */
  active: boolean
}

export interface TradingStateView {
  states: TradingState[]
  /** The state each venue's orders are held to: the stricter of 'all' and the venue's own. */
  effective: Record<string, EffectiveState>
}

export async function tradingStateView(deps: RiskViewDeps): Promise<TradingStateView> {
  const effective = await Promise.all(deps.exchanges.map(async (e) => [e, await effectiveState(deps.db, e)] as const))
  return { states: await getTradingStates(deps.db), effective: Object.fromEntries(effective) }
}

const autoKind = (changedBy: string): HaltKind | undefined =>
  changedBy.startsWith('auto:') ? (changedBy.slice('auto:'.length) as HaltKind) : undefined

/**
 * The automatic halts of the UTC day (risk_events of kind 'halt'), and any scope still HALTED by an automatic halt of
 * an earlier day. Newest first.
 */
export async function haltsView(db: GatewayDb, now: number): Promise<HaltView[]> {
  const states = await getTradingStates(db)
  const activeKind = (scope: string) => {
    const s = states.find((x) => x.scope === scope)
    return s?.state === 'HALTED' ? autoKind(s.changedBy) : undefined
  }
  const events = await listRiskEvents(db, { kind: 'halt', since: utcDayStart(now), limit: 100 })
  const halts: HaltView[] = events.map((e) => {
    const detail = (e.detail ?? {}) as { kind?: HaltKind; reason?: string }
    const kind = detail.kind ?? (autoKind(e.actor) as HaltKind)
    return { kind, scope: e.scope, reason: detail.reason ?? '', at: e.at, active: activeKind(e.scope) === kind }
  })
  for (const s of states) {
    const kind = s.state === 'HALTED' ? autoKind(s.changedBy) : undefined
    if (kind && !halts.some((h) => h.scope === s.scope && h.kind === kind)) {
      halts.push({ kind, scope: s.scope, reason: s.reason, at: s.changedAt, active: true })
    }
  }
  return halts
}

export interface RiskUsage {
  /** Per venue: orders given a send slot in the last 60 s (the rate cap's own count) against the cap. */
  ordersLastMinute: Record<string, { used: number; limit: number }>
  /** Realised arbitrage loss of the UTC day (positive) against maxDailyArbitrageLoss. */
  dailyArbitrageLoss: { used: DecimalString; limit: DecimalString }
  /** Executions with an order outcome still unknown against maxUnresolvedOrders. */
  unresolvedOrders: { used: number; limit: number }
  /** Per maxExposure key and venue ("binance:BTC"): the ledger's net position against its ceiling. */
  exposure: Record<string, { used: DecimalString; limit: DecimalString }>
  /** Per venue: failed order requests in the error-halt window against venueErrorHalt. */
  venueErrors: Record<string, { requests: number; failures: number; rateLimit: number; minRequests: number }>
}

async function exposureUsage(deps: RiskViewDeps, limits: RiskLimits): Promise<RiskUsage['exposure']> {
  const usage: RiskUsage['exposure'] = {}
  for (const [key, limit] of Object.entries(limits.maxExposure)) {
    const [venue, asset] = key.includes(':') ? (key.split(':') as [ExchangeId, string]) : [undefined, key]
    for (const exchange of venue ? [venue] : deps.exchanges) {
      // a venue-specific key is the tighter one: "BTC" does not overwrite "binance:BTC"
      if (!venue && limits.maxExposure[`${exchange}:${asset}`] !== undefined) continue
      usage[`${exchange}:${asset}`] = { used: await netPosition(deps.db, exchange, asset), limit }
    }
  }
  return usage
}

export async function riskUsage(deps: RiskViewDeps, limits: RiskLimits, now: number): Promise<RiskUsage> {
  const { db } = deps
  const { sendReservations } = db.t
  const since = now - SEND_WINDOW_MS
  const sent = async (exchange: ExchangeId) => {
    const [row] = await db.orm
      .select({ n: count() })
      .from(sendReservations)
      .where(and(eq(sendReservations.exchange, exchange), gte(sendReservations.at, since)))
    return row?.n ?? 0
  }
  const { windowMs, rate, minRequests } = limits.venueErrorHalt
  const perVenue = await Promise.all(
    deps.exchanges.map(async (e) => ({
      exchange: e,
      sent: await sent(e),
      errors: await venueErrorRate(db, e, windowMs, now),
    }))
  )
  return {
    ordersLastMinute: Object.fromEntries(
      perVenue.map((v) => [v.exchange, { used: v.sent, limit: limits.maxOrdersPerMinutePerVenue }])
    ),
    dailyArbitrageLoss: { used: await dailyArbitrageLoss(db, now), limit: limits.maxDailyArbitrageLoss },
    unresolvedOrders: { used: await unresolvedCount(db), limit: limits.maxUnresolvedOrders },
    exposure: await exposureUsage(deps, limits),
    venueErrors: Object.fromEntries(perVenue.map((v) => [v.exchange, { ...v.errors, rateLimit: rate, minRequests }])),
  }
}

/** GET /api/risk: limits, states, halts and usage, after acting on any halt condition met now. */
export async function riskView(deps: RiskViewDeps, now = Date.now()) {
  const limits = await limitsInForce(deps)
  await evaluateAutoHalts(deps.db, limits, now)
  return {
    limits,
    ...(await tradingStateView(deps)),
    halts: await haltsView(deps.db, now),
    usage: await riskUsage(deps, limits, now),
  }
}

/**
 * What /health shows of risk: the trading state, the automatic halts in force, and a warning while anything is not
 * ACTIVE (trading stopped or reduced needs a person's eye, yet the platform itself is healthy: /health stays 200).
 */
export async function riskHealth(deps: RiskViewDeps, now = Date.now()) {
  await evaluateAutoHalts(deps.db, await limitsInForce(deps), now)
  const view = await tradingStateView(deps)
  const halts = (await haltsView(deps.db, now)).filter((h) => h.active)
  const stopped = view.states.filter((s) => s.state !== 'ACTIVE')
  const warning =
    stopped.length === 0
      ? undefined
      : `trading ${stopped.map((s) => `${s.state} for ${s.scope === 'all' ? 'all venues' : s.scope} (${s.reason}; by ${s.changedBy})`).join(', ')}; ` +
        `PUT /api/trading-state to change it`
  return { tradingState: view, halts, warning }
}
