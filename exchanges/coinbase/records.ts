// ccxt's parsed Coinbase transfers → our FundingRecord. Amounts come from ccxt's numbers via their shortest
// representation (the venue's literal), or from the raw strings where ccxt did arithmetic. (Fills: fill-reads.ts.)
import type { Transaction as CcxtTransaction } from 'ccxt'

import { decimal } from '../ccxt-convert.js'
import type { FundingRecord } from '../connector.js'

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
