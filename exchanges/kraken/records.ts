// Kraken's margin positions and trade history rows -> our types. Amounts are read from the raw strings Kraken
// sent (ccxt's `info`), so nothing passes through a float.
import type { Position as CcxtPosition, Trade as CcxtTrade } from 'ccxt'

import { div, isPositive, str } from '../../domain/money.js'
import type { Fill } from '../../domain/types.js'
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

/** One TradesHistory row. */
export function toKrakenFill(trade: CcxtTrade, now: number): Fill {
  const info = (trade.info ?? {}) as Info
  const fill: Fill = {
    id: String(trade.id ?? ''),
    orderId: String(trade.order ?? ''),
    symbol: trade.symbol ?? '',
    side: trade.side === 'sell' ? 'sell' : 'buy',
    price: str(text(info, 'price') ?? decimal(trade.price) ?? '0'),
    amount: str(text(info, 'vol') ?? decimal(trade.amount) ?? '0'),
    timestamp: trade.timestamp ?? now,
  }
  const feeCost = text(info, 'fee') ?? decimal(trade.fee?.cost)
  if (feeCost !== undefined && trade.fee?.currency) fill.fee = { cost: str(feeCost), currency: trade.fee.currency }
  if (trade.takerOrMaker === 'maker' || trade.takerOrMaker === 'taker') fill.takerOrMaker = trade.takerOrMaker
  return fill
}
