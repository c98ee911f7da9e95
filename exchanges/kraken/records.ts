// Kraken's margin positions -> our type (trade history rows: fill-reads.ts). Amounts are read from the raw strings
// Kraken sent (ccxt's `info`), so nothing passes through a float.
import type { Position as CcxtPosition } from 'ccxt'

import { div, isPositive, str } from '../../domain/money.js'
import { decimal } from '../ccxt-convert.js'
import type { MarginPosition } from '../connector.js'

type Info = Record<string, unknown>

const text = (info: Info, key: string): string | undefined => {
  const value = info[key]
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
}

/** One consolidated OpenPositions row (consolidation=market, docalcs=true). */
export function toMarginPosition(position: CcxtPosition): MarginPosition {
  const info = (position.info ?? {}) as Info
  const amount = str(text(info, 'vol') ?? decimal(position.contracts) ?? '0')
  const cost = text(info, 'cost') ?? '0'
  const net = text(info, 'net')
  const side = position.side === 'short' ? 'short' : 'long'
  const symbol = position.symbol ?? ''
  const result: MarginPosition = {
    id: `${symbol}:${side}`,
    symbol,
    side,
    amount,
    // Kraken reports the position's cost, not its entry price
    entryPrice: isPositive(amount) ? div(cost, amount) : '0',
    leverage: Number(text(info, 'leverage') ?? position.leverage ?? 1),
  }
  return net === undefined ? result : { ...result, unrealizedPnl: str(net.replace(/^\+/, '')) }
}
