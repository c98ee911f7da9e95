// Answers of the risk endpoints (api/routes/risk.ts, api/risk-view.ts): limits, the trading state, halts, usage.
import { z } from 'zod'

import { decimal, epochMs, exchangeId } from './common.js'

const stateName = z.enum(['ACTIVE', 'REDUCING', 'HALTED'])
const scope = z.union([z.literal('all'), exchangeId])

export const tradingState = z.object({
  scope,
  state: stateName,
  reason: z.string(),
  changedBy: z.string().meta({ description: "A token name, 'config', 'default', or 'auto:<halt kind>'" }),
  changedAt: epochMs,
})

const tradingStateFields = {
  states: z.array(tradingState).meta({ description: "'all' first, then each venue with a state of its own" }),
  effective: z
    .partialRecord(exchangeId, z.object({ state: stateName, reason: z.string(), scope }))
    .meta({ description: "The state each venue's orders obey: the stricter of 'all' and the venue's own" }),
}

export const tradingStateView = z
  .object(tradingStateFields)
  .meta({ description: 'The trading state of each scope, and the state each venue obeys' })

export const tradingStateChanged = z
  .object({
    ...tradingState.shape,
    ...tradingStateFields,
    cancelWorkflowId: z
      .string()
      .optional()
      .meta({ description: 'The cancelOpenOrdersWorkflow started (cancelOpenOrders)' }),
  })
  .meta({ description: 'The state just set, and every state after the change' })

export const riskLimits = z
  .object({
    maxOrderNotional: decimal,
    maxOrderNotionalBySymbol: z.record(z.string(), decimal),
    maxExposure: z
      .record(z.string(), decimal)
      .meta({ description: 'Keys "binance:BTC" (one venue) or "BTC" (each venue)' }),
    maxOrdersPerMinutePerVenue: z.number().int(),
    maxDailyArbitrageLoss: decimal,
    maxAutoExecutionsPerMonitorPerHour: z.number().int(),
    maxUnresolvedOrders: z.number().int(),
    venueErrorHalt: z.object({ rate: z.number(), minRequests: z.number().int(), windowMs: z.number().int() }),
  })
  .meta({ description: 'The limits every order passes before it is sent' })

export const riskLimitsAnswer = z.object({ limits: riskLimits }).meta({ description: 'The limits now in force' })

export const halt = z.object({
  kind: z.enum(['daily_loss', 'unresolved_orders', 'venue_error_rate']),
  scope,
  reason: z.string(),
  at: epochMs,
  active: z.boolean().meta({ description: 'The scope is still HALTED by this halt' }),
})

const usage = z.object({
  ordersLastMinute: z.record(z.string(), z.object({ used: z.number().int(), limit: z.number().int() })),
  dailyArbitrageLoss: z.object({ used: decimal, limit: decimal }),
  unresolvedOrders: z.object({ used: z.number().int(), limit: z.number().int() }),
  exposure: z
    .record(z.string(), z.object({ used: decimal, limit: decimal }))
    .meta({ description: 'Per "venue:asset"' }),
  venueErrors: z.record(
    z.string(),
    z.object({
      requests: z.number().int(),
      failures: z.number().int(),
      rateLimit: z.number(),
      minRequests: z.number().int(),
    })
  ),
})

export const riskView = z
  .object({
    limits: riskLimits,
    ...tradingStateFields,
    halts: z.array(halt).meta({ description: 'Automatic halts of the UTC day, and any still in force, newest first' }),
    usage,
  })
  .meta({ description: 'Limits, trading states, halts and the usage of each limit' })
