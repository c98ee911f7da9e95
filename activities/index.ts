// createActivities(deps): every activity the worker registers. Workflows import only the *type*.
import { createBenchFloorActivities } from './bench-floor.js'
import type { ActivityDeps } from './deps.js'
import { createLeverageActivities } from './leverage.js'
import { createMarketDataActivities } from './market-data.js'
import { createOpenOrderActivities } from './open-orders.js'
import { createOrderFollowActivities } from './order-follow.js'
import { createOrderActivities } from './orders.js'
import { createReconciliationActivities } from './reconciliation.js'
import { createRecordActivities } from './records.js'
import { createRiskActivities } from './risk.js'

export type { ActivityDeps } from './deps.js'
export type { ExchangeRead } from './market-data.js'
export type { FollowOrderInput, FollowOrderResult } from './order-follow.js'
export type { CancelOrderInput, OrderRole, PlaceOrderInput, ReconcileInput, ReconcileResult } from './orders.js'
export type { AutomationCheckInput, AutomationFacts, RiskRefusalInput } from './risk.js'

export function createActivities(deps: ActivityDeps) {
  return {
    ...createMarketDataActivities(deps),
    ...createOrderActivities(deps),
    ...createOrderFollowActivities(deps),
    ...createRecordActivities(deps),
    ...createReconciliationActivities(deps),
    ...createOpenOrderActivities(deps),
    ...createRiskActivities(deps),
    ...createLeverageActivities(deps),
    ...createBenchFloorActivities(),
  }
}

export type Activities = ReturnType<typeof createActivities>
