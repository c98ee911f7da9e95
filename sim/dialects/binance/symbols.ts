// Binance market ids (BTCUSDT) and the engine's unified symbols: spot markets live under /api/v3, USD-M
// perpetuals under /fapi; the same id names a different market in each family.

import type { SimMarket, VenueEngine } from '../../engine/types.js'
import { invalidSymbol } from './errors.js'

export type ApiFamily = 'spot' | 'futures'

export const marketId = (market: Pick<SimMarket, 'base' | 'quote'>): string => market.base + market.quote

export function familyMarkets(engine: VenueEngine, family: ApiFamily): SimMarket[] {
  const kind = family === 'spot' ? 'spot' : 'perp'
  return engine.markets().filter((m) => m.kind === kind)
}

/** The market a Binance id names in this family, or -1121 Invalid symbol. */
export function resolveMarket(engine: VenueEngine, family: ApiFamily, id: string): SimMarket {
  const market = familyMarkets(engine, family).find((m) => marketId(m) === id)
  if (market === undefined) throw invalidSymbol()
  return market
}
