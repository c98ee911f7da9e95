// Reconciliation of the ledger (order_attempts) with one venue: which ledger rows need a lookup, and, given the
// venue's answers, every difference and every ledger row the venue's answer settles. Pure: the activity reads the
// venue and the database, this decides.
//
// Timing rules, so an order being placed right now is never reported:
// - the venue is read before the ledger, so every order the platform sent is already in the ledger read (its row is
//   written before the request goes out) and a venue order without a row really has none;
// - a ledger row the platform touched within the grace window, or after the venue was read, is left to the
//   platform (its workflow is still working on it, or the venue's answer may be older than the row);
// - a venue order younger than the grace window without a ledger row is left for the next run (its row may belong to
//   an order still in flight whose venue id the ledger does not know yet).
import { cmp, str, sum } from './money.js'
import type { DecimalString, ExchangeId, Fill, OrderStatus, Side, UnifiedOrder } from './types.js'

/** Ledger statuses of an order whose outcome the platform has not settled yet. */
export const IN_FLIGHT_STATUSES = ['pending', 'sent', 'unknown', 'open'] as const

/** Default grace window: longer than a placement (20 s) plus its lookup grace, so no live attempt is reported. */
export const DEFAULT_RECONCILE_GRACE_MS = 120_000
/** Default window of venue fills read per run. */
export const DEFAULT_RECONCILE_LOOKBACK_MS = 3_600_000

/** The ledger's view of one order (a row of order_attempts). */
export interface LedgerOrder {
  clientOrderId: string
  executionId: string
  exchange: ExchangeId
  symbol: string
  side: string
  amount: DecimalString
  /** pending, sent, open, closed, canceled, expired, rejected, unknown, absent */
  status: string
  exchangeOrderId: string | null
  filled: DecimalString | null
  updatedAt: number
  /** True once the row's execution has ended: nothing will send this order any more. */
  executionEnded: boolean
  /** The client order id as the venue reports it, when the connector maps ours (Coinbase: a UUID). */
  venueClientOrderId?: string
}

export interface ReconcileTiming {
  now: number
  graceMs: number
  /** When the venue's open orders and fills were read (before the ledger). */
  venueReadAt: number
}

export type DifferenceKind =
  /** (a) The venue has an order the ledger lacks: placed outside the platform, or lost before it was recorded. */
  | 'unknown_to_ledger'
  /** (b) An in-flight ledger order the venue does not know. */
  | 'unknown_to_venue'
  /** (c) The venue filled a different amount than the ledger records. */
  | 'fill_not_recorded'
  /** The venue's status differs from the ledger's with the same fill (e.g. ledger `sent`, venue `canceled`). */
  | 'status_not_recorded'

export type VenueSource = 'open_orders' | 'fills' | 'lookup'

export interface VenueOrderView {
  id: string
  clientOrderId?: string
  symbol: string
  side: Side
  status: OrderStatus | 'unknown'
  amount?: DecimalString
  price?: DecimalString
  filled: DecimalString
  timestamp: number
  source: VenueSource
}

export interface Difference {
  kind: DifferenceKind
  symbol: string
  clientOrderId?: string
  exchangeOrderId?: string
  executionId?: string
  ledger?: { status: string; filled: DecimalString }
  venue?: VenueOrderView
  /** True once the ledger row was updated from the venue's answer (set by the caller after the write). */
  settled: boolean
}

/**
 * A ledger row to update: from the venue's answer, or to `absent` when the venue does not know an order that nothing
 * will send any more (its execution has ended). `expectedUpdatedAt` guards against a concurrent write.
 */
export type Settlement = { clientOrderId: string; expectedUpdatedAt: number } & (
  { order: UnifiedOrder } | { absent: true }
)

export interface VenueReading {
  openOrders: readonly UnifiedOrder[]
  /** Recent fills of the account, or undefined when the connector cannot list them. */
  fills?: readonly Fill[]
}

export interface ReconcileInputs extends VenueReading {
  ledger: readonly LedgerOrder[]
  /** findOrder answers by ledger client order id: the order, or null when the venue does not know it. */
  lookups: Readonly<Record<string, UnifiedOrder | null>>
  timing: ReconcileTiming
}

export interface ReconcileOutcome {
  differences: Difference[]
  settlements: Settlement[]
}

export function isInFlight(status: string): boolean {
  return (IN_FLIGHT_STATUSES as readonly string[]).includes(status)
}

/** Rows the platform touched recently (or after the venue was read) are still its own business. */
function isSettledEnough(row: LedgerOrder, timing: ReconcileTiming): boolean {
  return row.updatedAt < Math.min(timing.now - timing.graceMs, timing.venueReadAt)
}

/** Indexes the ledger by every id a venue may report: its own order id, our client order id, its client order id. */
function ledgerIndex(ledger: readonly LedgerOrder[]) {
  const byOrderId = new Map<string, LedgerOrder>()
  const byClientId = new Map<string, LedgerOrder>()
  for (const row of ledger) {
    if (row.exchangeOrderId) byOrderId.set(row.exchangeOrderId, row)
    byClientId.set(row.clientOrderId, row)
    if (row.venueClientOrderId) byClientId.set(row.venueClientOrderId, row)
  }
  return {
    match(order: { id: string; clientOrderId?: string }): LedgerOrder | undefined {
      return byOrderId.get(order.id) ?? (order.clientOrderId ? byClientId.get(order.clientOrderId) : undefined)
    },
  }
}

/** Filled amount per venue order id, from the fills that name one. */
function filledByOrder(fills: readonly Fill[]): Map<string, { filled: DecimalString; fills: Fill[] }> {
  const grouped = new Map<string, Fill[]>()
  for (const fill of fills) grouped.set(fill.orderId, [...(grouped.get(fill.orderId) ?? []), fill])
  return new Map([...grouped].map(([id, list]) => [id, { filled: sum(list.map((f) => f.amount)), fills: list }]))
}

/**
 * Ledger rows (client order ids) whose venue state must be looked up one by one: every in-flight row the open-order
 * list does not show, and every row whose fills in the window add up to more than the ledger records (the window may
 * miss early fills, so fewer fills prove nothing).
 */
export function rowsToLookUp(ledger: readonly LedgerOrder[], reading: VenueReading, timing: ReconcileTiming): string[] {
  const openIds = new Set(reading.openOrders.map((o) => o.id))
  const openClientIds = new Set(reading.openOrders.map((o) => o.clientOrderId))
  const fills = filledByOrder(reading.fills ?? [])
  const shownOpen = (row: LedgerOrder) =>
    (row.exchangeOrderId !== null && openIds.has(row.exchangeOrderId)) ||
    openClientIds.has(row.clientOrderId) ||
    (row.venueClientOrderId !== undefined && openClientIds.has(row.venueClientOrderId))
  return ledger
    .filter((row) => isSettledEnough(row, timing) && !shownOpen(row))
    .filter((row) => {
      if (isInFlight(row.status)) return true
      const venueFilled = row.exchangeOrderId ? fills.get(row.exchangeOrderId)?.filled : undefined
      return venueFilled !== undefined && cmp(venueFilled, row.filled ?? '0') > 0
    })
    .map((row) => row.clientOrderId)
}

function viewOf(order: UnifiedOrder, source: VenueSource): VenueOrderView {
  return {
    id: order.id,
    clientOrderId: order.clientOrderId || undefined,
    symbol: order.symbol,
    side: order.side,
    status: order.status,
    amount: order.amount,
    ...(order.price !== undefined ? { price: order.price } : {}),
    filled: str(order.filled),
    timestamp: order.timestamp,
    source,
  }
}

/** How the venue's answer differs from the ledger row, if it does. */
function compareRow(row: LedgerOrder, order: UnifiedOrder, source: VenueSource): Difference | undefined {
  const ledgerFilled = row.filled ?? '0'
  const fillDiffers = cmp(order.filled, ledgerFilled) !== 0
  const statusDiffers = order.status !== row.status
  if (!fillDiffers && !statusDiffers) return undefined
  return {
    kind: fillDiffers ? 'fill_not_recorded' : 'status_not_recorded',
    symbol: row.symbol,
    clientOrderId: row.clientOrderId,
    exchangeOrderId: order.id,
    executionId: row.executionId,
    ledger: { status: row.status, filled: str(ledgerFilled) },
    venue: viewOf(order, source),
    settled: false,
  }
}

/**
 * Every difference between the ledger and the venue, and the ledger rows the venue's answers settle. A row the venue
 * does not know is reported; it is marked absent only once its execution has ended (nothing can still send it),
 * otherwise it is left to its workflow.
 */
export function reconcileLedger(inputs: ReconcileInputs): ReconcileOutcome {
  const { ledger, openOrders, lookups, timing } = inputs
  const index = ledgerIndex(ledger)
  const differences: Difference[] = []
  const settlements: Settlement[] = []
  const judged = new Set<string>()
  const knownVenueIds = new Set<string>()

  const judge = (row: LedgerOrder, order: UnifiedOrder, source: VenueSource) => {
    if (judged.has(row.clientOrderId)) return
    judged.add(row.clientOrderId)
    const difference = compareRow(row, order, source)
    if (!difference) return
    differences.push(difference)
    settlements.push({ clientOrderId: row.clientOrderId, expectedUpdatedAt: row.updatedAt, order })
  }

  // The venue's open orders: each one the ledger has is compared; one it lacks is (a).
  for (const order of openOrders) {
    knownVenueIds.add(order.id)
    const row = index.match(order)
    if (row) {
      if (isSettledEnough(row, timing)) judge(row, order, 'open_orders')
    } else if (order.timestamp < timing.now - timing.graceMs) {
      differences.push({
        kind: 'unknown_to_ledger',
        symbol: order.symbol,
        exchangeOrderId: order.id,
        venue: viewOf(order, 'open_orders'),
        settled: false,
      })
    }
  }

  // The looked-up rows: the venue's answer, or (b) when it has none.
  for (const row of ledger) {
    if (!(row.clientOrderId in lookups)) continue
    const order = lookups[row.clientOrderId]
    if (order) {
      knownVenueIds.add(order.id)
      judge(row, order, 'lookup')
    } else if (isInFlight(row.status) && isSettledEnough(row, timing) && !judged.has(row.clientOrderId)) {
      judged.add(row.clientOrderId)
      if (row.executionEnded)
        settlements.push({ clientOrderId: row.clientOrderId, expectedUpdatedAt: row.updatedAt, absent: true })
      differences.push({
        kind: 'unknown_to_venue',
        symbol: row.symbol,
        clientOrderId: row.clientOrderId,
        ...(row.exchangeOrderId ? { exchangeOrderId: row.exchangeOrderId } : {}),
        executionId: row.executionId,
        ledger: { status: row.status, filled: str(row.filled ?? '0') },
        settled: false,
      })
    }
  }

  // Fills of orders nobody has accounted for: (a), once per order. A fill of a ledger order whose fill differs was
  // looked up above and is reported from that answer.
  for (const [orderId, { filled, fills }] of filledByOrder(inputs.fills ?? [])) {
    if (knownVenueIds.has(orderId)) continue
    const first = fills[0]!
    if (index.match({ id: orderId, clientOrderId: first.clientOrderId })) continue
    const latest = Math.max(...fills.map((f) => f.timestamp))
    if (latest >= timing.now - timing.graceMs) continue
    differences.push({
      kind: 'unknown_to_ledger',
      symbol: first.symbol,
      exchangeOrderId: orderId,
      venue: {
        id: orderId,
        ...(first.clientOrderId ? { clientOrderId: first.clientOrderId } : {}),
        symbol: first.symbol,
        side: first.side,
        status: 'unknown',
        filled,
        timestamp: Math.min(...fills.map((f) => f.timestamp)),
        source: 'fills',
      },
      settled: false,
    })
  }
  return { differences, settlements }
}
