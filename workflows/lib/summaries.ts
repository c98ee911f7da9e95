// Shapes shared by the order workflows' results and queries.
import type { OrderRole } from '../../activities/index.js'
import type { ExchangeId, UnifiedOrder } from '../../domain/types.js'
import type { PlacementOutcome } from './placement.js'

/** One order attempt as the workflow saw it; the same facts are in the order_attempts table. */
export interface AttemptSummary {
  seq: number
  exchange: ExchangeId
  role: OrderRole
  clientOrderId: string
  outcome: PlacementOutcome['kind']
  order?: UnifiedOrder
  /** True when the order was found by a lookup after its placement outcome was unknown. */
  reconciled?: boolean
  errorType?: string
  message?: string
}

export function summarise(
  seq: number,
  exchange: ExchangeId,
  role: OrderRole,
  clientOrderId: string,
  outcome: PlacementOutcome
): AttemptSummary {
  return outcome.kind === 'placed'
    ? {
        seq,
        exchange,
        role,
        clientOrderId,
        outcome: outcome.kind,
        order: outcome.order,
        reconciled: outcome.reconciled,
      }
    : {
        seq,
        exchange,
        role,
        clientOrderId,
        outcome: outcome.kind,
        errorType: outcome.errorType,
        message: outcome.message,
      }
}
