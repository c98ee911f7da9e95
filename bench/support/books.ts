// A fixed, realistic BTC/USDT market for the domain benchmarks: three venues with 50 (or 200, or 1,000) levels a
// side, prices a few dollars apart, sizes from 0.05 to 1.55 BTC, each venue's own taker fee and order-size rules.
// Generated from a fixed seed with integer arithmetic, so every run walks exactly the same books; a deeper book
// starts with the same levels as a shallower one.
import { dec, str } from '../../domain/money.js'
import type { ArbitrageVenue } from '../../domain/arbitrage/index.js'
import type { VenueSnapshot } from '../../domain/routing/index.js'
import type { BookLevel, DecimalString, ExchangeId, OrderBook } from '../../domain/types.js'

export const BENCH_SYMBOL = 'BTC/USDT'
const BOOK_TIMESTAMP = 1_764_000_000_000

interface VenueShape {
  exchange: ExchangeId
  /** Mid in cents. */
  midCents: number
  /** Half spread in cents. */
  halfSpreadCents: number
  taker: DecimalString
  maker: DecimalString
  amountStep: DecimalString
  minAmount: DecimalString
  minNotional: DecimalString
  latencyMs: number
}

// Fees and size rules as the simulator's markets (sim/markets.ts). The mids are set so that the prices after each
// venue's taker fee interleave (coinbase's higher fee against its lower mid), as on a real market, so that a
// large order is cheapest split over all three.
const ROUTING_VENUES: VenueShape[] = [
  {
    exchange: 'binance',
    midCents: 6_400_000,
    halfSpreadCents: 1,
    taker: '0.001',
    maker: '0.001',
    amountStep: '0.00001',
    minAmount: '0.00001',
    minNotional: '5',
    latencyMs: 40,
  },
  {
    exchange: 'coinbase',
    midCents: 6_388_000,
    halfSpreadCents: 2,
    taker: '0.0025',
    maker: '0.0015',
    amountStep: '0.00000001',
    minAmount: '0.00001',
    minNotional: '1',
    latencyMs: 60,
  },
  {
    exchange: 'kraken',
    midCents: 6_394_240,
    halfSpreadCents: 10,
    taker: '0.0024',
    maker: '0.0014',
    amountStep: '0.00000001',
    minAmount: '0.0001',
    minNotional: '0.5',
    latencyMs: 90,
  },
]

/** The same venues with kraken 0.6 % below coinbase, enough to pay both taker fees: a crossed market. */
const CROSSED_VENUES: VenueShape[] = ROUTING_VENUES.map((venue) =>
  venue.exchange === 'kraken'
    ? { ...venue, midCents: 6_370_000 }
    : venue.exchange === 'coinbase'
      ? { ...venue, midCents: 6_410_000 }
      : venue
)

/** xorshift32: a tiny deterministic integer generator. */
function integers(seed: number): (below: number) => number {
  let state = seed >>> 0 || 1
  return (below) => {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state % below
  }
}

const cents = (value: number): DecimalString => str(dec(value).div(100))
/** Sizes in units of 0.00001 BTC. */
const size = (units: number): DecimalString => str(dec(units).div(100_000))

function side(shape: VenueShape, direction: 1 | -1, depth: number, seed: number): BookLevel[] {
  const next = integers(seed)
  const levels: BookLevel[] = []
  let price = shape.midCents + direction * shape.halfSpreadCents
  for (let i = 0; i < depth; i++) {
    levels.push([cents(price), size(5_000 + next(150_000))])
    // 50 cents to $4.50 between levels: about $110 from top to bottom, 0.17 % of the price
    price += direction * (50 + next(400))
  }
  return levels
}

// Each side has its own generator, so that the first levels of a side are the same whatever the depth.
function book(shape: VenueShape, depth: number, seed: number): OrderBook {
  return {
    exchange: shape.exchange,
    symbol: BENCH_SYMBOL,
    bids: side(shape, -1, depth, seed),
    asks: side(shape, 1, depth, seed ^ 0xa5a5),
    timestamp: BOOK_TIMESTAMP,
  }
}

function snapshots(shapes: VenueShape[], depth: number): VenueSnapshot[] {
  return shapes.map((shape, index) => ({
    exchange: shape.exchange,
    book: book(shape, depth, 0x5eed + index),
    fees: { maker: shape.maker, taker: shape.taker },
    latencyMs: shape.latencyMs,
    health: 'healthy',
    errorRate: 0,
    market: { amountStep: shape.amountStep, minAmount: shape.minAmount, minNotional: shape.minNotional },
  }))
}

/** Three venues with `depth` levels a side as the router sees them. */
export function routingVenues(depth: number): VenueSnapshot[] {
  return snapshots(ROUTING_VENUES, depth)
}

/** Three venues as the arbitrage scanner sees them, with one profitable pair (buy kraken, sell coinbase). */
export function crossedVenues(depth: number): ArbitrageVenue[] {
  return snapshots(CROSSED_VENUES, depth).map(({ exchange, book, fees }) => ({ exchange, book, fees }))
}

/** Total ask depth of one venue, in BTC. */
export function askDepth(venue: VenueSnapshot): DecimalString {
  return str(venue.book.asks.reduce((total, [, amount]) => total.plus(amount), dec(0)))
}
