// Schemas of an order's lifecycle routes: the expire-at of a new order, amendments, and the order and fill lists.
import { z } from 'zod'

import { inputPrefix } from '../domain/input-prefix.js'
import { exchangeId, intParam, positiveDecimal } from './schemas.js'
import { parseSymbol } from './symbols.js'

/** PATCH /api/orders/:workflowId: a new price, a new total amount (what already filled counts), or both. */
export const amendOrderBody = z
  .strictObject({ price: positiveDecimal.optional(), amount: positiveDecimal.optional() })
  .refine((body) => body.price !== undefined || body.amount !== undefined, {
    message: 'give a new price, a new amount or both',
    path: ['price'],
  })

const symbolParam = z.string().transform((v, ctx) => {
  try {
    return parseSymbol(v)
  } catch {
    ctx.addIssue({ code: 'custom', message: `'${inputPrefix(v)}' is not a symbol like BTC/USDT or BTC-USDT` })
    return z.NEVER
  }
})

/** Ledger statuses an order can have (db/schema.ts order_attempts.status). */
export const LEDGER_STATUSES = [
  'open',
  'closed',
  'canceled',
  'expired',
  'rejected',
  'pending',
  'sent',
  'unknown',
  'not_sent',
  'absent',
] as const

export const ordersQuery = z.strictObject({
  status: z.enum(LEDGER_STATUSES, { message: `must be one of ${LEDGER_STATUSES.join(', ')}` }).optional(),
  exchange: exchangeId.optional(),
  symbol: symbolParam.optional(),
  limit: intParam(1, 500).default(100),
})

/** DELETE /api/orders?exchange=&symbol=: at least one of them, so that no typo cancels every order everywhere. */
export const cancelOrdersQuery = z
  .strictObject({ exchange: exchangeId.optional(), symbol: symbolParam.optional(), all: z.literal('true').optional() })
  .refine((q) => q.exchange !== undefined || q.symbol !== undefined || q.all === 'true', {
    message: 'name an exchange or a symbol (or all=true to cancel every open order)',
    path: ['exchange'],
  })

export const fillsQuery = z.strictObject({
  since: z.string().regex(/^\d+$/, { message: 'must be a time in ms since the epoch' }).transform(Number).optional(),
  exchange: exchangeId.optional(),
  limit: intParam(1, 1000).default(200),
})
