// The mutable state one venue engine's parts share. Created once by createVenueEngine; everything else in
// sim/engine takes it as a parameter, so each concern (execution, liquidity, queries) can live in its own file.
import { cmp, dec, str } from '../../domain/money.js'
import type { DecimalString, ExchangeId } from '../../domain/types.js'
import type { Accounts } from './accounts.js'
import type { OrderBook } from './book.js'
import type { MarketHistory } from './market-history.js'
import type { MidWalk } from './mid-walk.js'
import type { OrderStore } from './order-store.js'
import type { Positions } from './positions.js'
import type { Rng } from './rng.js'
import type { LiquidityOptions } from './synthetic-liquidity.js'
import { SimError, type SimFill, type SimMarket } from './types.js'

export interface EngineState {
  venue: ExchangeId
  now: () => number
  rng: Rng
  markets: Map<string, SimMarket>
  books: Map<string, OrderBook>
  histories: Map<string, MarketHistory>
  accounts: Accounts
  positions: Positions
  orders: OrderStore
  walk: MidWalk
  /** Symbols held by setBook: no drift, no replenishment, no synthetic trades. */
  pinned: Set<string>
  /** owner + symbol → leverage setting. */
  leverages: Map<string, number>
  fillsByOwner: Map<string, SimFill[]>
  liquidity: Required<LiquidityOptions>
  ids: { order: number; fill: number; trade: number }
}

export function marketOf(state: EngineState, symbol: string): SimMarket {
  const market = state.markets.get(symbol)
  if (!market) throw new SimError('UNKNOWN_SYMBOL', `Unknown symbol ${symbol}`)
  return market
}

export function bookOf(state: EngineState, symbol: string): OrderBook {
  const book = state.books.get(symbol)
  if (!book) throw new SimError('UNKNOWN_SYMBOL', `Unknown symbol ${symbol}`)
  return book
}

export function historyOf(state: EngineState, symbol: string): MarketHistory {
  const history = state.histories.get(symbol)
  if (!history) throw new SimError('UNKNOWN_SYMBOL', `Unknown symbol ${symbol}`)
  return history
}

/** A pinned book's mid comes from its levels; otherwise from the drifting walk. */
export function midOf(state: EngineState, symbol: string): DecimalString {
  marketOf(state, symbol)
  if (!state.pinned.has(symbol)) return state.walk.mid(symbol)
  const book = bookOf(state, symbol)
  const bid = book.bids.levels[0]?.price
  const ask = book.asks.levels[0]?.price
  if (bid && ask) return str(bid.plus(ask).div(2))
  const oneSide = bid ?? ask
  return oneSide ? str(oneSide) : state.walk.mid(symbol)
}

export const DEFAULT_PERP_LEVERAGE = 20
export const leverageKey = (owner: string, symbol: string): string => `${owner}\u0000${symbol}`

export function leverageOf(state: EngineState, owner: string, symbol: string): number {
  const market = marketOf(state, symbol)
  return state.leverages.get(leverageKey(owner, symbol)) ?? (market.kind === 'perp' ? DEFAULT_PERP_LEVERAGE : 1)
}

export function checkDecimal(name: string, value: DecimalString, { positive = false } = {}): void {
  if (typeof value !== 'string' || !/^-?(\d+\.?\d*|\.\d+)$/.test(value) || (positive && cmp(value, 0) <= 0)) {
    throw new SimError('INVALID_ORDER', `${name} must be a ${positive ? 'positive ' : ''}decimal string`)
  }
  dec(value)
}
