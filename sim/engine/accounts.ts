// Account balances per owner and asset, split into free and locked (reserved by open orders and positions).
import type { Decimal } from 'decimal.js'

import { dec, str } from '../../domain/money.js'
import type { DecimalString } from '../../domain/types.js'
import { SimError, type SimBalance } from './types.js'

interface Balance {
  free: Decimal
  locked: Decimal
}

export interface Accounts {
  has(owner: string): boolean
  balances(owner: string): Record<string, SimBalance>
  free(owner: string, asset: string): Decimal
  /** Adds to (or, when negative, takes from) the free balance; opens the account if needed. */
  credit(owner: string, asset: string, amount: Decimal | DecimalString): void
  /** Moves free → locked; INSUFFICIENT_FUNDS unless `force` (margin top-ups may dip below zero). */
  lock(owner: string, asset: string, amount: Decimal, options?: { force?: boolean }): void
  /** Moves locked → free. */
  unlock(owner: string, asset: string, amount: Decimal): void
  /** Removes from locked (the asset leaves the account, e.g. paid for a fill). */
  spendLocked(owner: string, asset: string, amount: Decimal): void
}

export function createAccounts(): Accounts {
  const accounts = new Map<string, Map<string, Balance>>()

  const balanceOf = (owner: string, asset: string): Balance => {
    let account = accounts.get(owner)
    if (!account) accounts.set(owner, (account = new Map()))
    let balance = account.get(asset)
    if (!balance) account.set(asset, (balance = { free: dec(0), locked: dec(0) }))
    return balance
  }

  return {
    has: (owner) => accounts.has(owner),
    balances(owner) {
      const result: Record<string, SimBalance> = {}
      for (const [asset, balance] of accounts.get(owner) ?? []) {
        result[asset] = { free: str(balance.free), locked: str(balance.locked) }
      }
      return result
    },
    free: (owner, asset) => accounts.get(owner)?.get(asset)?.free ?? dec(0),
    credit(owner, asset, amount) {
      const balance = balanceOf(owner, asset)
      balance.free = balance.free.plus(amount)
    },
    lock(owner, asset, amount, options = {}) {
      const balance = balanceOf(owner, asset)
      if (!options.force && balance.free.lessThan(amount)) {
        throw new SimError(
          'INSUFFICIENT_FUNDS',
          `Insufficient ${asset}: ${str(amount)} needed, ${str(balance.free)} free`
        )
      }
      balance.free = balance.free.minus(amount)
      balance.locked = balance.locked.plus(amount)
    },
    unlock(owner, asset, amount) {
      const balance = balanceOf(owner, asset)
      balance.locked = balance.locked.minus(amount)
      balance.free = balance.free.plus(amount)
    },
    spendLocked(owner, asset, amount) {
      const balance = balanceOf(owner, asset)
      balance.locked = balance.locked.minus(amount)
    },
  }
}
