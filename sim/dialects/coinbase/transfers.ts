// Funding records (GET /transfers, /accounts/{id}/transfers). The engine knows no deposits, so each account's
// history is seeded when the dialect starts (after the simulator funded the accounts): a completed deposit of
// 110 % of each opening balance and a completed withdrawal of 10 %, which together explain that balance.
import { add, isPositive, mul } from '../../../domain/money.js'
import type { VenueEngine } from '../../engine/types.js'
import { fixed, postgresTime, SIZE_DECIMALS } from './format.js'
import { accountIdOf, nameUuid, profileIdOf, userIdOf } from './ids.js'
import { isFiat } from './products.js'

export type TransferType = 'deposit' | 'withdraw'

export interface SeedTransfer {
  id: string
  type: TransferType
  currency: string
  amount: string
  createdAt: number
  completedAt: number
}

export interface TransferBook {
  /** Newest first. */
  list(owner: string): SeedTransfer[]
}

const HOUR_MS = 3_600_000

const NETWORKS: Record<string, string> = { BTC: 'bitcoin', ETH: 'ethereum', SOL: 'solana' }

export function createTransferBook(engine: VenueEngine, now: () => number, owners: string[]): TransferBook {
  const byOwner = new Map<string, SeedTransfer[]>()
  const seed = (owner: string): SeedTransfer[] => {
    const time = now()
    const records: SeedTransfer[] = []
    const balances = Object.entries(engine.balances(owner)).sort(([a], [b]) => a.localeCompare(b))
    for (const [currency, balance] of balances) {
      const total = add(balance.free, balance.locked)
      if (!isPositive(total)) continue
      const withdrawn = mul(total, '0.1')
      records.push({
        id: nameUuid(`transfer:${owner}:${currency}:deposit`),
        type: 'deposit',
        currency,
        amount: add(total, withdrawn),
        createdAt: time - 48 * HOUR_MS,
        completedAt: time - 47 * HOUR_MS,
      })
      records.push({
        id: nameUuid(`transfer:${owner}:${currency}:withdraw`),
        type: 'withdraw',
        currency,
        amount: withdrawn,
        createdAt: time - 24 * HOUR_MS,
        completedAt: time - 23 * HOUR_MS,
      })
    }
    return records.sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
  }
  for (const owner of owners) byOwner.set(owner, seed(owner))
  return {
    list(owner) {
      const known = byOwner.get(owner) ?? seed(owner)
      byOwner.set(owner, known)
      return known
    },
  }
}

export function transferView(owner: string, transfer: SeedTransfer): Record<string, unknown> {
  const completed = postgresTime(transfer.completedAt)
  const fiat = isFiat(transfer.currency)
  const details = fiat
    ? { coinbase_account_id: nameUuid(`coinbase-account:${owner}:${transfer.currency}`) }
    : {
        network: NETWORKS[transfer.currency] ?? transfer.currency.toLowerCase(),
        [transfer.type === 'deposit' ? 'crypto_address' : 'sent_to_address']:
          `sim-${transfer.currency.toLowerCase()}-address`,
        crypto_transaction_hash: transfer.id.replace(/-/g, ''),
      }
  return {
    id: transfer.id,
    type: transfer.type,
    created_at: postgresTime(transfer.createdAt),
    completed_at: completed,
    canceled_at: null,
    processed_at: completed,
    account_id: accountIdOf(owner, transfer.currency),
    user_id: userIdOf(owner),
    user_nonce: null,
    amount: fixed(transfer.amount, SIZE_DECIMALS),
    details,
    idem: nameUuid(`idem:${transfer.id}`),
    profile_id: profileIdOf(owner),
    currency: transfer.currency,
  }
}
