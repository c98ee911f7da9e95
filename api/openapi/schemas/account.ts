// Answers of the account routes (api/routes/account.ts): positions, a leverage change, permissions and fees, funding
// records, fills.
import { z } from 'zod'

import { decimal, epochMs, exchangeId } from './common.js'
import { orderFill as fill } from './order-lifecycle.js'

const demo = z.boolean().meta({ description: 'True when the venue is the simulator (demo mode)' })

const position = z.object({
  symbol: z.string().meta({ description: 'BTC/USDT:USDT for a Binance USD-M perpetual, BTC/USD for Kraken margin' }),
  side: z.enum(['long', 'short']),
  amount: decimal.meta({ description: 'Size in the base currency (one Binance USD-M contract is one unit of it)' }),
  entryPrice: decimal.meta({ description: "Average entry price (Kraken: the position's cost over its size)" }),
  leverage: z.number().int(),
  unrealizedPnl: decimal.optional().meta({ description: 'In the quote currency, at the mark price' }),
  liquidationPrice: decimal.optional().meta({ description: 'Where the venue gives it (Binance; Kraken does not)' }),
})

export const positions = z
  .object({
    exchange: exchangeId,
    demo,
    kind: z.enum(['futures', 'margin', 'none']).meta({
      description: 'futures: Binance USD-M perpetuals; margin: Kraken spot margin; none: the venue has no positions',
    }),
    positions: z.array(position).meta({ description: 'Open positions only' }),
    note: z.string().optional().meta({ description: 'Why a venue of kind none has no positions' }),
  })
  .meta({ description: "The account's open futures or margin positions on one venue" })

export const leverageSet = z
  .object({
    exchange: exchangeId,
    symbol: z.string(),
    leverage: z.number().int().meta({ description: 'As the venue answered it' }),
    workflowId: z.string().meta({ description: 'The setLeverageWorkflow run that made the change' }),
  })
  .meta({ description: "The account's leverage on one USD-M perpetual, as set at the venue" })

export const accountInfo = z
  .object({
    exchange: exchangeId,
    demo,
    canTrade: z.boolean(),
    canWithdraw: z.boolean(),
    canDeposit: z.boolean(),
    permissions: z.array(z.string()).meta({ description: "The venue's permission names, e.g. SPOT, MARGIN" }),
    fees: z
      .object({ symbol: z.string(), maker: decimal, taker: decimal })
      .meta({ description: 'The fee rates (0.001 = 0.1 %) the account pays on `symbol`' }),
  })
  .meta({ description: "The API key's permissions on one venue and the account's fees on one market" })

export const fundingRecords = z
  .object({
    exchange: exchangeId,
    demo,
    currency: z.string().optional().meta({ description: 'The currency asked for' }),
    records: z.array(
      z.object({
        id: z.string(),
        currency: z.string(),
        amount: decimal,
        type: z.enum(['deposit', 'withdrawal']),
        status: z.string().meta({ description: "The venue's status of the transfer, e.g. ok, pending, canceled" }),
        timestamp: epochMs,
      })
    ),
  })
  .meta({ description: 'Deposits and withdrawals, oldest first' })

export const venueFills = z
  .object({
    exchange: exchangeId,
    demo,
    symbol: z.string().optional(),
    orderId: z.string().optional(),
    since: epochMs.optional(),
    fills: z.array(fill),
  })
  .meta({ description: "The venue's fills (trades) of the account, oldest first, with the query they answer" })
