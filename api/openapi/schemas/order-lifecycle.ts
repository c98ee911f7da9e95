// Answers of a resting order's lifecycle (api/routes/orders.ts, fills.ts, api/order-commands.ts): its fills and
// amendments in the order's result (workflows/lib/order-life.ts), the ledger's orders and fills (db/order-list.ts,
// db/order-fills.ts), a command's answers, and the sweep of DELETE /api/orders (workflows/cancel-open-orders.ts).
import { z } from 'zod'

import { LEDGER_STATUSES } from '../../schemas-orders.js'
import { decimal, epochMs, exchangeId, fee, side } from './common.js'

export const lifecycleStatus = z.enum(['open', 'filled', 'partially_filled', 'canceled', 'expired', 'rejected']).meta({
  description:
    'open while the venue may still fill it; then filled (the venue closed it, or the fills reached the total), ' +
    'partially_filled (cancelled or expired after some fills), canceled, expired (by its expireAt or the venue), rejected',
})

export const orderFill = z
  .object({
    id: z.string().meta({ description: "The venue's trade id" }),
    orderId: z.string().meta({ description: "The venue's order id" }),
    clientOrderId: z.string().optional(),
    symbol: z.string(),
    side,
    price: decimal,
    amount: decimal,
    fee: fee.optional().meta({ description: 'As the venue charged it, in its currency' }),
    takerOrMaker: z.enum(['maker', 'taker']).optional(),
    timestamp: epochMs,
  })
  .meta({ description: 'One fill (trade), as the venue reported it' })

export const amendment = z
  .object({
    at: epochMs,
    change: z.object({ price: decimal.optional(), amount: decimal.optional() }),
    replaced: z.string().meta({ description: 'The client order id of the order it replaced' }),
    result: z.enum(['replaced', 'not_needed', 'failed']).meta({
      description:
        'replaced: a replacement was placed for what the new total still lacks; not_needed: the fills already ' +
        'reached the new total; failed: the replacement was not placed (see message)',
    }),
    clientOrderId: z.string().optional().meta({ description: "The replacement's client order id" }),
    message: z.string().optional(),
  })
  .meta({ description: 'One amendment: the order cancelled at the venue, then replaced for what is left' })

/** The fields a followed (resting) order's result adds to OrderResult. */
export const lifeFields = {
  status: lifecycleStatus.optional().meta({ description: 'A resting order (limit GTC/GTT): where its life is' }),
  total: decimal.optional().meta({ description: 'The amount to buy or sell in all; an amendment changes it' }),
  filled: decimal.optional().meta({ description: 'Filled in all, over the original and its replacements' }),
  fills: z.array(orderFill).optional().meta({ description: 'Every fill, oldest first' }),
  amendments: z.array(amendment).optional(),
  expireAt: epochMs.optional().meta({ description: 'When the gateway cancels the order if it is still open' }),
}

export const ledgerOrder = z
  .object({
    clientOrderId: z.string(),
    executionId: z.string().meta({ description: 'The workflow id of the execution that sent it' }),
    role: z.string().meta({ description: 'primary, backup, routed, split, buy-leg, sell-leg, unwind or amend' }),
    seq: z.number().int(),
    exchange: exchangeId,
    symbol: z.string(),
    side,
    type: z.string(),
    amount: decimal,
    price: decimal.nullable(),
    status: z.enum(LEDGER_STATUSES).meta({
      description:
        'pending (recorded, not yet sent), sent, open, closed, canceled, expired, rejected, unknown (outcome being ' +
        'looked up), not_sent, absent (the venue has no such order)',
    }),
    exchangeOrderId: z.string().nullable(),
    filled: decimal.nullable(),
    average: decimal.nullable(),
    cost: decimal.nullable(),
    fee: decimal.nullable(),
    feeCurrency: z.string().nullable(),
    error: z.string().nullable(),
    errorType: z.string().nullable(),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ description: 'One order as the ledger holds it (written before it was sent, updated from every answer)' })

export const ledgerOrders = z
  .object({ orders: z.array(ledgerOrder).meta({ description: 'Newest first' }) })
  .meta({ description: "The ledger's orders that match the query" })

export const ledgerFill = z
  .object({
    exchange: exchangeId,
    symbol: z.string(),
    tradeId: z.string().meta({ description: "The venue's trade id (unique per venue and symbol)" }),
    clientOrderId: z.string(),
    executionId: z.string(),
    exchangeOrderId: z.string(),
    side,
    price: decimal,
    amount: decimal,
    fee: decimal.nullable(),
    feeCurrency: z.string().nullable(),
    liquidity: z.enum(['maker', 'taker']).nullable(),
    tradedAt: epochMs.meta({ description: "The venue's time of the trade" }),
    recordedAt: epochMs,
  })
  .meta({ description: 'One fill as the ledger recorded it, once however often it was read' })

export const orderFills = z
  .object({ workflowId: z.string(), fills: z.array(ledgerFill).meta({ description: 'Oldest first' }) })
  .meta({ description: 'The fills of one order execution (its original and every replacement)' })

export const ledgerFills = z
  .object({ fills: z.array(ledgerFill).meta({ description: 'Oldest first' }) })
  .meta({ description: 'Fills of every followed order, for accounting' })

export const orderCommandPending = z
  .object({ workflowId: z.string(), status: z.literal('in_progress') })
  .meta({ description: 'The command is accepted and carried out; the venue has not answered within the wait' })

const sweptOrder = { exchange: exchangeId, symbol: z.string(), clientOrderId: z.string() }

export const cancelOrdersResult = z
  .object({
    workflowId: z.string().meta({ description: 'The sweep (cancelOpenOrdersWorkflow)' }),
    cancelled: z.array(z.object(sweptOrder)).meta({ description: 'The venue cancelled them' }),
    alreadyDone: z
      .array(z.object({ ...sweptOrder, status: z.string() }))
      .meta({ description: 'Not open at the venue any more (filled, cancelled before, or never arrived)' }),
    failed: z
      .array(z.object({ ...sweptOrder, errorType: z.string(), message: z.string() }))
      .meta({ description: 'Neither cancelled nor shown done: a person must look' }),
  })
  .meta({ description: 'Every open order of the ledger that matched, and what became of it' })
