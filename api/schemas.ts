// Request schemas. Amounts and prices are decimal strings (numbers are accepted and kept exactly as written).
import { z } from 'zod'

import { isDecimalString } from '../domain/money.js'
import { EXCHANGE_IDS } from '../domain/types.js'
import { parseSymbol } from './symbols.js'

export const positiveDecimal = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((v) => isDecimalString(v) && Number(v) > 0, { message: 'must be a positive decimal such as "0.01"' })

export const exchangeId = z.enum(EXCHANGE_IDS, { message: `must be one of ${EXCHANGE_IDS.join(', ')}` })

export const symbol = z.string({ message: 'is required, e.g. "BTC/USDT"' }).transform((v, ctx) => {
  try {
    return parseSymbol(v)
  } catch {
    ctx.addIssue({ code: 'custom', message: `'${v}' is not a symbol like BTC/USDT` })
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
  if (order.postOnly && order.timeInForce && order.timeInForce !== 'GTC') {
    ctx.addIssue({ code: 'custom', path: ['timeInForce'], message: 'must be GTC for a post-only order' })
  }
}

export const placeOrderBody = z.strictObject({ exchange: exchangeId, ...orderFields }).superRefine(checkOrder)
export type PlaceOrderBody = z.infer<typeof placeOrderBody>
