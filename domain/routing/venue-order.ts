// One fixed venue order for every tie, so that equal inputs always give the same ranking and plans.
import { EXCHANGE_IDS } from '../types.js'
import type { ExchangeId } from '../types.js'

/** Orders exchange ids as EXCHANGE_IDS lists them (binance, coinbase, kraken); unknown ids last, by name. */
export function compareExchangeIds(a: ExchangeId, b: ExchangeId): number {
  const ia = EXCHANGE_IDS.indexOf(a)
  const ib = EXCHANGE_IDS.indexOf(b)
  if (ia !== ib) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib)
  return a < b ? -1 : a > b ? 1 : 0
}

/** A copy of `items` sorted by exchange id; items of the same exchange keep their input order. */
export function byExchange<T extends { exchange: ExchangeId }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((x, y) => compareExchangeIds(x.item.exchange, y.item.exchange) || x.index - y.index)
    .map(({ item }) => item)
}
