// Floor B's shape: the steps of a plain market order's execution (workflows/place-order.ts), and a check, against
// a real order's recorded history, that the floor still has as many local and regular activities as the order.
import type { Client } from '@temporalio/client'

import type { FloorStep } from '../../workflows/bench-floor.js'
import { BenchFailure } from './failure.js'

/** recordExecutionStart alongside checkOrderRisk; placeOrder; recordExecutionEnd. */
export const ORDER_SHAPE: FloorStep[] = [
  { kind: 'local', count: 2 },
  { kind: 'activity', count: 1 },
  { kind: 'local', count: 1 },
]

/** The marker name the SDK's core records a local activity's result under. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity'

export async function checkFloorShape(client: Client, orderWorkflowId: string): Promise<void> {
  const history = await client.workflow.getHandle(orderWorkflowId).fetchHistory()
  const events = history.events ?? []
  // EVENT_TYPE_MARKER_RECORDED (25) per local activity (patch markers aside); EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
  // (10) per activity
  const locals = events.filter(
    (event) =>
      Number(event.eventType) === 25 && event.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER
  ).length
  const activities = events.filter((event) => Number(event.eventType) === 10).length
  const want = (kind: FloorStep['kind']) => ORDER_SHAPE.filter((s) => s.kind === kind).reduce((n, s) => n + s.count, 0)
  if (locals !== want('local') || activities !== want('activity')) {
    throw new BenchFailure(
      `floor B's shape (${want('local')} local, ${want('activity')} regular activities) no longer matches order ` +
        `${orderWorkflowId} (${locals} local, ${activities} regular): update bench/support/floor.ts`
    )
  }
}
