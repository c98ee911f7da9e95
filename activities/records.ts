// Execution history writes. Each is an idempotent upsert, so a retried activity changes nothing twice.
import { recordExecutionEnd, recordExecutionStart, type ExecutionEnd, type ExecutionStart } from '../db/executions.js'
import { recordRoutingDecision, type RoutingDecisionRecord } from '../db/routing-decisions.js'
import type { ActivityDeps } from './deps.js'

export function createRecordActivities({ db, now = Date.now }: ActivityDeps) {
  return {
    async recordExecutionStart(start: ExecutionStart): Promise<void> {
      recordExecutionStart(db, start)
    },
    async recordExecutionEnd(input: { id: string } & ExecutionEnd): Promise<void> {
      const { id, ...end } = input
      recordExecutionEnd(db, id, end, now())
    },
    async recordRoutingDecision(decision: RoutingDecisionRecord): Promise<void> {
      recordRoutingDecision(db, decision)
    },
  }
}
