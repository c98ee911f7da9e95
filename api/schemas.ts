// Request schemas. Amounts and prices are decimal strings. JSON numbers are accepted only while they are short
// enough (15 significant digits) that the JSON parser cannot have changed them; longer ones must be strings.
import { z } from 'zod'

import { executions } from '../db/schema.js'
import { inputPrefix } from '../domain/input-prefix.js'
import { isDecimalString, isPositive } from '../domain/money.js'
import { CONDITIONAL_ORDER_TYPES, EXCHANGE_IDS, TIMEFRAMES } from '../domain/types.js'
import { parseSymbol } from './symbols.js'
import { expireAt } from './schemas-expire-at.js'
import { canRest } from '../domain/order-lifecycle.js'
import { orderKindProblem } from '../domain/order-kinds.js'

const EXACT_FLOAT_DIGITS = 15

function significantDigits(text: string): number {
  const mantissa = text.toLowerCase().split('e')[0]!.replace(/[-.]/g, '').replace(/^0+/, '')
  return mantissa.replace(/0+$/, '').length
}

export const positiveDecimal = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    if (typeof v === 'string') return v.trim()
    const text = String(v)
    if (significantDigits(text) > EXACT_FLOAT_DIGITS) {
      ctx.addIssue({
        code: 'custom',
        message: `send ${text} as a string: a JSON number this long may already be rounded`,
      })
      return z.NEVER
    }
    return text
  })
  .refine((v) => isDecimalString(v) && isPositive(v), { message: 'must be a positive decimal such as "0.01"' })

export const exchangeId = z.enum(EXCHANGE_IDS, { message: `must be one of ${EXCHANGE_IDS.join(', ')}` })

export const symbol = z.string({ message: 'is required, e.g. "BTC/USDT"' }).transform((v, ctx) => {
  try {
    return parseSymbol(v)
  } catch {
    ctx.addIssue({ code: 'custom', message: `'${inputPrefix(v)}' is not a symbol like BTC/USDT` })
    return z.NEVER
  }
})

export const clientOrderId = z
  .string()
  .min(1)
  .max(36, { message: 'must be at most 36 characters' })
  .regex(/^[A-Za-z0-9_.:/-]+$/, { message: 'may contain only letters, digits and _ . : / -' })

export const orderFields = {
  symbol,
  side: z.enum(['buy', 'sell'], { message: 'must be buy or sell' }),
  type: z.enum(['market', 'limit'], { message: 'must be market or limit' }),
  amount: positiveDecimal,
  price: positiveDecimal.optional(),
  clientOrderId: clientOrderId.optional(),
  timeInForce: z.enum(['GTC', 'IOC', 'FOK'], { message: 'must be GTC, IOC or FOK' }).optional(),
  postOnly: z.boolean().optional(),
}

type OrderShape = { type: 'market' | 'limit'; price?: string; postOnly?: boolean; timeInForce?: string }

/** Cross-field rules every order obeys. */
export function checkOrder(order: OrderShape, ctx: z.RefinementCtx): void {
  if (order.type === 'limit' && !order.price) {
    ctx.addIssue({ code: 'custom', path: ['price'], message: 'is required for a limit order' })
  }
  if (order.type === 'market' && order.postOnly) {
    ctx.addIssue({ code: 'custom', path: ['postOnly'], message: 'is only valid for limit orders' })
  }
  if (order.postOnly && order.timeInForce && order.timeInForce !== 'GTC' && order.timeInForce !== 'GTT') {
    ctx.addIssue({
      code: 'custom',
      path: ['timeInForce'],
      message: 'must be GTC (or GTT on coinbase) for a post-only order',
    })
  }
}

const ORDER_TYPES = ['market', 'limit', ...CONDITIONAL_ORDER_TYPES] as const

/**
 * POST /api/orders takes every kind the connectors place: besides market and limit, a perpetual (BTC/USDT:USDT)
 * with reduceOnly and leverage, a margin order with leverage (kraken), a stop-loss or take-profit with triggerPrice,
 * a GTT order with cancelAfter (coinbase). What a venue cannot take is refused naming the field (domain/order-kinds).
 */
export const placeOrderBody = z
  .strictObject({
    exchange: exchangeId,
    ...orderFields,
    type: z.enum(ORDER_TYPES, { message: `must be one of ${ORDER_TYPES.join(', ')}` }),
    timeInForce: z.enum(['GTC', 'IOC', 'FOK', 'GTT'], { message: 'must be GTC, IOC, FOK or GTT' }).optional(),
    reduceOnly: z.boolean({ message: 'must be true or false' }).optional(),
    leverage: z
      .number({ message: 'must be a whole number such as 5' })
      .int({ message: 'must be a whole number such as 5' })
      .min(1, { message: 'must be at least 1' })
      .max(125, { message: 'must be at most 125' })
      .optional(),
    triggerPrice: positiveDecimal.optional(),
    cancelAfter: z.enum(['min', 'hour', 'day'], { message: 'must be min, hour or day' }).optional(),
    expireAt: expireAt.optional(),
  })
  .superRefine((order, ctx) =>
    checkOrder({ ...order, type: order.type === 'limit' ? 'limit' : 'market', timeInForce: order.timeInForce }, ctx)
  )
  .superRefine((order, ctx) => {
    const { exchange, expireAt: expiry, ...spec } = order
    const problem = orderKindProblem(exchange, spec)
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message })
    if (expiry !== undefined && !canRest(order)) {
      ctx.addIssue({ code: 'custom', path: ['expireAt'], message: 'is only valid for an order that rests (limit GTC)' })
    }
  })

// Query strings and the bodies of the routing, failover, arbitrage and history endpoints.

/** An integer query parameter within bounds (query values arrive as strings). */
export const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `must be an integer from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` })
    )

/** A percentage that may arrive as a number (JSON body) or a string (query): 0.1 means 0.1 %. */
export const percent = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, { message: 'must be a number such as 0.1' })
      .transform(Number),
  ])
  .pipe(z.number().min(0, { message: 'must be at least 0' }).max(100, { message: 'must be at most 100' }))

/** Distinct exchange ids; in a query they come comma-separated (exchanges=binance,kraken). */
const distinctExchanges = z.array(exchangeId).refine((ids) => new Set(ids).size === ids.length, {
  message: 'must not name an exchange twice',
})
export const exchangeList = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean)
      : v,
  distinctExchanges
)

export const orderbookQuery = z.strictObject({ depth: intParam(1, 500).default(20) })
export const tradesQuery = z.strictObject({ limit: intParam(1, 1000).optional() })
export const klinesQuery = z.strictObject({
  timeframe: z.enum(TIMEFRAMES, { message: `must be one of ${TIMEFRAMES.join(', ')}` }).default('1h'),
  since: z.string().regex(/^\d+$/, { message: 'must be a time in ms since the epoch' }).transform(Number).optional(),
  limit: intParam(1, 1000).optional(),
})

export const smartOrderBody = z
  .strictObject({
    symbol,
    side: orderFields.side,
    type: orderFields.type,
    amount: positiveDecimal,
    price: positiveDecimal.optional(),
    exchanges: exchangeList.pipe(z.array(exchangeId).min(1, { message: 'must name at least one exchange' })).optional(),
    maxSlippageBps: z
      .number({ message: 'must be a number of basis points' })
      .int({ message: 'must be a whole number of basis points' })
      .min(1, { message: 'must be at least 1' })
      .max(1000, { message: 'must be at most 1000' })
      .optional(),
    allowSplit: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .superRefine(checkOrder)

export const failoverOrderBody = z
  .strictObject({
    order: z.strictObject({ exchange: exchangeId, ...orderFields }).superRefine(checkOrder),
    backupExchanges: z
      .array(exchangeId, { message: 'must be a list of exchanges' })
      .min(1, { message: 'must name one or two backup exchanges' })
      .max(2, { message: 'must name one or two backup exchanges' }),
  })
  .superRefine((body, ctx) => {
    const backups = body.backupExchanges
    if (new Set(backups).size !== backups.length) {
      ctx.addIssue({ code: 'custom', path: ['backupExchanges'], message: 'must not name an exchange twice' })
    }
    if (backups.includes(body.order.exchange)) {
      ctx.addIssue({
        code: 'custom',
        path: ['backupExchanges'],
        message: `must not include the primary ${body.order.exchange}`,
      })
    }
  })

export const opportunitiesQuery = z.strictObject({
  minProfitPct: percent.default(0.1),
  exchanges: exchangeList.pipe(z.array(exchangeId).min(2, { message: 'must name at least two exchanges' })).optional(),
  maxAmount: positiveDecimal.optional(),
})

export const arbitrageExecuteBody = z
  .strictObject({
    symbol,
    buyExchange: exchangeId,
    sellExchange: exchangeId,
    amount: positiveDecimal.optional(),
    minProfitPct: percent.default(0.1),
  })
  .refine((b) => b.buyExchange !== b.sellExchange, { path: ['sellExchange'], message: 'must differ from buyExchange' })

/** true executes every opportunity above minProfitPct; the object form sets its own threshold and a cap. */
const autoExecute = z.union(
  [
    z.boolean(),
    z.strictObject({
      enabled: z.boolean({ message: 'must be true or false' }),
      minProfitPct: percent.optional(),
      maxExecutions: z.number().int().min(0, { message: 'must be at least 0' }).optional(),
      /** How long a pair whose child failed is paused (doubling with each failure in a row, up to an hour). */
      backoffMs: z
        .number()
        .int({ message: 'must be a whole number of milliseconds' })
        .min(1_000, { message: 'must be at least 1000 (ms)' })
        .max(3_600_000, { message: 'must be at most 3600000 (an hour)' })
        .optional(),
    }),
  ],
  { message: 'must be true, false or { enabled, minProfitPct?, maxExecutions?, backoffMs? }' }
)

const monitorSymbols = z
  .array(symbol, { message: 'must be a list of symbols such as ["BTC/USDT"]' })
  .min(1, { message: 'must name at least one symbol' })
  .max(20, { message: 'must name at most 20 symbols' })
  .refine((s) => new Set(s).size === s.length, { message: 'must not name a symbol twice' })

const monitorInterval = z
  .number({ message: 'must be a number of milliseconds' })
  .int({ message: 'must be a whole number of milliseconds' })
  .min(1000, { message: 'must be at least 1000' })
  .max(3_600_000, { message: 'must be at most 3600000 (one hour)' })

const atLeastTwoExchanges = exchangeList.pipe(
  z.array(exchangeId).min(2, { message: 'must name at least two exchanges' })
)

export const arbitrageMonitorBody = z.strictObject({
  symbols: monitorSymbols,
  exchanges: atLeastTwoExchanges.optional(),
  intervalMs: monitorInterval.default(5000),
  minProfitPct: percent.default(0.1),
  maxAmount: positiveDecimal.optional(),
  autoExecute: autoExecute.optional(),
})

/** PATCH: the fields to change; maxAmount null removes the cap. */
export const arbitrageMonitorUpdate = z
  .strictObject({
    symbols: monitorSymbols.optional(),
    exchanges: atLeastTwoExchanges.optional(),
    intervalMs: monitorInterval.optional(),
    minProfitPct: percent.optional(),
    maxAmount: positiveDecimal.nullable().optional(),
    autoExecute: autoExecute.optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'name at least one field to change' })
export type ArbitrageMonitorUpdate = z.infer<typeof arbitrageMonitorUpdate>

const STRATEGIES = executions.strategy.enumValues
const EXECUTION_STATUSES = executions.status.enumValues

export const executionsQuery = z.strictObject({
  strategy: z.enum(STRATEGIES, { message: `must be one of ${STRATEGIES.join(', ')}` }).optional(),
  status: z.enum(EXECUTION_STATUSES, { message: `must be one of ${EXECUTION_STATUSES.join(', ')}` }).optional(),
  symbol: z
    .string()
    .transform((v, ctx) => {
      try {
        return parseSymbol(v)
      } catch {
        ctx.addIssue({ code: 'custom', message: `'${inputPrefix(v)}' is not a symbol like BTC-USDT` })
        return z.NEVER
      }
    })
    .optional(),
  exchange: exchangeId.optional(),
  before: z.string().regex(/^\d+$/, { message: 'must be a time in ms since the epoch' }).transform(Number).optional(),
  limit: intParam(1, 200).default(50),
})
