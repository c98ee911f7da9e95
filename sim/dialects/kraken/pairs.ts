// Kraken pair naming over the engine's markets: id (XXBTZUSD), altname (XBTUSD), wsname (XBT/USD).
import type { SimMarket } from '../../engine/types.js'
import { type KrakenAsset, krakenAsset } from './assets.js'
import { decimalsOf } from './format.js'

export interface KrakenPair {
  /** Result key of AssetPairs and the name ccxt sends as `pair`. */
  id: string
  altname: string
  wsname: string
  base: KrakenAsset
  quote: KrakenAsset
  lotDecimals: number
  pairDecimals: number
  /** Scale of costs and fees in the quote asset. */
  costDecimals: number
  market: SimMarket
}

export interface PairIndex {
  all(): KrakenPair[]
  /** By id, altname or wsname, as Kraken accepts any of them. */
  resolve(name: string): KrakenPair | undefined
  bySymbol(symbol: string): KrakenPair | undefined
}

export function toKrakenPair(market: SimMarket): KrakenPair {
  const base = krakenAsset(market.base)
  const quote = krakenAsset(market.quote)
  const altname = base.short + quote.short
  return {
    id: base.legacy && quote.legacy ? base.id + quote.id : altname,
    altname,
    wsname: `${base.short}/${quote.short}`,
    base,
    quote,
    lotDecimals: decimalsOf(market.stepSize),
    pairDecimals: decimalsOf(market.tickSize),
    costDecimals: quote.decimals + 1,
    market,
  }
}

/** Kraken lists spot pairs only; perpetuals belong to Kraken Futures, a different venue. */
export function createPairIndex(markets: () => SimMarket[]): PairIndex {
  const spotPairs = (): KrakenPair[] =>
    markets()
      .filter((m) => m.kind === 'spot')
      .map(toKrakenPair)
  return {
    all: spotPairs,
    resolve: (name) => spotPairs().find((p) => p.id === name || p.altname === name || p.wsname === name),
    bySymbol: (symbol) => spotPairs().find((p) => p.market.symbol === symbol),
  }
}
