// Answers of the arbitrage endpoints: a scan (api/arbitrage-scan.ts), one execution (workflows/arbitrage.ts) and the
// monitor (workflows/arbitrage-monitor.ts).
import { z } from 'zod'

import { attemptSummary, decimal, epochMs, exchangeId, fee, runClosed, runningState, side } from './common.js'

export const arbitrageOpportunity = z
  .object({
    id: z.string().meta({ description: 'Stable per symbol and venue pair, e.g. BTC/USDT:binance->kraken' }),
    symbol: z.string(),
    buyExchange: exchangeId,
    sellExchange: exchangeId,
    amount: decimal.meta({ description: 'Base amount of each leg' }),
    buyAveragePrice: decimal,
    sellAveragePrice: decimal,
    buyLimitPrice: decimal.meta({ description: 'Worst ask reached: the limit of the buy IOC leg' }),
    sellLimitPrice: decimal.meta({ description: 'Worst bid reached: the limit of the sell IOC leg' }),
    buyCost: decimal,
    sellProceeds: decimal,
    buyTakerFee: decimal,
    sellTakerFee: decimal,
    buyFee: decimal,
    sellFee: decimal,
    grossProfit: decimal,
    netProfit: decimal.meta({ description: 'grossProfit − buyFee − sellFee, in the quote currency' }),
    netProfitPct: z.number().meta({ description: 'A score (float), in percent' }),
    buyLevelsUsed: z.number().int(),
    sellLevelsUsed: z.number().int(),
    buyBookTimestamp: epochMs,
    sellBookTimestamp: epochMs,
  })
  .meta({ description: 'A profitable buy on one venue and sell on another, after both taker fees' })

const venueProblem = z.object({ code: z.string(), message: z.string() })

export const arbitrageScan = z
  .object({
    symbol: z.string(),
    minProfitPct: z.number(),
    maxAmount: decimal.optional(),
    scannedAt: epochMs,
    opportunities: z.array(arbitrageOpportunity).meta({ description: 'Best net profit first' }),
    venues: z
      .partialRecord(exchangeId, z.union([z.literal('ok'), venueProblem]))
      .meta({ description: "Each venue scanned: 'ok', or why it could not be used" }),
  })
  .meta({ description: 'The opportunities on the books now' })

const realisedProfit = z.object({
  currency: z.string(),
  boughtAmount: decimal,
  soldAmount: decimal,
  buyCost: decimal,
  sellProceeds: decimal,
  fees: decimal,
  netProfit: decimal,
  residualAmount: decimal.meta({ description: 'Base left over; non-zero means the trade is not flat' }),
  unconvertedFees: z.array(fee),
})

const dust = z.object({ exchange: exchangeId, side, amount: decimal, reason: z.string() })

const riskRefusal = z.object({ code: z.literal('risk_rejected'), type: z.string(), message: z.string() })

export const arbitrageResult = z
  .object({
    workflowId: z.string(),
    outcome: z.enum(['completed', 'unwound', 'no_opportunity', 'rejected', 'unwind_failed', 'unknown']),
    opportunity: arbitrageOpportunity.optional().meta({ description: 'The opportunity as re-checked' }),
    legs: z.array(attemptSummary).meta({ description: 'Buy leg, sell leg, then every unwind order' }),
    realisedProfit,
    profit: decimal,
    flat: z.boolean(),
    reason: z.string(),
    error: z
      .union([z.string(), riskRefusal])
      .optional()
      .meta({ description: 'What someone must look at (unwind_failed, unknown), or the risk refusal of a 422' }),
    dust: dust.optional(),
  })
  .meta({ description: 'The end of one arbitrage: both legs, any unwind, and the realised profit' })

const arbitrageState = z.looseObject({
  phase: z.enum(['checking', 'placing', 'unwinding', 'done']),
  opportunity: arbitrageOpportunity.optional(),
  legs: z.array(attemptSummary),
  result: arbitrageResult.optional(),
})

export const arbitrageRun = z
  .union([arbitrageResult, runningState(arbitrageState), runClosed])
  .meta({ description: 'The arbitrage: its result once done, its live state while running' })

const autoExecuteParams = z.object({
  enabled: z.boolean(),
  minProfitPct: z.number(),
  maxExecutions: z.number().int().optional(),
  backoffMs: z.number().int().optional(),
})

export const monitorParams = z.object({
  symbols: z.array(z.string()),
  exchanges: z.array(exchangeId),
  intervalMs: z.number().int(),
  minProfitPct: z.number(),
  maxAmount: decimal.optional(),
  autoExecute: autoExecuteParams.optional(),
})

const pairRef = { symbol: z.string(), buyExchange: exchangeId, sellExchange: exchangeId }

export const monitorView = z
  .object({
    workflowId: z.string(),
    stopped: z.boolean(),
    scannedAt: epochMs.optional(),
    opportunities: z.record(z.string(), z.array(arbitrageOpportunity)).optional().meta({ description: 'Per symbol' }),
    errors: z
      .array(z.object({ exchange: exchangeId, symbol: z.string(), errorType: z.string(), message: z.string() }))
      .optional(),
    skipped: z
      .array(
        z.object({
          id: z.string(),
          ...pairRef,
          unmet: z.enum(['amountStep', 'minAmount', 'minNotional']),
          reason: z.string(),
        })
      )
      .optional(),
    scans: z.number().int(),
    executions: z.number().int(),
    params: monitorParams,
    recentExecutions: z.array(
      z.object({
        workflowId: z.string(),
        opportunityId: z.string(),
        netProfitPct: z.number(),
        startedAt: epochMs,
        error: z.string().optional(),
      })
    ),
    running: z.array(z.object({ workflowId: z.string(), ...pairRef, opportunityId: z.string(), startedAt: epochMs })),
    backoffs: z.array(
      z.object({
        opportunityId: z.string(),
        ...pairRef,
        failures: z.number().int(),
        until: epochMs,
        lastOutcome: z.string(),
        lastChildId: z.string(),
      })
    ),
    automationBlocked: z.string().optional(),
  })
  .meta({ description: "The monitor's latest scan, its parameters and its automatic executions" })

export const monitorStarted = z
  .object({
    workflowId: z.string(),
    status: z.string().meta({ description: "running; or, for a reused Idempotency-Key, how that monitor's run ended" }),
  })
  .meta({ description: 'The monitor this request started (or the one its Idempotency-Key names)' })

export const monitorRun = z
  .union([monitorView, runningState(monitorView), runClosed])
  .meta({ description: 'The monitor: its latest view while it runs, its final view once stopped' })

export const monitorStopped = z
  .union([monitorView.extend({ status: z.literal('stopped') }), runClosed])
  .meta({ description: 'The stopped monitor with its final view (or how its run ended otherwise)' })

export const monitorStopping = z
  .object({ workflowId: z.string(), status: z.literal('stopping') })
  .meta({ description: 'Asked to stop; it has not finished within the wait' })

export const monitorUpdated = z
  .object({
    workflowId: z.string(),
    status: z.literal('running'),
    update: monitorParams.partial().extend({ maxAmount: decimal.nullable().optional() }),
  })
  .meta({ description: 'The change sent to the monitor; its next scan uses it' })
