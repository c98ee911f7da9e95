// Small builders for books and venue snapshots, so each test states only the figures it is about.
import type { VenueSnapshot } from '../../domain/routing/index.js'
import type { BookLevel, ExchangeId, OrderBook } from '../../domain/types.js'

export function book(
  exchange: ExchangeId,
  sides: { bids?: BookLevel[]; asks?: BookLevel[] },
  symbol = 'BTC/USDT'
): OrderBook {
  return { exchange, symbol, bids: sides.bids ?? [], asks: sides.asks ?? [], timestamp: 1_700_000_000_000 }
}

export function venue(
  exchange: ExchangeId,
  sides: { bids?: BookLevel[]; asks?: BookLevel[] },
  taker: string,
  extra: Partial<Omit<VenueSnapshot, 'exchange' | 'book' | 'fees'>> = {}
): VenueSnapshot {
  return { exchange, book: book(exchange, sides), fees: { maker: '0', taker }, ...extra }
}
