// Answers of the order endpoints: one order (POST /api/orders), failover (POST /api/orders/failover) and smart
// routing (POST /api/smart-order), as the workflows return them (workflows/place-order.ts, failover-order.ts,
// smart-order.ts), and their runs while they are still going.
import { z } from 'zod'

import {
  attemptSummary,
  decimal,
  exchangeId,
  fee,
  placementOutcome,
  resultError,
  runClosed,
  runningState,
  side,
  unifiedOrder,
  unresolvedOrder,
} from './common.js'
import { lifeFields } from './order-lifecycle.js'

export const orderResult = z
  .object({
    workflowId: z.string(),
    exchange: exchangeId,
    clientOrderId: z.string().meta({ description: 'Chosen before the order was sent, reused on every retry' }),
    outcome: placementOutcome,
    order: unifiedOrder.optional().meta({ description: 'The order as the venue reports it (outcome placed)' }),
    error: resultError
      .optional()
      .meta({ description: 'Why nothing was placed (outcome rejected, not_placed, unknown)' }),
    attempts: z.array(attemptSummary),
    ...lifeFields,
  })
  .meta({
    description:
      'One order: placed, rejected, not placed, or unknown; a resting limit order (GTC/GTT) also shows its life: ' +
      'open while it rests, then how it ended, with every fill and amendment',
  })

export const failoverResult = z
  .object({
    workflowId: z.string(),
    outcome: placementOutcome,
    exchange: exchangeId.optional().meta({ description: 'The venue that has the order' }),
    order: unifiedOrder.optional(),
    error: resultError.optional(),
    attempts: z.array(attemptSummary).meta({ description: 'Every venue tried, in order' }),
  })
  .meta({ description: 'The end of a failover order: the venue that took it, or why none did' })

const routingRequest = z.object({
  symbol: z.string(),
  side,
  amount: decimal,
  type: z.enum(['market', 'limit']),
  limitPrice: decimal.optional(),
  maxSlippageBps: z.number().optional(),
})

const venueCandidate = z.object({
  exchange: exchangeId,
  rank: z
    .number()
    .int()
    .optional()
    .meta({ description: '1-based position in the ranking; absent for rejected venues' }),
  rejection: z.string().optional().meta({ description: 'Why the venue cannot be used at all' }),
  fillableAmount: decimal.optional(),
  fillRatio: z.number().optional(),
  fullFill: z.boolean().optional(),
  expectedAveragePrice: decimal.optional(),
  expectedCost: decimal.optional(),
  expectedFee: decimal.optional(),
  takerFee: decimal,
  effectivePrice: decimal.optional(),
  worstPrice: decimal.optional(),
  liquidityScore: z.number().optional(),
  expectedSlippageBps: z.number().optional(),
  priceGapBps: z.number().optional(),
  latencyPenaltyBps: z.number().optional(),
  healthPenaltyBps: z.number().optional(),
  scoreBps: z.number().optional().meta({ description: 'Price gap plus every penalty; lower is better' }),
  reason: z.string(),
})

export const routingDecision = z
  .object({
    request: routingRequest,
    candidates: z.array(venueCandidate).meta({ description: 'Ranked venues first (best first), then rejected ones' }),
    selected: exchangeId.optional(),
    reason: z.string(),
    expectedAveragePrice: decimal.optional(),
    liquidityScore: z.number().optional(),
    expectedSlippageBps: z.number().optional(),
    splitRecommended: z.boolean(),
  })
  .meta({ description: 'How the router ranked the venues, and why it chose as it did' })

const splitPlan = z.object({
  request: routingRequest,
  allocations: z.array(
    z.object({
      exchange: exchangeId,
      amount: decimal,
      expectedAveragePrice: decimal,
      expectedCost: decimal,
      fee: decimal,
      worstPrice: decimal,
    })
  ),
  totalAmount: decimal,
  unfilledAmount: decimal,
  expectedAveragePrice: decimal.optional(),
  totalCost: decimal,
  totalFees: decimal,
  excluded: z.array(z.object({ exchange: exchangeId, reason: z.string() })),
  reason: z.string(),
})

export const smartOrderResult = z
  .object({
    workflowId: z.string(),
    outcome: z.enum(['filled', 'partially_filled', 'placed', 'failed', 'unknown']),
    selectedExchanges: z.array(exchangeId),
    reason: z.string(),
    expectedAveragePrice: decimal.optional(),
    actualAveragePrice: decimal.optional(),
    liquidityScore: z.number().optional(),
    expectedSlippageBps: z.number().optional(),
    realisedSlippageBps: z
      .number()
      .optional()
      .meta({ description: 'Actual average vs expected, bps; positive is worse' }),
    realisedSlippageVsMarketBps: z.number().optional(),
    slippageLimitPrice: decimal
      .optional()
      .meta({ description: 'The worst price sent (an IOC limit) under maxSlippageBps' }),
    filled: decimal,
    fees: z.array(fee),
    orders: z.array(unifiedOrder),
    attempts: z.array(attemptSummary),
    decision: routingDecision,
    splitPlan: splitPlan.optional(),
    error: resultError.optional().meta({ description: 'Present when a risk limit refused the last attempt' }),
  })
  .meta({ description: 'The end of a smart order: where it went, what filled, at what price' })

const orderState = z.looseObject({
  phase: z.enum(['placing', 'following', 'done']).meta({
    description: 'following: the order rests at the venue and is looked at until it is done',
  }),
  clientOrderId: z.string(),
  result: orderResult.optional(),
  unresolved: z.array(unresolvedOrder).optional(),
})

const failoverState = z.looseObject({
  attempts: z.array(attemptSummary),
  current: exchangeId.optional(),
  done: z.boolean(),
  unresolved: z.array(unresolvedOrder).optional(),
})

const smartOrderState = z.looseObject({
  phase: z.enum(['routing', 'placing', 'done']),
  decision: routingDecision.optional(),
  attempts: z.array(attemptSummary),
  unresolved: z.array(unresolvedOrder).optional(),
})

export const orderRun = z
  .union([orderResult, runningState(orderState), runClosed])
  .meta({ description: 'The order: its result once done, its live state while running' })
export const failoverRun = z
  .union([failoverResult, runningState(failoverState), runClosed])
  .meta({ description: 'The failover order: its result once done, its live state while running' })
export const smartOrderRun = z
  .union([smartOrderResult, runningState(smartOrderState), runClosed])
  .meta({ description: 'The smart order: its result once done, its live state while running' })

/** 409 to a cancel or amend of an order that is done: nothing was sent; the order as it ended. */
export const orderDone = z
  .object({
    error: z.object({
      code: z.literal('order_done'),
      message: z.string().meta({ examples: ['the order is already filled'] }),
      workflowId: z.string(),
    }),
    // The order as it is now: its result once its run ended.
    order: orderRun,
  })
  .meta({ description: 'The order is already done (filled, cancelled, expired or rejected): nothing was sent' })
