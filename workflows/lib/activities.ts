// Activity proxies, one per activity class of temporal.config.ts, so every call carries its class's timeouts
// and retry policy.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow'

import type { Activities } from '../../activities/index.js'
import type { ExchangeId } from '../../domain/types.js'
import { ACTIVITY_OPTIONS } from '../../temporal.config.js'

export const interactiveReads = proxyActivities<Pick<Activities, 'readExchange'>>(ACTIVITY_OPTIONS.interactiveRead)
export const routingSnapshots = proxyActivities<Pick<Activities, 'fetchVenueSnapshot'>>(
  ACTIVITY_OPTIONS.routingSnapshot
)
export const orders = proxyActivities<Pick<Activities, 'placeOrder' | 'cancelOrder'>>(ACTIVITY_OPTIONS.placeOrder)
export const reconcile = proxyActivities<Pick<Activities, 'reconcileOrder'>>(ACTIVITY_OPTIONS.reconcile)
export const accountSettings = proxyActivities<Pick<Activities, 'setAccountLeverage'>>(ACTIVITY_OPTIONS.accountSetting)
export const follow = proxyActivities<Pick<Activities, 'followOrder'>>(ACTIVITY_OPTIONS.follow)
export const unwind = proxyActivities<Pick<Activities, 'placeOrder'>>(ACTIVITY_OPTIONS.unwind)
export const unwindLookup = proxyActivities<Pick<Activities, 'reconcileOrder'>>(ACTIVITY_OPTIONS.unwindLookup)
// The pre-trade gate's reads run as local activities: SQLite and at most one book read in the worker's own process,
// idempotent (the send slot is keyed by client order id), so a retry after a crash is harmless and each order costs
// no extra round trip through the server. Their results are still recorded in the history, and the decision is made
// from them there. The refusal record is a regular activity: its summary is what the Temporal UI shows.
export const riskChecks = proxyLocalActivities<Pick<Activities, 'checkOrderRisk' | 'checkAutomation'>>(
  ACTIVITY_OPTIONS.risk
)
export const riskRecords = proxyActivities<Pick<Activities, 'recordRiskRefusal'>>(ACTIVITY_OPTIONS.risk)
export const settleLookup = proxyActivities<Pick<Activities, 'reconcileOrder'>>(ACTIVITY_OPTIONS.settle)
// Local activities: idempotent SQLite upserts in the worker's own process. They run inside the workflow task that
// schedules them, so recording an execution's start and end costs no extra round trip through the server.
export const records = proxyLocalActivities<
  Pick<Activities, 'recordExecutionStart' | 'recordExecutionEnd' | 'recordExecutionStatus' | 'recordRoutingDecision'>
>(ACTIVITY_OPTIONS.record)

/** A routing snapshot with a summary that reads well in the UI's event history. */
export function fetchSnapshot(input: { exchange: ExchangeId; symbol: string; depth: number }) {
  return routingSnapshots.fetchVenueSnapshot.executeWithOptions(
    {
      ...ACTIVITY_OPTIONS.routingSnapshot,
      summary: `${input.symbol} book, ${input.depth} levels, on ${input.exchange}`,
    },
    [input]
  )
}
