// Binance prints decimals padded to a fixed number of places: 8 on spot, the market's precision on USD-M.

import { dec, str } from '../../../domain/money.js'

export const SPOT_DECIMALS = 8

/** "0.01" → 2, "1" → 0: the number of places a step implies. */
export function placesOf(step: string): number {
  const canonical = str(step)
  const point = canonical.indexOf('.')
  return point < 0 ? 0 : canonical.length - point - 1
}

export const fixed = (value: string | number, places: number): string => dec(value).toFixed(places)

export const spot = (value: string | number): string => fixed(value, SPOT_DECIMALS)
