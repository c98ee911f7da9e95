// Orders of this execution whose outcome the venue has not yet told us. While one is listed, the execution is
// `unresolved`: in its state query (the API's status), in the OrderStatus search attribute (the Temporal UI), and
// in the history database (GET /api/executions, the warning in /health). Module state is per workflow run: the SDK
// isolates each workflow's globals.
import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow'

import type { ExchangeId } from '../../domain/types.js'
import { SA } from '../../temporal.config.js'
import { records } from './activities.js'

export interface UnresolvedOrder {
  exchange: ExchangeId
  clientOrderId: string
  /** Why its outcome is unknown and why the lookup could not settle it yet. */
  reason: string
  since: number
}

const unresolved = new Map<string, UnresolvedOrder>()

/** The orders still unresolved, oldest first. */
export function unresolvedOrders(): UnresolvedOrder[] {
  return [...unresolved.values()]
}

export async function markUnresolved(order: Omit<UnresolvedOrder, 'since'>): Promise<void> {
  unresolved.set(order.clientOrderId, { ...order, since: Date.now() })
  await publish()
}

export async function markResolved(clientOrderId: string): Promise<void> {
  if (!unresolved.delete(clientOrderId)) return
  await publish()
}

async function publish(): Promise<void> {
  const status = unresolved.size > 0 ? 'unresolved' : 'running'
  upsertSearchAttributes([{ key: SA.orderStatus, value: status.toUpperCase() }])
  await records.recordExecutionStatus({ id: workflowInfo().workflowId, status, unresolved: unresolvedOrders() })
}
