// Execution history writes. Each is an idempotent upsert, so a retried activity changes nothing twice.
import {
  recordExecutionEnd,
  recordExecutionStart,
  recordExecutionStatus,
  type ExecutionEnd,
  type ExecutionStart,
} from '../db/executions.js'
import { recordRoutingDecision, type RoutingDecisionRecord } from '../db/routing-decisions.js'
import type { ActivityDeps } from './deps.js'

export function createRecordActivities({ db, now = Date.now }: ActivityDeps) {
  return {
    async recordExecutionStart(start: ExecutionStart): Promise<void> {
      await recordExecutionStart(db, start)
    },
    async recordExecutionEnd(input: { id: string } & ExecutionEnd): Promise<void> {
      const { id, ...end } = input
      await recordExecutionEnd(db, id, end, now())
    },
    async recordExecutionStatus(input: {
      id: string
      status: 'running' | 'unresolved'
      unresolved: { exchange: string; clientOrderId: string; reason: string }[]
    }): Promise<void> {
      const note = input.unresolved.length
        ? input.unresolved.map((o) => `order ${o.clientOrderId} on ${o.exchange} unresolved: ${o.reason}`).join('; ')
        : null
      await recordExecutionStatus(db, input.id, input.status, note, now())
    },
    async recordRoutingDecision(decision: RoutingDecisionRecord): Promise<void> {
      await recordRoutingDecision(db, decision)
    },
  }
}
