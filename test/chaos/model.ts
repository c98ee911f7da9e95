// What the chaos suite knows at the end of a run: the executions it asked for and how Temporal says they ended,
// every order each venue received, the ledger (order_attempts and executions in the shared SQLite file), and
// when each venue was faulted. The checks (checks.ts) are pure functions of this.
import type { DecimalString, ExchangeId, Side } from '../../domain/types.js'

export type ExecutionKind = 'order' | 'failover' | 'smart' | 'arbitrage'

export interface PlannedExecution {
  /** The Temporal workflow id the API derives from the Idempotency-Key. */
  workflowId: string
  kind: ExecutionKind
  idempotencyKey: string
  /** POST path, e.g. /api/orders. */
  path: string
  /** GET path of the run, e.g. /api/orders/order-<key>. */
  statusPath: string
  body: Record<string, unknown>
  /** Every venue it may trade on. */
  venues: ExchangeId[]
  /** The base amount asked for (arbitrage: per leg, at most). */
  amount: DecimalString
  /** Pinned-book lane it runs in (one execution at a time per lane), or undefined for the shared pool. */
  lane?: string
}

/** COMPLETED, RUNNING... as Temporal names them; NOT_FOUND when the suite sent it but no run exists for the id;
 * NOT_STARTED when the load phase ran out of time before the suite sent it. */
export type RunStatus =
  | 'COMPLETED'
  | 'RUNNING'
  | 'FAILED'
  | 'TERMINATED'
  | 'TIMED_OUT'
  | 'CANCELLED'
  | 'CONTINUED_AS_NEW'
  | 'NOT_FOUND'
  | 'NOT_STARTED'
  | 'UNKNOWN'

export interface ExecutionRecord {
  planned: PlannedExecution
  /** When the API first accepted it (ms), undefined if it never did. */
  acceptedAt?: number
  /** When the harness saw it closed (ms). */
  closedAt?: number
  status: RunStatus
  /** The workflow's result.outcome once completed. */
  outcome?: string
  /** Arbitrage: result.flat, and what it reported as dust. */
  flat?: boolean
  dust?: DecimalString
}

export interface VenueOrder {
  venue: ExchangeId
  clientOrderId?: string
  symbol: string
  side: Side
  /** new, partially_filled, filled, canceled, expired, rejected, pending_trigger (the simulator's words). */
  status: string
  amount: DecimalString
  filled: DecimalString
}

/** One order_attempts row. */
export interface LedgerRow {
  clientOrderId: string
  executionId: string
  exchange: string
  role: string
  side: string
  status: string
  filled: string | null
}

/** One executions row. */
export interface ExecutionRow {
  id: string
  status: string
  outcome: string | null
}

export interface FaultWindow {
  venue: ExchangeId
  /** e.g. down, errorRate 0.3, holdOrderResponsesMs 1500. */
  label: string
  from: number
  /** Still on when undefined. */
  to?: number
  /** True for faults under which the venue may legitimately refuse or never see an order (down, 5xx, 429,
   * timeouts); false for those where it accepts every order (latency, held or dropped answers). */
  excusesNotPlaced: boolean
}

export interface ChaosObservation {
  executions: ExecutionRecord[]
  venueOrders: VenueOrder[]
  ledger: LedgerRow[]
  executionRows: ExecutionRow[]
  faults: FaultWindow[]
}

export interface CheckResult {
  name: string
  /** Violations found; the check passed when there are none. */
  violations: string[]
}
