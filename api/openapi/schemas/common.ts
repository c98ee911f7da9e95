// Shapes that several answers share: decimal strings, the unified order, an order attempt, a run's live state.
// These describe what the API sends (zod's output side); the request schemas stay in api/schemas.ts.
import { z } from 'zod'

import { FAILURE_TYPES } from '../../../domain/failures.js'
import { EXCHANGE_IDS } from '../../../domain/types.js'

/** As domain/money.ts reads a decimal: computed figures are canonical ("0.5"), echoed inputs may carry an exponent. */
export const decimal = z
  .string()
  .regex(/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/)
  .meta({ description: 'A decimal number as a string, exact (never a float)', examples: ['0.015'] })

export const exchangeId = z.enum(EXCHANGE_IDS)
export const side = z.enum(['buy', 'sell'])
export const epochMs = z.number().int().meta({ description: 'Milliseconds since the epoch' })

export const fee = z.object({ cost: decimal, currency: z.string() })

export const unifiedOrder = z
  .object({
    exchange: exchangeId,
    id: z.string().meta({ description: "The venue's order id" }),
    clientOrderId: z.string(),
    symbol: z.string(),
    side,
    type: z.string(),
    status: z
      .enum(['open', 'closed', 'canceled', 'expired', 'rejected'])
      .meta({ description: 'open covers partially filled' }),
    amount: decimal,
    price: decimal.optional(),
    filled: decimal,
    remaining: decimal,
    average: decimal.optional().meta({ description: 'Average fill price; absent when nothing filled' }),
    cost: decimal.meta({ description: 'Quote amount filled (filled × average)' }),
    fee: fee.optional(),
    timeInForce: z.string().optional(),
    postOnly: z.boolean().optional(),
    reduceOnly: z.boolean().optional(),
    triggerPrice: decimal.optional(),
    timestamp: epochMs,
  })
  .meta({ description: 'One order as every connector reports it, whatever the venue' })

export const placementOutcome = z.enum(['placed', 'rejected', 'not_placed', 'unknown']).meta({
  description:
    'placed: the venue has the order; rejected: the venue said no (or a risk limit did); not_placed: nothing reached ' +
    'the book (venue down or throttled); unknown: the order may exist and could not be looked up yet',
})

/** Not an enum: a failure outside the vocabulary (a bug) is still reported by its name. */
const failureType = z.string().meta({
  description: `The failure's type, from the vocabulary of failures: ${FAILURE_TYPES.join(', ')}`,
  examples: ['InsufficientBalanceError'],
})

export const orderRole = z.enum(['primary', 'backup', 'routed', 'split', 'buy-leg', 'sell-leg', 'unwind', 'amend'])

export const attemptSummary = z
  .object({
    seq: z.number().int(),
    exchange: exchangeId,
    role: orderRole,
    clientOrderId: z.string(),
    outcome: placementOutcome,
    order: unifiedOrder.optional(),
    reconciled: z
      .boolean()
      .optional()
      .meta({ description: 'Found by a lookup after its placement outcome was unknown' }),
    errorType: failureType.optional(),
    message: z.string().optional(),
  })
  .meta({ description: 'One order attempt as the workflow saw it' })

export const unresolvedOrder = z
  .object({ exchange: exchangeId, clientOrderId: z.string(), reason: z.string(), since: epochMs })
  .meta({ description: 'An order whose outcome the venue has not told yet; it is looked up until it does' })

/** A failure as a workflow result carries it; `code` is present only when a risk limit refused the order. */
export const resultError = z.object({
  type: failureType,
  message: z.string(),
  code: z
    .literal('risk_rejected')
    .optional()
    .meta({ description: 'Set when the pre-trade risk check refused the order' }),
})

/** POST answered before the run ended: 202 with a Location to poll. */
export const runStarted = z
  .object({ workflowId: z.string(), status: z.literal('running') })
  .meta({ description: 'The run has not ended within the wait; poll the Location header' })

/** GET of a run that is no longer running and did not complete (Temporal's status, lower case). */
export const runClosed = z
  .object({
    workflowId: z.string(),
    status: z.enum(['failed', 'canceled', 'terminated', 'continued_as_new', 'timed_out', 'paused', 'unspecified']),
  })
  .meta({ description: 'The run ended without a result (failed, cancelled, terminated...)' })

/** GET of a run still running: its live state from the workflow's query. */
export function runningState<S extends z.ZodType>(state: S) {
  return z
    .object({
      workflowId: z.string(),
      status: z.enum(['running', 'unresolved']).meta({
        description: "unresolved: an order's outcome is unknown and the run keeps looking it up",
      }),
      state: state
        .optional()
        .meta({ description: "The workflow's live state (absent when the query could not answer)" }),
    })
    .meta({ description: 'The run is still going: its live state' })
}
