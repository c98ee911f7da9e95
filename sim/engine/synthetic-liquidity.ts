// Synthetic depth around a mid: the levels the 'liquidity' owner keeps on every unpinned symbol.
import { dec, str } from '../../domain/money.js'
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

// Floats only choose the shape (how many steps, how many ticks); every price and amount is then an exact
// multiple of the market's tick or step.
function levelAmount(rng: Rng, market: SimMarket, price: number, options: Required<LiquidityOptions>): DecimalString {
  const steps = Math.floor(rng.between(...options.levelNotional) / price / Number(market.stepSize))
  const amount = dec(market.stepSize).times(steps)
  return str(amount.lessThan(market.minQty) ? market.minQty : amount)
}

export function syntheticLevels(
  rng: Rng,
  market: SimMarket,
  mid: DecimalString,
  options: Required<LiquidityOptions>
): { bids: Levels; asks: Levels } {
  const tick = dec(market.tickSize)
  const ticksPerBps = Number(mid) / 10_000 / Number(market.tickSize)
  const halfSpreadTicks = Math.max(Math.round((ticksPerBps * rng.between(...options.spreadBps)) / 2), 1)
  const midTicks = dec(mid).div(tick).floor()
  let bid = midTicks.minus(halfSpreadTicks - 1).times(tick)
  let ask = midTicks.plus(halfSpreadTicks).times(tick)
  const bids: Levels = []
  const asks: Levels = []
  for (let level = 0; level < options.levels; level++) {
    if (bid.greaterThan(0)) bids.push([str(bid), levelAmount(rng, market, bid.toNumber(), options)])
    asks.push([str(ask), levelAmount(rng, market, ask.toNumber(), options)])
    const gap = tick.times(Math.max(Math.round(ticksPerBps * rng.between(...options.levelGapBps)), 1))
    bid = bid.minus(gap)
    ask = ask.plus(gap)
  }
  return { bids, asks }
}
