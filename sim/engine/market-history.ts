// Public market data over time: the trade tape (real fills plus synthetic prints), candles and 24 h stats.
// Candles before the engine started come from the seeded price path; after it, from the tape.
import type { Decimal } from 'decimal.js'

import { dec, str } from '../../domain/money.js'
import type { DecimalString, Side } from '../../domain/types.js'
import type { PricePath } from './price-path.js'
import type { SimCandle, SimPublicTrade } from './types.js'

const TAPE_LIMIT = 20_000
const DAY = 24 * 60 * 60_000
const TICKER_BUCKET = 15 * 60_000
export const CANDLE_LIMIT_MAX = 1000

export interface DayStats {
  open: DecimalString
  high: DecimalString
  low: DecimalString
  volume: DecimalString
  quoteVolume: DecimalString
  count: number
}

export interface MarketHistory {
  record(price: DecimalString, amount: DecimalString, side: Side, time: number): SimPublicTrade
  /** Most recent trades, oldest first. */
  trades(limit?: number): SimPublicTrade[]
  last(): SimPublicTrade | undefined
  candles(intervalMs: number, now: number, since?: number, limit?: number): SimCandle[]
  dayStats(now: number): DayStats
}

/** Index of the first trade at or after `time` (the tape is in time order). */
function firstAtOrAfter(tape: SimPublicTrade[], time: number): number {
  let low = 0
  let high = tape.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (tape[middle]!.time < time) low = middle + 1
    else high = middle
  }
  return low
}

function foldTrades(candle: SimCandle | undefined, openTime: number, trades: SimPublicTrade[]): SimCandle | undefined {
  let result = candle
  for (const trade of trades) {
    if (!result) {
      result = [openTime, trade.price, trade.price, trade.price, trade.price, trade.amount]
      continue
    }
    const [, open, high, low, , volume] = result
    result = [
      openTime,
      open,
      dec(trade.price).greaterThan(high) ? trade.price : high,
      dec(trade.price).lessThan(low) ? trade.price : low,
      trade.price,
      str(dec(volume).plus(trade.amount)),
    ]
  }
  return result
}

export function createMarketHistory(options: {
  symbol: string
  path: PricePath
  startTime: number
  nextTradeId: () => number
}): MarketHistory {
  const { symbol, path, startTime } = options
  const tape: SimPublicTrade[] = []

  const candles = (intervalMs: number, now: number, since?: number, limit = 500): SimCandle[] => {
    const count = Math.min(Math.max(Math.floor(limit), 1), CANDLE_LIMIT_MAX)
    const lastOpen = Math.floor(now / intervalMs) * intervalMs
    const firstOpen =
      since === undefined ? lastOpen - (count - 1) * intervalMs : Math.ceil(since / intervalMs) * intervalMs
    const result: SimCandle[] = []
    // Trades printed before the start illustrate the synthetic path; candles take that part from the path itself.
    let index = firstAtOrAfter(tape, Math.max(firstOpen, startTime))
    const before = tape[index - 1]
    let carry = before && before.time >= startTime ? before.price : path.price(Math.min(firstOpen, startTime))
    for (let open = firstOpen; open <= lastOpen && result.length < count; open += intervalMs) {
      const end = open + intervalMs
      let candle = open < startTime ? path.candle(open, Math.min(end, startTime), intervalMs) : undefined
      const from = index
      while (index < tape.length && tape[index]!.time < end) index++
      candle = foldTrades(candle, open, tape.slice(from, index)) ?? [open, carry, carry, carry, carry, '0']
      carry = candle[4]
      result.push(candle)
    }
    return result
  }

  return {
    record(price, amount, side, time) {
      const trade: SimPublicTrade = { id: options.nextTradeId(), symbol, price, amount, side, time }
      tape.push(trade)
      if (tape.length > TAPE_LIMIT) tape.splice(0, tape.length - TAPE_LIMIT)
      return { ...trade }
    },
    trades: (limit = 500) => tape.slice(-Math.max(1, limit)).map((trade) => ({ ...trade })),
    last: () => tape.at(-1),
    candles,
    dayStats(now) {
      const since = now - DAY
      const buckets = candles(TICKER_BUCKET, now, since, CANDLE_LIMIT_MAX)
      let high: Decimal | undefined
      let low: Decimal | undefined
      let volume = dec(0)
      let quoteVolume = dec(0)
      for (const [, , bucketHigh, bucketLow, close, bucketVolume] of buckets) {
        if (!high || dec(bucketHigh).greaterThan(high)) high = dec(bucketHigh)
        if (!low || dec(bucketLow).lessThan(low)) low = dec(bucketLow)
        volume = volume.plus(bucketVolume)
        quoteVolume = quoteVolume.plus(dec(bucketVolume).times(close))
      }
      const open = buckets[0]?.[1] ?? path.price(since)
      return {
        open,
        high: str(high ?? open),
        low: str(low ?? open),
        volume: str(volume),
        quoteVolume: str(quoteVolume),
        count: tape.length - firstAtOrAfter(tape, since),
      }
    },
  }
}
