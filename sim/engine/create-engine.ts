// createVenueEngine: assembles one venue's books, accounts, positions, liquidity and history over an injected
// clock and seed. Same seed + same calls = same results.
import { dec, floorToStep, max } from '../../domain/money.js'
import type { DecimalString, ExchangeId } from '../../domain/types.js'
import { createAccounts } from './accounts.js'
import { createOrderBook } from './book.js'
import type { EngineState } from './engine-state.js'
import { createMarketHistory } from './market-history.js'
import { createMidWalk, type MidWalkOptions } from './mid-walk.js'
import { createOrderStore } from './order-store.js'
import { createPositions } from './positions.js'
import { createPricePath } from './price-path.js'
import { createRng, hashSeed } from './rng.js'
import { DEFAULT_LIQUIDITY, type LiquidityOptions } from './synthetic-liquidity.js'
import { replenish } from './liquidity.js'
import type { SimMarket, VenueEngine } from './types.js'
import { createVenueApi } from './venue-api.js'

export interface VenueEngineOptions {
  venue: ExchangeId
  markets: SimMarket[]
  seed: number
  now: () => number
  /** Starting mid per symbol; differs a little per venue so that routing and arbitrage have work to do. */
  initialMids: Record<string, DecimalString>
  liquidity?: LiquidityOptions & {
    /** Shared by all venues of one simulator so that their mids move together (default: seed). */
    marketSeed?: number
    walk?: MidWalkOptions
  }
}

/** Public trades printed into the tape before the start, one every HISTORY_SPACING_MS. */
const HISTORY_PRINTS = 40
const HISTORY_SPACING_MS = 30_000

export function createVenueEngine(options: VenueEngineOptions): VenueEngine {
  const { venue, now } = options
  const marketSeed = options.liquidity?.marketSeed ?? options.seed
  const rng = createRng(hashSeed(options.seed, venue))
  const startTime = now()
  const ids = { order: 0, fill: 0, trade: 0 }
  const state: EngineState = {
    venue,
    now,
    rng,
    markets: new Map(options.markets.map((market) => [market.symbol, market])),
    books: new Map(options.markets.map((market) => [market.symbol, createOrderBook()])),
    histories: new Map(),
    accounts: createAccounts(),
    positions: createPositions(),
    orders: createOrderStore(),
    walk: createMidWalk({
      markets: options.markets,
      initialMids: options.initialMids,
      marketSeed,
      localRng: rng,
      walk: options.liquidity?.walk,
    }),
    pinned: new Set(),
    leverages: new Map(),
    fillsByOwner: new Map(),
    liquidity: { ...DEFAULT_LIQUIDITY, ...options.liquidity },
    ids,
  }
  for (const market of options.markets) {
    const initialMid = options.initialMids[market.symbol]!
    const path = createPricePath({ market, initialMid, seed: marketSeed, startTime })
    const nextTradeId = (): number => ++ids.trade
    const history = createMarketHistory({ symbol: market.symbol, path, startTime, nextTradeId })
    state.histories.set(market.symbol, history)
    for (let i = HISTORY_PRINTS; i >= 1; i--) {
      const time = startTime - i * HISTORY_SPACING_MS
      const price = path.price(time)
      const notional = (state.liquidity.levelNotional[0] * rng.between(0.05, 1)).toFixed(2)
      const amount = max(floorToStep(dec(notional).div(price), market.stepSize), market.minQty)
      history.record(price, amount, rng.chance(0.5) ? 'buy' : 'sell', time)
    }
    replenish(state, market.symbol)
  }
  return createVenueApi(state)
}
