// The seeded price history before the engine started: a smooth sum of sines per base asset (so venues agree
// on the shape), ending exactly at the venue's initial mid. Deterministic in (seed, base, time).
import { dec, floorToStep, roundToStep } from '../../domain/money.js'
import type { DecimalString } from '../../domain/types.js'
import { createRng, hashSeed } from './rng.js'
import type { SimCandle, SimMarket } from './types.js'

const MINUTE = 60_000
const WAVES: [periodMs: number, amplitude: number][] = [
  [7 * MINUTE, 0.0008],
  [60 * MINUTE, 0.002],
  [6 * 60 * MINUTE, 0.005],
  [36 * 60 * MINUTE, 0.012],
  [9 * 24 * 60 * MINUTE, 0.03],
]
/** Quote value traded per minute in synthetic history, before the per-candle random factor. */
const QUOTE_VOLUME_PER_MINUTE = 200_000

export interface PricePath {
  price(time: number): DecimalString
  /** A candle for [openTime, endTime) entirely before the start. */
  candle(openTime: number, endTime: number, intervalMs: number): SimCandle
}

export function createPricePath(options: {
  market: SimMarket
  initialMid: DecimalString
  seed: number
  startTime: number
}): PricePath {
  const { market, initialMid, startTime } = options
  const phaseRng = createRng(hashSeed(options.seed, 'path', market.base))
  const phases = WAVES.map(() => phaseRng.next() * 2 * Math.PI)
  const shape = (time: number): number =>
    WAVES.reduce(
      (total, [period, amplitude], i) => total + amplitude * Math.sin((2 * Math.PI * time) / period + phases[i]!),
      0
    )
  const endShape = shape(startTime)
  const price = (time: number): DecimalString =>
    roundToStep(dec(initialMid).times(Math.exp(shape(time) - endShape).toFixed(10)), market.tickSize)

  return {
    price,
    candle(openTime, endTime, intervalMs) {
      const rng = createRng(hashSeed(options.seed, market.symbol, intervalMs, openTime))
      const samples = [0.2, 0.4, 0.6, 0.8].map((f) => dec(price(openTime + f * (endTime - openTime))))
      const open = price(openTime)
      const close = price(endTime)
      const wick = 0.0001 + rng.next() * 0.0004
      const ends = [dec(open), dec(close)]
      const highest = [...ends, ...samples].reduce((a, b) => (b.greaterThan(a) ? b : a))
      const lowest = [...ends, ...samples].reduce((a, b) => (b.lessThan(a) ? b : a))
      const minutes = (endTime - openTime) / MINUTE
      const quote = dec(QUOTE_VOLUME_PER_MINUTE)
        .times((0.3 + rng.next() * 1.4).toFixed(6))
        .times(minutes)
      return [
        openTime,
        open,
        roundToStep(highest.times((1 + wick).toFixed(6)), market.tickSize),
        roundToStep(lowest.times((1 - wick).toFixed(6)), market.tickSize),
        close,
        floorToStep(quote.div(initialMid), market.stepSize),
      ]
    },
  }
}
