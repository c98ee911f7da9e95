// ccxt's parsed Coinbase fills and transfers → our Fill and FundingRecord. Amounts come from ccxt's numbers via
// their shortest representation (the venue's literal), or from the raw strings where ccxt did arithmetic.
import type { Trade as CcxtTrade, Transaction as CcxtTransaction } from 'ccxt'

import type { Fill } from '../../domain/types.js'
import { decimal, toSide } from '../ccxt-convert.js'
import type { FundingRecord } from '../connector.js'

export function toFill(trade: CcxtTrade, now: number): Fill {
  const fill: Fill = {
    id: String(trade.id ?? ''),
    orderId: String(trade.order ?? ''),
    symbol: trade.symbol ?? '',
    side: toSide(trade.side),
    price: decimal(trade.price) ?? '0',
    amount: decimal(trade.amount) ?? '0',
    timestamp: trade.timestamp ?? now,
  }
  const feeCost = decimal(trade.fee?.cost)
  if (feeCost !== undefined && trade.fee?.currency) fill.fee = { cost: feeCost, currency: trade.fee.currency }
  if (trade.takerOrMaker === 'maker' || trade.takerOrMaker === 'taker') fill.takerOrMaker = trade.takerOrMaker
  return fill
}

export function toFundingRecord(transaction: CcxtTransaction, now: number): FundingRecord | undefined {
  if (transaction.type !== 'deposit' && transaction.type !== 'withdrawal') return undefined
  const info = (transaction.info ?? {}) as Record<string, unknown>
  // ccxt subtracts a withdrawal fee in floating point; the raw amount is the venue's exact string.
  const raw = typeof info['amount'] === 'string' ? info['amount'] : undefined
  return {
    id: String(transaction.id ?? ''),
    currency: transaction.currency ?? '',
    amount: decimal(raw ?? transaction.amount) ?? '0',
    type: transaction.type,
    status: transaction.status ?? 'pending',
    timestamp: transaction.timestamp ?? now,
  }
}
