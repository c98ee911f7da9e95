// The facts the pre-trade risk check reads from the database: the net position the ledger shows, the send-rate
// window (a reservation per order, atomic across every process sharing the file), the day's realised arbitrage
// loss, the unresolved outcomes and a venue's error rate; and the automatic halts those facts trigger.
// Amounts are summed exactly (domain/money.ts) from the decimal string columns, never with SQL REAL arithmetic.
import { and, count, eq, gte, inArray, isNotNull, lt, ne, or, isNull, sql } from 'drizzle-orm'

import { add, cmp, sub, sum } from '../domain/money.js'
import { assetsOf } from '../domain/risk/decide.js'
import type { Halt, HaltKind, RiskLimits, TradingStateScope } from '../domain/risk/types.js'
import { RISK_REJECTED } from '../domain/risk/types.js'
import type { DecimalString, ExchangeId } from '../domain/types.js'
import type { GatewayDb } from './client.js'
import { jsonText } from './json-text.js'
import { getTradingStates, recordRiskEvent, RISK_LOCK, setTradingState } from './risk-store.js'

/** The rate cap's window: orders sent to one venue in any 60 s. */
export const SEND_WINDOW_MS = 60_000
const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/** Start of the UTC day `now` falls in (epoch ms). */
export const utcDayStart = (now: number): number => Math.floor(now / DAY_MS) * DAY_MS

/**
 * Net position this platform's orders hold at `exchange` in `baseAsset`: filled amounts bought minus sold, over every
 * symbol (spot and futures) whose base is that asset. Rows without a fill (pending, rejected) add nothing.
 */
export async function netPosition(db: GatewayDb, exchange: ExchangeId, baseAsset: string): Promise<DecimalString> {
  const { orderAttempts } = db.t
  const prefix = `${baseAsset}/`
  const rows = await db.orm
    .select({ symbol: orderAttempts.symbol, side: orderAttempts.side, filled: orderAttempts.filled })
    .from(orderAttempts)
    .where(
      and(
        eq(orderAttempts.exchange, exchange),
        // An exact prefix match: LIKE would read '_' in an asset name as a wildcard.
        sql`substr(${orderAttempts.symbol}, 1, ${prefix.length}) = ${prefix}`,
        isNotNull(orderAttempts.filled)
      )
    )
  let net: DecimalString = '0'
  for (const row of rows) {
    if (assetsOf(row.symbol).base !== baseAsset || row.filled === null) continue
    net = row.side === 'buy' ? add(net, row.filled) : sub(net, row.filled)
  }
  return net
}

export interface SendSlotRequest {
  clientOrderId: string
  exchange: ExchangeId
  /** maxOrdersPerMinutePerVenue. */
  cap: number
  /** An unwind: it always takes a slot (and counts against the others) but is never refused one. */
  force: boolean
  now: number
}

export interface SendSlot {
  reserved: boolean
  /** Orders reserved for the venue in the last 60 s, this one not included. */
  sentLastMinute: number
}

/**
 * Reserves a send slot for one order within the venue's cap. Serialized per venue (the lock is taken before the
 * count), so two processes sharing the history never both take the last slot. A client order id that
 * already holds a slot keeps it: the check of a retried placement is not a second order.
 */
export async function reserveSendSlot(db: GatewayDb, slot: SendSlotRequest): Promise<SendSlot> {
  const { sendReservations } = db.t
  const since = slot.now - SEND_WINDOW_MS
  return db.serialized(`send-slots:${slot.exchange}`, async (tx) => {
    // This venue's rows that left the window count for nobody: pruned so the table stays a minute long.
    await tx.orm
      .delete(sendReservations)
      .where(and(eq(sendReservations.exchange, slot.exchange), lt(sendReservations.at, since)))
    const [own] = await tx.orm
      .select({ at: sendReservations.at })
      .from(sendReservations)
      .where(eq(sendReservations.clientOrderId, slot.clientOrderId))
      .limit(1)
    const others = and(
      eq(sendReservations.exchange, slot.exchange),
      gte(sendReservations.at, since),
      ne(sendReservations.clientOrderId, slot.clientOrderId)
    )
    const [counted] = await tx.orm.select({ n: count() }).from(sendReservations).where(others)
    const sentLastMinute = counted?.n ?? 0
    if (own) return { reserved: true, sentLastMinute }
    if (sentLastMinute >= slot.cap && !slot.force) return { reserved: false, sentLastMinute }
    await tx.orm
      .insert(sendReservations)
      .values({ clientOrderId: slot.clientOrderId, exchange: slot.exchange, at: slot.now })
    return { reserved: true, sentLastMinute }
  })
}

/** Gives a slot back: the order it was reserved for was refused by another limit and is never sent. */
export async function releaseSendSlot(db: GatewayDb, clientOrderId: string): Promise<void> {
  const { sendReservations } = db.t
  await db.orm.delete(sendReservations).where(eq(sendReservations.clientOrderId, clientOrderId))
}

/**
 * Realised arbitrage loss of the UTC day `now` falls in, as a positive decimal string ('0' when none): the sum of
 * the negative profits of arbitrage executions that completed that day. Gains do not offset losses.
 */
export async function dailyArbitrageLoss(db: GatewayDb, now: number): Promise<DecimalString> {
  const { executions } = db.t
  const start = utcDayStart(now)
  const rows = await db.orm
    .select({ profit: executions.profit })
    .from(executions)
    .where(
      and(
        eq(executions.strategy, 'arbitrage'),
        isNotNull(executions.profit),
        gte(executions.completedAt, start),
        lt(executions.completedAt, start + DAY_MS)
      )
    )
  const losses = rows.flatMap((r) => (r.profit !== null && cmp(r.profit, '0') < 0 ? [r.profit] : []))
  return sub('0', sum(losses))
}

/**
 * Unresolved order outcomes: executions waiting on a venue to tell an order's outcome after the reconcile budget
 * (status 'unresolved', as /health shows them). An outcome still inside its reconcile grace window is not counted:
 * that is the ordinary path of any timeout and would halt trading on a burst of them.
 */
export async function unresolvedCount(db: GatewayDb): Promise<number> {
  const { executions } = db.t
  const [row] = await db.orm.select({ n: count() }).from(executions).where(eq(executions.status, 'unresolved'))
  return row?.n ?? 0
}

/**
 * The error types (exchanges/errors.ts names, as order_attempts.error_type records them) that say the venue failed
 * to serve an order request: unavailable (5xx, maintenance, network, timeout before sending), rate limited, or an
 * answer lost after sending. Definitive rejections (funds, invalid order) are the venue working; SendDeadlineError is
 * this platform's own deadline (its queue or pacing), not the venue's failure.
 */
export const VENUE_FAILURE_TYPES = ['ExchangeUnavailableError', 'RateLimitError', 'OrderOutcomeUnknownError'] as const

export interface VenueErrorRate {
  requests: number
  failures: number
}

/**
 * Order requests to `exchange` recorded in the last `windowMs` and how many of them ended in a venue failure. A
 * failure the retry then got past is no longer one (the placement clears error_type when the venue answers).
 * Risk refusals never reached the venue and are not requests.
 */
export async function venueErrorRate(
  db: GatewayDb,
  exchange: ExchangeId,
  windowMs: number,
  now: number
): Promise<VenueErrorRate> {
  const { orderAttempts } = db.t
  const [row] = await db.orm
    .select({
      requests: count(),
      failures: sql<number>`coalesce(sum(case when ${inArray(orderAttempts.errorType, [...VENUE_FAILURE_TYPES])} then 1 else 0 end), 0)`,
    })
    .from(orderAttempts)
    .where(
      and(
        eq(orderAttempts.exchange, exchange),
        gte(orderAttempts.createdAt, now - windowMs),
        or(isNull(orderAttempts.errorType), ne(orderAttempts.errorType, RISK_REJECTED))
      )
    )
  return { requests: row?.requests ?? 0, failures: Number(row?.failures ?? 0) }
}

/** Venues with order requests recorded in the last `windowMs`. */
async function venuesActiveSince(db: GatewayDb, since: number): Promise<ExchangeId[]> {
  const { orderAttempts } = db.t
  const rows = await db.orm
    .selectDistinct({ exchange: orderAttempts.exchange })
    .from(orderAttempts)
    .where(gte(orderAttempts.createdAt, since))
  return rows.map((r) => r.exchange as ExchangeId)
}

/** A condition the facts meet now, before it is checked against the day's earlier halts. */
interface HaltCondition {
  kind: HaltKind
  scope: TradingStateScope
  reason: string
  figures: Record<string, unknown>
}

async function haltConditions(db: GatewayDb, limits: RiskLimits, now: number): Promise<HaltCondition[]> {
  const conditions: HaltCondition[] = []
  const loss = await dailyArbitrageLoss(db, now)
  if (cmp(loss, limits.maxDailyArbitrageLoss) >= 0 && cmp(loss, '0') > 0) {
    conditions.push({
      kind: 'daily_loss',
      scope: 'all',
      reason: `realised arbitrage loss today ${loss} reached maxDailyArbitrageLoss ${limits.maxDailyArbitrageLoss}`,
      figures: { loss, limit: limits.maxDailyArbitrageLoss },
    })
  }
  const unresolved = await unresolvedCount(db)
  if (unresolved > limits.maxUnresolvedOrders) {
    conditions.push({
      kind: 'unresolved_orders',
      scope: 'all',
      reason: `${unresolved} unresolved order outcomes, more than maxUnresolvedOrders ${limits.maxUnresolvedOrders}`,
      figures: { unresolved, limit: limits.maxUnresolvedOrders },
    })
  }
  const { rate, minRequests, windowMs } = limits.venueErrorHalt
  for (const exchange of await venuesActiveSince(db, now - windowMs)) {
    const { requests, failures } = await venueErrorRate(db, exchange, windowMs, now)
    if (requests < minRequests || failures / requests <= rate) continue
    conditions.push({
      kind: 'venue_error_rate',
      scope: exchange,
      reason: `${failures} of ${requests} order requests to ${exchange} failed in the last ${windowMs / 1000} s, above venueErrorHalt rate ${rate}`,
      figures: { failures, requests, rate, minRequests, windowMs },
    })
  }
  return conditions
}

/**
 * Sets HALTED for every halt condition the facts meet, each at most once per (kind, scope, UTC day): once an operator
 * has set the state back after a halt, the same halt does not override them again that day (they took
 * responsibility, and the audit shows it). A scope already HALTED keeps its reason; the halt is still recorded.
 * Returns the halts fired by this call. Check and write run serialized, so processes evaluating at the same moment
 * fire a halt once.
 */
export async function evaluateAutoHalts(db: GatewayDb, limits: RiskLimits, now: number): Promise<Halt[]> {
  const { riskEvents } = db.t
  const conditions = await haltConditions(db, limits, now)
  if (conditions.length === 0) return []
  const dayStart = utcDayStart(now)
  return db.serialized(RISK_LOCK, async (tx) => {
    const fired: Halt[] = []
    for (const condition of conditions) {
      const [already] = await tx.orm
        .select({ id: riskEvents.id })
        .from(riskEvents)
        .where(
          and(
            eq(riskEvents.kind, 'halt'),
            eq(riskEvents.scope, condition.scope),
            gte(riskEvents.at, dayStart),
            eq(jsonText(tx, riskEvents.detail, 'kind'), condition.kind)
          )
        )
        .limit(1)
      if (already) continue
      const actor = `auto:${condition.kind}`
      const current = (await getTradingStates(tx)).find((s) => s.scope === condition.scope)
      if (current?.state !== 'HALTED') {
        await setTradingState(tx, {
          scope: condition.scope,
          state: 'HALTED',
          reason: condition.reason,
          changedBy: actor,
          at: now,
        })
      }
      await recordRiskEvent(tx, {
        kind: 'halt',
        scope: condition.scope,
        actor,
        detail: { kind: condition.kind, reason: condition.reason, ...condition.figures },
        at: now,
      })
      fired.push({ kind: condition.kind, scope: condition.scope, reason: condition.reason, at: now })
    }
    return fired
  })
}

/** Automatic (monitor) arbitrage executions of `monitorId` started in the last hour: its children `<id>~arb-<n>`. */
export async function monitorExecutionsLastHour(db: GatewayDb, monitorId: string, now: number): Promise<number> {
  const { executions } = db.t
  const prefix = `${monitorId}~arb-`
  const [row] = await db.orm
    .select({ n: count() })
    .from(executions)
    .where(
      and(
        eq(executions.strategy, 'arbitrage'),
        gte(executions.createdAt, now - HOUR_MS),
        sql`substr(${executions.id}, 1, ${prefix.length}) = ${prefix}`
      )
    )
  return row?.n ?? 0
}
