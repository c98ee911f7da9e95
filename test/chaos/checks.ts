// The chaos suite's verdict: pure checks over what was observed at the end of a run (model.ts). Each returns
// every violation it found, so a failing run says exactly which execution or order broke which promise.
import { add, cmp, dec, isPositive, str, sub } from '../../domain/money.js'
import type {
  ChaosObservation,
  CheckResult,
  ExecutionRecord,
  FaultWindow,
  LedgerRow,
  PlannedExecution,
  VenueOrder,
} from './model.js'

/** Ledger statuses that say the venue has the order. */
const AT_VENUE = new Set(['open', 'closed', 'canceled', 'expired'])
/** Ledger statuses that say the venue never took it (rejected before the book, or proven absent). */
const NOT_AT_VENUE = new Set(['rejected', 'absent'])
/** A row still pending was recorded but (as far as the ledger knows) never sent: fine while the venue lacks it. */
const NEVER_SENT = 'pending'
/** Simulator statuses of an order still working in the book. */
const LIVE_AT_VENUE = new Set(['new', 'partially_filled', 'pending_trigger'])
/** Results that say nothing was placed. */
const NOTHING_PLACED: Record<PlannedExecution['kind'], string[]> = {
  order: ['not_placed', 'rejected'],
  failover: ['not_placed', 'rejected'],
  smart: ['failed'],
  arbitrage: ['rejected', 'no_opportunity'],
}
/** Results that say the venue's failure left nothing placed (the first list minus refusals by the venue). */
const NOT_PLACED: Record<PlannedExecution['kind'], string[]> = {
  order: ['not_placed'],
  failover: ['not_placed'],
  smart: ['failed'],
  arbitrage: ['rejected'],
}
const UNRESOLVED_OUTCOMES = new Set(['unknown', 'unresolved'])
const STATUS_TEXT: Partial<Record<ExecutionRecord['status'], string>> = {
  NOT_FOUND: 'sent to the API, but no run exists',
  NOT_STARTED: 'never sent: the load phase ran out of time',
}

const orderKey = (venue: string, clientOrderId: string): string => `${venue}:${clientOrderId}`

/** Venue orders grouped by the execution the ledger says they belong to. */
export function ordersByExecution(venueOrders: VenueOrder[], ledger: LedgerRow[]): Map<string, VenueOrder[]> {
  const executionOf = new Map(ledger.map((row) => [orderKey(row.exchange, row.clientOrderId), row.executionId]))
  const byExecution = new Map<string, VenueOrder[]>()
  for (const order of venueOrders) {
    if (!order.clientOrderId) continue
    const executionId = executionOf.get(orderKey(order.venue, order.clientOrderId))
    if (!executionId) continue
    byExecution.set(executionId, [...(byExecution.get(executionId) ?? []), order])
  }
  return byExecution
}

const filledOf = (orders: VenueOrder[]): string => orders.reduce((total, order) => add(total, order.filled), '0')
const netBoughtOf = (orders: VenueOrder[]): string =>
  orders.reduce((net, order) => (order.side === 'buy' ? add(net, order.filled) : sub(net, order.filled)), '0')

/** 1. Every execution asked for is closed with a result: none running, none failed, none never started. */
export function checkClosed({ executions }: ChaosObservation): CheckResult {
  const violations = executions
    .filter((execution) => execution.status !== 'COMPLETED')
    .map(
      (execution) =>
        `${execution.planned.workflowId}: ${STATUS_TEXT[execution.status] ?? execution.status.toLowerCase()}`
    )
  return { name: 'every execution closed', violations }
}

/** 2. At most one order per client order id at each venue, and no execution got more than it asked for. */
export function checkNoDuplicates({ executions, venueOrders, ledger }: ChaosObservation): CheckResult {
  const violations: string[] = []
  const seen = new Map<string, number>()
  for (const order of venueOrders) {
    if (!order.clientOrderId) {
      violations.push(`${order.venue}: an order of ${order.amount} ${order.symbol} carries no client order id`)
      continue
    }
    const key = orderKey(order.venue, order.clientOrderId)
    seen.set(key, (seen.get(key) ?? 0) + 1)
  }
  for (const [key, count] of seen) if (count > 1) violations.push(`${key}: ${count} orders at the venue`)

  const byExecution = ordersByExecution(venueOrders, ledger)
  for (const { planned } of executions) {
    const orders = byExecution.get(planned.workflowId) ?? []
    if ((planned.kind === 'order' || planned.kind === 'failover') && orders.length > 1) {
      violations.push(
        `${planned.workflowId}: ${orders.length} orders at the venues (${orders.map((o) => o.venue).join(', ')}) for one order`
      )
    }
    if (planned.kind !== 'arbitrage' && cmp(filledOf(orders), planned.amount) > 0) {
      violations.push(`${planned.workflowId}: filled ${filledOf(orders)} of ${planned.amount} asked (overfilled)`)
    }
  }
  return { name: 'nothing duplicated (one order per client order id, no overfill)', violations }
}

/** 3. The ledger equals the venues' order lists, both ways. */
export function checkLedgerMatchesVenues({ venueOrders, ledger }: ChaosObservation): CheckResult {
  const violations: string[] = []
  const rows = new Map(ledger.map((row) => [orderKey(row.exchange, row.clientOrderId), row]))
  const atVenue = new Set<string>()
  for (const order of venueOrders) {
    if (!order.clientOrderId) continue
    const key = orderKey(order.venue, order.clientOrderId)
    atVenue.add(key)
    const row = rows.get(key)
    if (!row) {
      violations.push(`${key}: at the venue (${order.status}, filled ${order.filled}) but not in the ledger`)
      continue
    }
    const venueLive = LIVE_AT_VENUE.has(order.status)
    if (!AT_VENUE.has(row.status)) {
      violations.push(
        `${key}: at the venue (${order.status}, filled ${order.filled}) but the ledger says ${row.status}`
      )
    } else if (venueLive !== (row.status === 'open')) {
      violations.push(`${key}: venue ${order.status}, ledger ${row.status}`)
    } else if (cmp(row.filled ?? '0', order.filled) !== 0) {
      violations.push(`${key}: venue filled ${order.filled}, ledger ${row.filled ?? 'nothing'}`)
    }
  }
  for (const row of ledger) {
    const key = orderKey(row.exchange, row.clientOrderId)
    if (AT_VENUE.has(row.status) && !atVenue.has(key)) {
      violations.push(
        `${key}: the ledger says ${row.status} (filled ${row.filled ?? '0'}) but the venue has no such order`
      )
    }
  }
  return { name: 'ledger equals the venues', violations }
}

function faultedDuring(faults: FaultWindow[], venue: string, from: number, to: number): boolean {
  return faults.some((w) => w.excusesNotPlaced && w.venue === venue && w.from <= to && (w.to ?? Infinity) >= from)
}

/** Whether the venues an execution needed were faulted while it ran (single: its venue; the others: all of them). */
export function excusedByFaults(execution: ExecutionRecord, faults: FaultWindow[]): boolean {
  const from = execution.acceptedAt ?? 0
  const to = execution.closedAt ?? Infinity
  const { kind, venues } = execution.planned
  const faulted = venues.filter((venue) => faultedDuring(faults, venue, from, to))
  if (kind === 'order' || kind === 'arbitrage') return faulted.length > 0
  return faulted.length === venues.length
}

/** 4. Nothing ended `not_placed` (or its strategy's equivalent) while the venues it needed were up. */
export function checkPlacedWhileVenuesUp({ executions, faults }: ChaosObservation): CheckResult {
  const violations = executions
    .filter((e) => e.outcome !== undefined && NOT_PLACED[e.planned.kind].includes(e.outcome))
    .filter((e) => !excusedByFaults(e, faults))
    .map((e) => `${e.planned.workflowId}: ${e.outcome} although ${e.planned.venues.join(', ')} were up`)
  return { name: 'no execution ended not_placed while its venues were up', violations }
}

/** 5. No outcome left unresolved: no result, ledger row or history row still waiting for the venue's answer. */
export function checkResolved({ executions, ledger, executionRows }: ChaosObservation): CheckResult {
  const violations: string[] = []
  for (const execution of executions) {
    if (execution.outcome !== undefined && UNRESOLVED_OUTCOMES.has(execution.outcome)) {
      violations.push(`${execution.planned.workflowId}: ended with outcome ${execution.outcome}`)
    }
  }
  for (const row of ledger) {
    if (!AT_VENUE.has(row.status) && !NOT_AT_VENUE.has(row.status) && row.status !== NEVER_SENT) {
      violations.push(`${row.exchange}:${row.clientOrderId} (${row.executionId}): ledger row still ${row.status}`)
    }
  }
  const closed = new Set(executions.filter((e) => e.status === 'COMPLETED').map((e) => e.planned.workflowId))
  for (const row of executionRows) {
    if (closed.has(row.id) && (row.status === 'running' || row.status === 'unresolved')) {
      violations.push(`${row.id}: closed in Temporal, history row still ${row.status}`)
    }
  }
  return { name: 'no outcome left unresolved', violations }
}

/** 6. Every arbitrage is flat: what its legs and unwinds bought equals what they sold, within the dust it reported. */
export function checkArbitrageFlat({ executions, venueOrders, ledger }: ChaosObservation): CheckResult {
  const violations: string[] = []
  const byExecution = ordersByExecution(venueOrders, ledger)
  for (const execution of executions.filter((e) => e.planned.kind === 'arbitrage' && e.status === 'COMPLETED')) {
    const net = netBoughtOf(byExecution.get(execution.planned.workflowId) ?? [])
    const tolerance = execution.dust ?? '0'
    if (cmp(dec(net).abs(), tolerance) > 0) {
      violations.push(
        `${execution.planned.workflowId}: ${execution.outcome}, net ${net} at the venues (dust allowed ${tolerance})`
      )
    } else if (execution.flat === false) {
      violations.push(`${execution.planned.workflowId}: ${execution.outcome}, reported not flat`)
    }
  }
  return { name: 'every one-legged arbitrage flat', violations }
}

/** 7. What each execution told its caller matches the venues: "nothing placed" means nothing filled anywhere. */
export function checkOutcomesMatchVenues({ executions, venueOrders, ledger }: ChaosObservation): CheckResult {
  const violations: string[] = []
  const byExecution = ordersByExecution(venueOrders, ledger)
  for (const execution of executions) {
    if (execution.outcome === undefined) continue
    const orders = byExecution.get(execution.planned.workflowId) ?? []
    const filled = filledOf(orders)
    if (
      NOTHING_PLACED[execution.planned.kind].includes(execution.outcome) &&
      (isPositive(filled) || orders.some((o) => LIVE_AT_VENUE.has(o.status)))
    ) {
      violations.push(
        `${execution.planned.workflowId}: told ${execution.outcome}, yet the venues hold ${orders.length} order(s), filled ${str(filled)}`
      )
    }
    if (
      (execution.planned.kind === 'order' || execution.planned.kind === 'failover') &&
      execution.outcome === 'placed' &&
      orders.length === 0
    ) {
      violations.push(`${execution.planned.workflowId}: told placed, yet no venue has its order`)
    }
  }
  return { name: 'every outcome matches the venues', violations }
}

export const CHECKS = [
  checkClosed,
  checkNoDuplicates,
  checkLedgerMatchesVenues,
  checkPlacedWhileVenuesUp,
  checkResolved,
  checkArbitrageFlat,
  checkOutcomesMatchVenues,
] as const

export function runChecks(observation: ChaosObservation): CheckResult[] {
  return CHECKS.map((check) => check(observation))
}
