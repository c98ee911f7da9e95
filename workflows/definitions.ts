// The messages a running workflow answers, defined once: the workflows set their handlers with these objects and the
// API sends them (query, signal, update). Beside the define* functions this file imports types only, so the API
// loads no workflow code through it.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow'

import type { ArbitrageState } from './arbitrage.js'
import type { MonitorView } from './arbitrage-monitor.js'
import type { FailoverOrderResult, FailoverState } from './failover-order.js'
import type { MonitorParams, MonitorParamsUpdate } from './lib/monitor-params.js'
import type { AmendChange } from '../domain/order-lifecycle.js'
import type { OrderExecutionResult, OrderWorkflowState } from './place-order.js'
import type { SmartOrderState } from './smart-order.js'

/** A running order workflow's state; `unresolved` lists the orders whose outcome the venue has not told yet. */
export const orderStateQuery = defineQuery<OrderWorkflowState>('state')
/**
 * Answers once the order's placement is settled (placed, refused or not placed), while a resting order goes on
 * being followed: what POST /api/orders answers with.
 */
export const orderPlacedUpdate = defineUpdate<OrderExecutionResult>('placed')
/**
 * Cancels a resting order at the venue, exactly once, and answers its final state. Refused by its validator when the
 * order is already done (WorkflowUpdateFailedError naming its state).
 */
export const cancelOrderUpdate = defineUpdate<OrderExecutionResult>('cancel')
/**
 * Amends a resting order (new price and/or new total amount): the original is cancelled, then a replacement for what
 * the new total still lacks is placed under a new client order id. Answers the order's state after it.
 */
export const amendOrderUpdate = defineUpdate<OrderExecutionResult, [AmendChange]>('amend')
/** The failover order's answer once placed, while a resting order goes on being followed (as orderPlacedUpdate). */
export const failoverPlacedUpdate = defineUpdate<FailoverOrderResult>('placed')
export const failoverStateQuery = defineQuery<FailoverState>('state')
export const smartOrderStateQuery = defineQuery<SmartOrderState>('state')
export const arbitrageStateQuery = defineQuery<ArbitrageState>('state')

/** The monitor's latest scan, its parameters and its executions. */
export const monitorOpportunitiesQuery = defineQuery<MonitorView>('opportunities')
export const monitorStopSignal = defineSignal('stop')
/**
 * Changes a monitor's parameters after its validator accepted them: a refused change fails the caller's update
 * (WorkflowUpdateFailedError, a ValidationError naming the field) and changes nothing. Answers the parameters now in
 * force.
 */
export const monitorParamsUpdate = defineUpdate<MonitorParams, [MonitorParamsUpdate]>('changeParams')
/**
 * The earlier way to change them, kept so that running monitors and recorded histories still replay: an invalid
 * change is only logged. Senders use monitorParamsUpdate.
 */
export const monitorUpdateParamsSignal = defineSignal<[MonitorParamsUpdate]>('updateParams')
