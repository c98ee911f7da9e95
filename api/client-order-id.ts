// A caller's client order id names one order, at one venue, for ever: one that another execution already used is
// refused before anything starts (the activity refuses it again, for requests that raced past this check). The id
// is compared in the venue's canonical spelling (Coinbase reads a UUID whatever its letter case).
import { getOrderAttempt } from '../db/order-attempts.js'
import { canonicalClientOrderId } from '../domain/client-order-id.js'
import type { ExchangeId } from '../domain/types.js'
import type { AppDeps } from './deps.js'
import { ApiError } from './errors.js'

/** The canonical id to use for `workflowId`, or a 409 naming `field` when another execution used it. */
export async function unusedClientOrderId(
  deps: AppDeps,
  exchange: ExchangeId,
  clientOrderId: string,
  workflowId: string,
  field: string
): Promise<string> {
  const canonical = canonicalClientOrderId(exchange, clientOrderId)
  const owner = (await getOrderAttempt(deps.db, canonical))?.executionId
  if (owner !== undefined && owner !== workflowId) {
    throw new ApiError(
      409,
      'client_order_id_used',
      `${field}: ${clientOrderId} was already used by execution ${owner}; choose a new one`,
      {
        field,
        workflowId: owner,
      }
    )
  }
  return canonical
}
