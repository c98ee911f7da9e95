// Parameter handling shared by the spot and USD-M market-data endpoints (trades windows, kline ranges).

import type { SimCandle, SimPublicTrade, VenueEngine } from '../../engine/types.js'
import { invalidInterval } from './errors.js'
import { KLINE_INTERVALS } from './format-market.js'
import { idTimeRange, limitParam, listWindow } from './list-window.js'
import type { BinanceParams } from './params.js'

/** Public trades ascending by id, in Binance's list window (fromId or startTime: the first `limit`). */
export function tradeWindow(
  engine: VenueEngine,
  symbol: string,
  params: BinanceParams,
  maxLimit: number
): SimPublicTrade[] {
  const limit = limitParam(params, 500, maxLimit)
  return listWindow(engine.trades(symbol), (t) => t.time, idTimeRange(params, 'fromId'), limit)
}

export function klineWindow(
  engine: VenueEngine,
  symbol: string,
  params: BinanceParams,
  maxLimit: number
): { candles: SimCandle[]; intervalMs: number } {
  const intervalMs = KLINE_INTERVALS[params.requiredString('interval')]
  if (intervalMs === undefined) throw invalidInterval()
  const limit = limitParam(params, 500, maxLimit)
  const endTime = params.integer('endTime')
  let since = params.integer('startTime')
  if (since === undefined && endTime !== undefined) {
    since = Math.floor(endTime / intervalMs) * intervalMs - (limit - 1) * intervalMs
  }
  const candles = engine
    .candles(symbol, intervalMs, since, limit)
    .filter(([openTime]) => endTime === undefined || openTime <= endTime)
  return { candles, intervalMs }
}
