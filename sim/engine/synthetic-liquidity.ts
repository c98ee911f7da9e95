// Synthetic depth around a mid: the levels the 'liquidity' owner keeps on every unpinned symbol.
import { ceilToStep, cmp, dec, floorToStep, max, roundToStep, str } from '../../domain/money.js'
import type { DecimalString } from '../../domain/types.js'
import type { Rng } from './rng.js'
import type { SimMarket } from './types.js'

export interface LiquidityOptions {
  /** Levels per side. */
  levels?: number
  /** Spread between best bid and best ask, in basis points of the mid: [min, max). */
  spreadBps?: [number, number]
  /** Gap between consecutive levels, in basis points of the mid: [min, max). */
  levelGapBps?: [number, number]
  /** Quote value of one level: [min, max). */
  levelNotional?: [number, number]
}

export const DEFAULT_LIQUIDITY: Required<LiquidityOptions> = {
  levels: 20,
  spreadBps: [1, 4],
  levelGapBps: [0.5, 2.5],
  levelNotional: [3_000, 60_000],
}

export type Levels = [DecimalString, DecimalString][]

// Floats only pick the shape (a score); every price and amount is then snapped to the market's grid exactly.
const bpsOf = (mid: DecimalString, bps: number): DecimalString => str(dec(mid).times(bps.toFixed(6)).div(10_000))

function levelAmount(rng: Rng, market: SimMarket, price: DecimalString, options: Required<LiquidityOptions>) {
  const notional = rng.between(...options.levelNotional).toFixed(2)
  const amount = floorToStep(dec(notional).div(price), market.stepSize)
  return max(amount, market.minQty)
}

export function syntheticLevels(
  rng: Rng,
  market: SimMarket,
  mid: DecimalString,
  options: Required<LiquidityOptions>
): { bids: Levels; asks: Levels } {
  const halfSpread = bpsOf(mid, rng.between(...options.spreadBps) / 2)
  let bid = floorToStep(dec(mid).minus(halfSpread), market.tickSize)
  let ask = ceilToStep(dec(mid).plus(halfSpread), market.tickSize)
  if (cmp(ask, bid) <= 0) ask = str(dec(bid).plus(market.tickSize))
  const bids: Levels = []
  const asks: Levels = []
  for (let level = 0; level < options.levels; level++) {
    if (cmp(bid, 0) > 0) bids.push([bid, levelAmount(rng, market, bid, options)])
    asks.push([ask, levelAmount(rng, market, ask, options)])
    const gap = max(roundToStep(bpsOf(mid, rng.between(...options.levelGapBps)), market.tickSize), market.tickSize)
    bid = str(dec(bid).minus(gap))
    ask = str(dec(ask).plus(gap))
  }
  return { bids, asks }
}
