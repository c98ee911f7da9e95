// Answers read from the database: the execution history (db/executions.ts, the rows of db/schema.ts) and the
// reconciliation reports (db/reconciliation.ts).
import { z } from 'zod'

import { decimal, epochMs, exchangeId, side } from './common.js'

const nullableText = z.string().nullable()

export const execution = z
  .object({
    id: z.string().meta({ description: 'The workflow id' }),
    strategy: z.enum(['order', 'smart', 'failover', 'arbitrage', 'monitor']),
    status: z.enum(['running', 'unresolved', 'completed', 'failed']),
    symbol: nullableText,
    side: nullableText,
    exchanges: nullableText.meta({ description: 'Exchanges involved, comma separated' }),
    idempotencyKey: nullableText,
    request: z.unknown().meta({ description: 'What the workflow was started with' }),
    result: z.unknown().meta({ description: "The workflow's result (as its POST answered it), null until it ends" }),
    outcome: nullableText.meta({ description: 'In a word: placed, filled, rejected, unwound, no_opportunity...' }),
    error: nullableText,
    profit: decimal.nullable().meta({ description: 'Realised profit in the quote currency (arbitrage)' }),
    createdAt: epochMs,
    updatedAt: epochMs,
    completedAt: epochMs.nullable(),
  })
  .meta({ description: 'One execution (an order or a strategy run) as the history keeps it' })

export const executionPage = z
  .object({
    executions: z.array(execution).meta({ description: 'Newest first' }),
    next: z
      .object({ before: epochMs })
      .optional()
      .meta({ description: 'Present when the page is full: pass it as ?before= for the next page' }),
  })
  .meta({ description: 'A page of executions, newest first' })

const routingDecisionRow = z.object({
  id: z.number().int(),
  executionId: z.string(),
  seq: z.number().int(),
  selected: nullableText,
  reason: z.string(),
  expectedAveragePrice: decimal.nullable(),
  liquidityScore: nullableText,
  expectedSlippageBps: nullableText,
  candidates: z.unknown().meta({ description: 'Every venue considered, as the router ranked it' }),
  splitPlan: z.unknown().meta({ description: 'The split plan, or null' }),
  createdAt: epochMs,
})

const orderAttemptRow = z.object({
  clientOrderId: z.string(),
  executionId: z.string(),
  role: z.string().meta({ description: 'primary, backup, routed, split, buy-leg, sell-leg, unwind or amend' }),
  seq: z.number().int(),
  exchange: exchangeId,
  symbol: z.string(),
  side,
  type: z.string(),
  amount: decimal,
  price: decimal.nullable(),
  status: z.string().meta({
    description: 'pending (recorded, not yet sent), sent, open, closed, canceled, expired, rejected, unknown, absent',
  }),
  exchangeOrderId: nullableText,
  filled: decimal.nullable(),
  average: decimal.nullable(),
  cost: decimal.nullable(),
  fee: decimal.nullable(),
  feeCurrency: nullableText,
  error: nullableText,
  errorType: nullableText,
  createdAt: epochMs,
  updatedAt: epochMs,
})

export const executionDetail = execution
  .extend({
    decisions: z.array(routingDecisionRow).meta({ description: 'Routing decisions, in order' }),
    attempts: z.array(orderAttemptRow).meta({ description: 'Every order sent (or about to be), in order' }),
  })
  .meta({ description: 'One execution with its routing decisions and order attempts' })

const venueOrder = z.object({
  id: z.string(),
  clientOrderId: z.string().optional(),
  symbol: z.string(),
  side,
  status: z.enum(['open', 'closed', 'canceled', 'expired', 'rejected', 'unknown']),
  amount: decimal.optional(),
  price: decimal.optional(),
  filled: decimal,
  timestamp: epochMs,
  source: z.enum(['open_orders', 'fills', 'lookup']),
})

const difference = z.object({
  kind: z.enum(['unknown_to_ledger', 'unknown_to_venue', 'fill_not_recorded', 'status_not_recorded']),
  symbol: z.string(),
  clientOrderId: z.string().optional(),
  exchangeOrderId: z.string().optional(),
  executionId: z.string().optional(),
  ledger: z.object({ status: z.string(), filled: decimal }).optional(),
  venue: venueOrder.optional(),
  settled: z.boolean().meta({ description: 'The ledger row was updated from the venue' }),
})

const reconciliationReport = z.object({
  runId: z.string(),
  exchange: exchangeId,
  status: z.enum(['ok', 'failed']),
  startedAt: epochMs,
  completedAt: epochMs,
  symbols: z.array(z.string()),
  checked: z
    .object({
      openOrders: z.number().int(),
      fills: z.number().int().nullable(),
      ledgerRows: z.number().int(),
      lookups: z.number().int(),
      deferred: z.number().int(),
    })
    .nullable(),
  differences: z.array(difference),
  settledCount: z.number().int(),
  error: z.string().optional(),
})

export const reconciliationReports = z
  .object({
    differences: z.number().int().meta({ description: 'Differences in all the reports' }),
    reports: z.array(reconciliationReport).meta({ description: "Each venue's latest report, newest first" }),
  })
  .meta({ description: 'The latest reconciliation of the ledger with each venue' })
