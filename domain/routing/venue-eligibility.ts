// Which venues may take part in routing at all, and which of their book levels an order may take.
import { acceptedLevels, isAtOrBetterPrice, positiveLevels, takerLevels, type LevelStream } from '../book-levels.js'
import { parseExact } from '../exact/index.js'
import type { RoutingRequest, VenueSnapshot } from './types.js'
import { byExchange } from './venue-order.js'

/** A venue in exchange order with the reason it cannot serve the request, or the levels the request may take. */
export type ScreenedVenue = { venue: VenueSnapshot; rejection: string } | { venue: VenueSnapshot; levels: LevelStream }

/** Every venue in exchange order, each with the reason it cannot serve the request or the levels it may take. */
export function screenVenues(request: RoutingRequest, venues: readonly VenueSnapshot[]): ScreenedVenue[] {
  const seen = new Set<string>()
  return byExchange(venues).map((venue) => {
    const screened: ScreenedVenue = seen.has(venue.exchange)
      ? { venue, rejection: 'listed twice; the first snapshot is used' }
      : screenVenue(request, venue)
    seen.add(venue.exchange)
    return screened
  })
}

// The levels are parsed only as far as the checks (and later the decision) read them: the first level with a
// positive size, and for a limit order the first one at or better than the limit.
function screenVenue(request: RoutingRequest, venue: VenueSnapshot): ScreenedVenue {
  if (venue.enabled === false) return { venue, rejection: 'disabled' }
  if (venue.health === 'down') return { venue, rejection: 'down' }
  if (venue.book.symbol !== request.symbol) {
    return { venue, rejection: `book is for ${venue.book.symbol}, not ${request.symbol}` }
  }
  const side = request.side === 'buy' ? 'asks' : 'bids'
  const positive = positiveLevels(takerLevels(venue.book, request.side))
  if (positive.at(0) === undefined) return { venue, rejection: `no ${side}` }
  const levels = usableLevels(request, positive)
  if (levels.at(0) === undefined) {
    return { venue, rejection: `no ${side} at or better than the limit ${request.limitPrice ?? ''}`.trimEnd() }
  }
  return { venue, levels }
}

/** The levels `request` may take of `positive`: all of them, or for a limit order those at or better than its limit. */
function usableLevels(request: RoutingRequest, positive: LevelStream): LevelStream {
  if (request.type !== 'limit' || request.limitPrice === undefined) return positive
  const limit = parseExact(request.limitPrice)
  return acceptedLevels(positive, (price) => isAtOrBetterPrice(price, limit, request.side))
}
