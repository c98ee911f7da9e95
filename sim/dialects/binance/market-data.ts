// Parameter handling shared by the spot and USD-M market-data endpoints (trades windows, kline ranges).

import type { SimCandle, SimPublicTrade, VenueEngine } from '../../engine/types.js'
import { invalidInterval } from './errors.js'
import { KLINE_INTERVALS } from './format-market.js'
import type { BinanceParams } from './params.js'

/** Clamps Binance's `limit` parameter: default when absent, at most `max`, at least 1. */
export function limitParam(params: BinanceParams, fallback: number, max: number): number {
  const limit = params.integer('limit') ?? fallback
  return Math.min(Math.max(limit, 1), max)
}

/**
 * Public trades ascending by id. With fromId or startTime Binance returns the first `limit` of the range,
 * otherwise the most recent `limit`.
 */
export function tradeWindow(
  engine: VenueEngine,
  symbol: string,
  params: BinanceParams,
  maxLimit: number
): SimPublicTrade[] {
  const limit = limitParam(params, 500, maxLimit)
  const fromId = params.integer('fromId')
  const startTime = params.integer('startTime')
  const endTime = params.integer('endTime')
  const trades = [...engine.trades(symbol)]
    .sort((a, b) => a.id - b.id)
    .filter((t) => (fromId === undefined || t.id >= fromId) &&
      (startTime === undefined || t.time >= startTime) &&
      (endTime === undefined || t.time <= endTime))
  return fromId !== undefined || startTime !== undefined ? trades.slice(0, limit) : trades.slice(-limit)
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
