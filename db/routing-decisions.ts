import type { GatewayDb } from './client.js'
import type { RoutingDecisionRow } from './schema.js'

export type RoutingDecisionRecord = Omit<RoutingDecisionRow, 'id' | 'createdAt'>

/** Records a routing decision; a retried activity (same execution and seq) leaves the first record. */
export async function recordRoutingDecision(db: GatewayDb, decision: RoutingDecisionRecord): Promise<void> {
  await db.orm.insert(db.t.routingDecisions).values(decision).onConflictDoNothing()
}
