// How the arbitrage monitor keeps track of the children it started, across its continue-as-new runs: a child that
// has a parent reports its end to it, and a new run can tell whether a carried child is still running.
import { defineSignal } from '@temporalio/workflow'

/** What a child arbitrage tells its monitor as it closes. */
export interface ChildClosed {
  workflowId: string
  /** The ArbitrageOutcome, or 'failed' when the child threw (ValidationError, cancellation). */
  outcome: string
}

/**
 * Sent by a child arbitrage to its parent's workflow id (not its run: the monitor may have continued as new since)
 * just before the child closes. A parent that has stopped meanwhile cannot take it; the child ignores that.
 */
export const childClosedSignal = defineSignal<[ChildClosed]>('arbitrageClosed')

/**
 * Sent by a monitor run to each child it inherited: delivering a signal fails once the target has closed, so this
 * tells, without a Temporal client in activities, whether a child that may have closed between runs still runs.
 * The child handles it with a no-op.
 */
export const childProbeSignal = defineSignal('monitorProbe')

/** patched() id of the child's report: histories of children from before it replay without it. */
export const REPORTS_TO_MONITOR = 'arbitrage-reports-to-monitor'
