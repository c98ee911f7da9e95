// Whether any worker serves the task queue, from Temporal's own record of the queue's pollers: /health asks the
// server instead of running a workflow through a worker (which left a history per health check).
import type { WorkflowRunner } from './workflow-runner.js'

/** A poller seen within this long counts as a live worker (a worker long-polls about once a minute at most). */
export const POLLER_FRESH_MS = 90_000

// temporal.api.enums.v1 values (TaskQueueKind NORMAL, TaskQueueType WORKFLOW), spelled out rather than importing
// @temporalio/proto, which the client only carries as its own dependency.
const TASK_QUEUE_KIND_NORMAL = 1
const TASK_QUEUE_TYPE_WORKFLOW = 1

export interface WorkerCheck {
  status: 'ok' | 'none'
  /** Worker identities polling the queue for workflow tasks. */
  pollers: string[]
}

export async function checkWorkers(
  runner: Pick<WorkflowRunner, 'client' | 'taskQueue'>,
  now = Date.now()
): Promise<WorkerCheck> {
  const answer = await runner.client.workflowService.describeTaskQueue({
    namespace: runner.client.options.namespace,
    taskQueue: { name: runner.taskQueue, kind: TASK_QUEUE_KIND_NORMAL },
    taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
  })
  const pollers = (answer.pollers ?? [])
    .filter((poller) => {
      const seen = poller.lastAccessTime?.seconds
      return seen !== undefined && seen !== null && now - Number(seen) * 1000 < POLLER_FRESH_MS
    })
    .map((poller) => poller.identity ?? 'unknown')
  return { status: pollers.length > 0 ? 'ok' : 'none', pollers }
}
