// Reference copy of domain/routing/venue-eligibility.ts as it was at 991155f, on decimal.js: the equivalence tests compare the exact
// scaled-integer implementation with it. Test-only; not imported by production code.
// Which venues may take part in routing at all, and which of their book levels an order may take.
import { levelsAtOrBetter, takerLevels } from '../book.js'
import { isPositive } from '../money.js'
import type { BookLevel } from '../../../../domain/types.js'
import type { RoutingRequest, VenueSnapshot } from '../../../../domain/routing/types.js'
import { byExchange } from '../../../../domain/routing/venue-order.js'

/** Every venue in exchange order with the reason it cannot serve the request, if any. */
export function screenVenues(
  request: RoutingRequest,
  venues: readonly VenueSnapshot[]
): { venue: VenueSnapshot; rejection?: string }[] {
  const seen = new Set<string>()
  return byExchange(venues).map((venue) => {
    const rejection = seen.has(venue.exchange)
      ? 'listed twice; the first snapshot is used'
      : venueRejection(request, venue)
    seen.add(venue.exchange)
    return rejection === undefined ? { venue } : { venue, rejection }
  })
}

/** Why `venue` cannot serve `request` at all, or undefined when it can. */
export function venueRejection(request: RoutingRequest, venue: VenueSnapshot): string | undefined {
  if (venue.enabled === false) return 'disabled'
  if (venue.health === 'down') return 'down'
  if (venue.book.symbol !== request.symbol) return `book is for ${venue.book.symbol}, not ${request.symbol}`
  const side = request.side === 'buy' ? 'asks' : 'bids'
  if (!takerLevels(venue.book, request.side).some(([, size]) => isPositive(size))) return `no ${side}`
  if (usableLevels(request, venue).length === 0) {
    return `no ${side} at or better than the limit ${request.limitPrice ?? ''}`.trimEnd()
  }
  return undefined
}

/** The levels `request` may take on `venue`: its taker side, cut at the limit price for a limit order. */
export function usableLevels(request: RoutingRequest, venue: VenueSnapshot): BookLevel[] {
  const levels = takerLevels(venue.book, request.side).filter(([, size]) => isPositive(size))
  if (request.type === 'limit' && request.limitPrice !== undefined) {
    return levelsAtOrBetter(levels, request.side, request.limitPrice)
  }
  return levels
}
