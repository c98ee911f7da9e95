// Net positions (one-way mode) for USD-M perpetuals and Kraken spot margin, keyed by owner and symbol.
import type { Decimal } from 'decimal.js'

import { dec, roundToStep, str } from '../../domain/money.js'
import type { DecimalString, Side } from '../../domain/types.js'
import type { SimPosition } from './types.js'

/** Maintenance margin rate used for the approximate liquidation price. */
const MAINTENANCE_MARGIN_RATE = '0.005'

interface PositionState {
  symbol: string
  side: 'long' | 'short'
  amount: Decimal
  entryPrice: Decimal
  leverage: number
  /** Quote posted; it stays in the owner's locked balance while the position is open. */
  margin: Decimal
}

export interface PositionChange {
  /** Margin the fill added to the position (to be reserved from the order's lock). */
  openedMargin: Decimal
  /** Margin freed by closing (locked → free). */
  releasedMargin: Decimal
  realizedPnl: Decimal
}

export interface Positions {
  /** Signed size: positive long, negative short, zero when flat. */
  netAmount(owner: string, symbol: string): Decimal
  list(owner: string): PositionState[]
  apply(owner: string, symbol: string, side: Side, amount: Decimal, price: Decimal, leverage: number): PositionChange
}

export function createPositions(): Positions {
  const byOwner = new Map<string, Map<string, PositionState>>()
  const ownerPositions = (owner: string): Map<string, PositionState> => {
    let positions = byOwner.get(owner)
    if (!positions) byOwner.set(owner, (positions = new Map()))
    return positions
  }

  return {
    netAmount(owner, symbol) {
      const position = byOwner.get(owner)?.get(symbol)
      if (!position) return dec(0)
      return position.side === 'long' ? position.amount : position.amount.negated()
    },
    list: (owner) => [...(byOwner.get(owner)?.values() ?? [])],
    apply(owner, symbol, side, amount, price, leverage) {
      const positions = ownerPositions(owner)
      const direction = side === 'buy' ? 'long' : 'short'
      const change: PositionChange = { openedMargin: dec(0), releasedMargin: dec(0), realizedPnl: dec(0) }
      let rest = amount
      const current = positions.get(symbol)
      if (current && current.side !== direction) {
        const closed = rest.lessThan(current.amount) ? rest : current.amount
        const perUnit = current.side === 'long' ? price.minus(current.entryPrice) : current.entryPrice.minus(price)
        change.realizedPnl = perUnit.times(closed)
        change.releasedMargin = current.margin.times(closed).div(current.amount)
        current.amount = current.amount.minus(closed)
        current.margin = current.margin.minus(change.releasedMargin)
        if (current.amount.isZero()) positions.delete(symbol)
        rest = rest.minus(closed)
      }
      if (rest.isZero()) return change
      change.openedMargin = rest.times(price).div(leverage)
      const open = positions.get(symbol)
      if (open) {
        const total = open.amount.plus(rest)
        open.entryPrice = open.entryPrice.times(open.amount).plus(price.times(rest)).div(total)
        open.amount = total
        open.margin = open.margin.plus(change.openedMargin)
      } else {
        positions.set(symbol, {
          symbol,
          side: direction,
          amount: rest,
          entryPrice: price,
          leverage,
          margin: change.openedMargin,
        })
      }
      return change
    },
  }
}

/** The reported view of a position, marked at `markPrice`. */
export function describePosition(
  position: PositionState,
  markPrice: DecimalString,
  tickSize: DecimalString
): SimPosition {
  const mark = dec(markPrice)
  const perUnit = position.side === 'long' ? mark.minus(position.entryPrice) : position.entryPrice.minus(mark)
  const buffer = dec(1).div(position.leverage).minus(MAINTENANCE_MARGIN_RATE)
  const factor = position.side === 'long' ? dec(1).minus(buffer) : dec(1).plus(buffer)
  const liquidation = position.entryPrice.times(factor)
  return {
    symbol: position.symbol,
    side: position.side,
    amount: str(position.amount),
    entryPrice: roundToStep(position.entryPrice, tickSize),
    leverage: position.leverage,
    margin: str(position.margin.toDecimalPlaces(8)),
    unrealizedPnl: str(perUnit.times(position.amount).toDecimalPlaces(8)),
    markPrice: str(mark),
    liquidationPrice: roundToStep(liquidation.greaterThan(0) ? liquidation : dec(0), tickSize),
  }
}
