// How mids move on tick(): a component shared by every venue (same market seed, keyed by base asset, so all
// venues and all quotes of BTC move together) plus a venue-local mean-reverting component with rare jumps.
// The jumps are what make cross-venue divergence exceed ~0.5 % now and then, for routing and arbitrage.
import { dec, roundToStep } from '../../domain/money.js'
import type { DecimalString } from '../../domain/types.js'
import { createRng, hashSeed, type Rng } from './rng.js'
import type { SimMarket } from './types.js'

export interface MidWalkOptions {
  /** Per-tick standard deviation of the shared log-return. */
  commonVolatility?: number
  /** Per-tick standard deviation of the venue-local log-deviation. */
  localVolatility?: number
  /** Probability per tick of a venue-local jump. */
  jumpChance?: number
  /** Jump size range, as a log-deviation. */
  jumpSize?: [number, number]
}

const DEFAULTS: Required<MidWalkOptions> = {
  commonVolatility: 0.0004,
  localVolatility: 0.0003,
  jumpChance: 0.01,
  jumpSize: [0.004, 0.009],
}
// Pulls keep a long-running demo near its starting prices and let venue dislocations decay.
const COMMON_REVERSION = 0.0005
const LOCAL_REVERSION = 0.05

interface SymbolWalk {
  market: SimMarket
  anchor: DecimalString
  common: number
  local: number
  commonRng: Rng
  mid: DecimalString
}

export interface MidWalk {
  mid(symbol: string): DecimalString
  step(symbol: string): void
}

export function createMidWalk(options: {
  markets: SimMarket[]
  initialMids: Record<string, DecimalString>
  marketSeed: number
  localRng: Rng
  walk?: MidWalkOptions
}): MidWalk {
  const settings = { ...DEFAULTS, ...options.walk }
  const walks = new Map<string, SymbolWalk>()
  for (const market of options.markets) {
    const anchor = options.initialMids[market.symbol]
    if (anchor === undefined) throw new Error(`no initial mid for ${market.symbol}`)
    walks.set(market.symbol, {
      market,
      anchor,
      common: 0,
      local: 0,
      commonRng: createRng(hashSeed(options.marketSeed, 'common', market.base)),
      mid: roundToStep(anchor, market.tickSize),
    })
  }
  const walkOf = (symbol: string): SymbolWalk => {
    const walk = walks.get(symbol)
    if (!walk) throw new Error(`no mid walk for ${symbol}`)
    return walk
  }
  const rng = options.localRng

  return {
    mid: (symbol) => walkOf(symbol).mid,
    step(symbol) {
      const walk = walkOf(symbol)
      walk.common = walk.common * (1 - COMMON_REVERSION) + settings.commonVolatility * walk.commonRng.normal()
      walk.local = walk.local * (1 - LOCAL_REVERSION) + settings.localVolatility * rng.normal()
      if (rng.chance(settings.jumpChance)) {
        walk.local += (rng.chance(0.5) ? 1 : -1) * rng.between(...settings.jumpSize)
      }
      const factor = Math.exp(walk.common + walk.local).toFixed(10)
      walk.mid = roundToStep(dec(walk.anchor).times(factor), walk.market.tickSize)
    },
  }
}
