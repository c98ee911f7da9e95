// Binance's list windows, shared by public trades, orders and account trades: rows ascending by id within an
// id and time range; a request that says where the range starts gets the first `limit` rows, otherwise the
// latest `limit`.

import type { BinanceParams } from './params.js'

/** Clamps Binance's `limit` parameter: default when absent, at most `max`, at least 1. */
export function limitParam(params: BinanceParams, fallback: number, max: number): number {
  const limit = params.integer('limit') ?? fallback
  return Math.min(Math.max(limit, 1), max)
}

export interface IdTimeRange {
  fromId: number | undefined
  startTime: number | undefined
  endTime: number | undefined
}

/** The range a request asks for; `fromIdName` is what the endpoint calls its first id (fromId, orderId). */
export function idTimeRange(params: BinanceParams, fromIdName: 'fromId' | 'orderId'): IdTimeRange {
  const fromId = params.integer(fromIdName)
  const startTime = params.integer('startTime')
  const endTime = params.integer('endTime')
  return { fromId, startTime, endTime }
}

/** Whether the range names where it starts, so the window takes its first rows rather than its latest. */
export const namesStart = (range: IdTimeRange): boolean => range.fromId !== undefined || range.startTime !== undefined

export function listWindow<T extends { id: number }>(
  rows: readonly T[],
  timeOf: (row: T) => number,
  range: IdTimeRange,
  limit: number,
  fromStart: boolean = namesStart(range)
): T[] {
  const { fromId, startTime, endTime } = range
  const inRange = [...rows]
    .sort((a, b) => a.id - b.id)
    .filter(
      (row) =>
        (fromId === undefined || row.id >= fromId) &&
        (startTime === undefined || timeOf(row) >= startTime) &&
        (endTime === undefined || timeOf(row) <= endTime)
    )
  return fromStart ? inRange.slice(0, limit) : inRange.slice(-limit)
}
