import type { GatewayDb } from './client.js'
import { routingDecisions, type RoutingDecisionRow } from './schema.js'

export type RoutingDecisionRecord = Omit<RoutingDecisionRow, 'id' | 'createdAt'>

/** Records a routing decision; a retried activity (same execution and seq) leaves the first record. */
export function recordRoutingDecision(db: GatewayDb, decision: RoutingDecisionRecord): void {
  db.insert(routingDecisions).values(decision).onConflictDoNothing().run()
}
