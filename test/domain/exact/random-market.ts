// fast-check generators of whole markets for the equivalence tests: books of 0 to 1,000 levels a side on a shared
// price grid (so venues tie and cross), sorted as venues send them or shuffled, zero and long sizes among them, each
// venue's fees, health and order-size rules; routing requests and arbitrage options to go with them.
import fc from 'fast-check'

import type { ArbitrageOptions, ArbitrageVenue } from '../../../domain/arbitrage/index.js'
import type { RoutingRequest, VenueMarketRules, VenueSnapshot } from '../../../domain/routing/index.js'
import { EXCHANGE_IDS, type BookLevel, type ExchangeId, type OrderBook, type Side } from '../../../domain/types.js'

export const SYMBOL = 'BTC/USDT'

/** The decimal string of integer `ticks` at `decimals` places, sometimes with trailing zeros as a venue may send. */
function decimalOf(ticks: bigint, decimals: number, padding: number): string {
  const digits = ticks.toString().padStart(decimals + 1, '0')
  if (decimals === 0) return padding > 0 ? `${digits}.${'0'.repeat(padding)}` : digits
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}${'0'.repeat(padding)}`
}

/** A price grid shared by every venue of one market: its tick and a mid, in ticks. */
export interface PriceGrid {
  decimals: number
  midTicks: number
}

export const priceGrid: fc.Arbitrary<PriceGrid> = fc.record({
  decimals: fc.integer({ min: 0, max: 8 }),
  midTicks: fc.integer({ min: 1_000, max: 100_000_000 }),
})

const sizeText: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 1, max: 300_000_000 }).map((units) => decimalOf(BigInt(units), 8, 0)) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 50 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom('0', '0.0', '0.00000000') },
  // More significant digits than decimal.js keeps: sums and products round at 40 digits.
  {
    weight: 1,
    arbitrary: fc.bigInt({ min: BigInt(1), max: BigInt(10) ** BigInt(45) }).map((units) => decimalOf(units, 30, 0)),
  }
)

const depth: fc.Arbitrary<number> = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 8 }) },
  { weight: 4, arbitrary: fc.integer({ min: 9, max: 120 }) },
  { weight: 1, arbitrary: fc.integer({ min: 121, max: 1_000 }) }
)

/** One side of a book: best first from `startTicks` away from the mid, steps of 0 (equal prices) to 5 ticks. */
function bookSide(grid: PriceGrid, direction: 1 | -1): fc.Arbitrary<BookLevel[]> {
  return fc
    .record({ depth, start: fc.integer({ min: 0, max: 8 }) })
    .chain(({ depth: count, start }) =>
      fc.record({
        steps: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: count, maxLength: count }),
        sizes: fc.array(sizeText, { minLength: count, maxLength: count }),
        padding: fc.array(fc.constantFrom(0, 0, 0, 1, 2), { minLength: count, maxLength: count }),
        shuffle: fc.option(fc.array(fc.nat(), { minLength: count, maxLength: count }), { freq: 6 }),
        start: fc.constant(start),
      })
    )
    .map(({ steps, sizes, padding, shuffle, start }) => {
      let ticks = grid.midTicks + direction * start
      const levels: BookLevel[] = []
      steps.forEach((step, index) => {
        ticks += direction * step
        if (ticks < 1) ticks = 1
        levels.push([decimalOf(BigInt(ticks), grid.decimals, padding[index] ?? 0), sizes[index] ?? '1'])
      })
      if (shuffle === null) return levels
      // A book out of order: not what venues send, but the decisions are defined on it all the same.
      return levels
        .map((level, index) => ({ level, key: shuffle[index] ?? 0 }))
        .sort((a, b) => a.key - b.key)
        .map(({ level }) => level)
    })
}

export function orderBook(grid: PriceGrid, exchange: ExchangeId): fc.Arbitrary<OrderBook> {
  return fc
    .record({
      bids: bookSide(grid, -1),
      asks: bookSide(grid, 1),
      symbol: fc.oneof(
        { weight: 15, arbitrary: fc.constant(SYMBOL) },
        { weight: 1, arbitrary: fc.constant('ETH/USDT') }
      ),
    })
    .map(({ bids, asks, symbol }) => ({ exchange, symbol, bids, asks, timestamp: 1_700_000_000_000 }))
}

const feeText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0', '0.001', '0.0025', '0.0024', '0.00075', '0.006', '0.0010'),
  fc.integer({ min: 0, max: 100_000 }).map((units) => decimalOf(BigInt(units), 7, 0))
)

const marketRules: fc.Arbitrary<VenueMarketRules | undefined> = fc.option(
  fc.record(
    {
      amountStep: fc.constantFrom('0.00001', '0.00000001', '0.001', '0.25', '0', '1', '0.1'),
      minAmount: fc.constantFrom('0.00001', '0.0001', '0.01', '0.5', '2'),
      minNotional: fc.constantFrom('5', '1', '0.5', '10', '1000', '50000'),
    },
    { requiredKeys: ['amountStep'] }
  ),
  { nil: undefined, freq: 3 }
)

/** A venue on `grid`; with `sharedTaker`, its fee is the market-wide one, so that venues tie after fees. */
export function venueSnapshot(
  grid: PriceGrid,
  exchange: ExchangeId,
  sharedTaker: string | null = null
): fc.Arbitrary<VenueSnapshot> {
  return fc
    .record(
      {
        book: orderBook(grid, exchange),
        taker: sharedTaker === null ? feeText : fc.constant(sharedTaker),
        latencyMs: fc.integer({ min: 0, max: 600 }),
        health: fc.constantFrom<VenueSnapshot['health']>(
          'healthy',
          'healthy',
          'healthy',
          'degraded',
          'degraded',
          'down'
        ),
        errorRate: fc.constantFrom(0, 0, 0.01, 0.2, 1),
        enabled: fc.constantFrom(true, true, true, true, true, false),
        market: marketRules,
      },
      { requiredKeys: ['book', 'taker'] }
    )
    .map(({ book, taker, market, ...rest }) => {
      const venue: VenueSnapshot = { exchange, book, fees: { maker: '0', taker }, ...rest }
      if (market !== undefined) venue.market = market
      return venue
    })
}

/** One to four venues, a venue sometimes listed twice. */
export const venueIds: fc.Arbitrary<ExchangeId[]> = fc.oneof(
  { weight: 6, arbitrary: fc.shuffledSubarray([...EXCHANGE_IDS], { minLength: 1 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...EXCHANGE_IDS), { minLength: 2, maxLength: 4 }) }
)

const amountText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 200_000_000 }).map((units) => decimalOf(BigInt(units), 8, 0)) },
  {
    weight: 3,
    arbitrary: fc.integer({ min: 200_000_000, max: 1_500_000_000 }).map((units) => decimalOf(BigInt(units), 8, 0)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2_000 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0.0002', '1', '2', '0.5', '1.00000000') }
)

export function routingRequest(grid: PriceGrid): fc.Arbitrary<RoutingRequest> {
  return fc
    .record({
      side: fc.constantFrom<Side>('buy', 'sell'),
      amount: amountText,
      limitOffsetTicks: fc.option(fc.integer({ min: -5, max: 80 }), { freq: 2 }),
      maxSlippageBps: fc.option(fc.constantFrom(0, 1, 10, 50, 12.5, 0.3, 1_000, 10_000), { nil: undefined }),
    })
    .map(({ side, amount, limitOffsetTicks, maxSlippageBps }) => {
      const request: RoutingRequest = { symbol: SYMBOL, side, amount, type: 'market' }
      if (limitOffsetTicks !== null) {
        const ticks = Math.max(1, grid.midTicks + (side === 'buy' ? limitOffsetTicks : -limitOffsetTicks))
        request.type = 'limit'
        request.limitPrice = decimalOf(BigInt(ticks), grid.decimals, 0)
      }
      if (maxSlippageBps !== undefined) request.maxSlippageBps = maxSlippageBps
      return request
    })
}

/** A routing case: a request and its venues on one price grid. */
export const routingCase: fc.Arbitrary<{ request: RoutingRequest; venues: VenueSnapshot[] }> = fc
  .tuple(priceGrid, venueIds, fc.option(feeText, { freq: 2 }))
  .chain(([grid, ids, sharedTaker]) =>
    fc.record({
      request: routingRequest(grid),
      venues: fc.tuple(...ids.map((id) => venueSnapshot(grid, id, sharedTaker))),
    })
  )

/** An arbitrage case: venues whose mids differ by up to 2 %, so that some pairs cross, and scan options. */
export const arbitrageCase: fc.Arbitrary<{ venues: ArbitrageVenue[]; options: ArbitrageOptions }> = fc
  .tuple(priceGrid, venueIds, fc.option(feeText, { freq: 2 }))
  .chain(([grid, ids, sharedTaker]) =>
    fc.record({
      venues: fc.tuple(
        ...ids.map((id) =>
          fc
            .integer({ min: -200, max: 200 })
            .chain((bps) =>
              venueSnapshot(
                { ...grid, midTicks: Math.max(10, Math.round(grid.midTicks * (1 + bps / 10_000))) },
                id,
                sharedTaker
              )
            )
        )
      ),
      options: fc.record(
        {
          minProfitPct: fc.constantFrom(0, 0.05, 0.1, 0.123, -0.5, 1),
          maxAmount: fc.constantFrom('5', '0.5', '0', '100', '0.00012345'),
          amountStep: fc.constantFrom('0.00001', '0.001', '0', '0.25'),
        },
        { requiredKeys: ['minProfitPct'] }
      ),
    })
  )
  .map(({ venues, options }) => ({
    venues: venues.map(({ exchange, book, fees, market }) => {
      const venue: ArbitrageVenue = { exchange, book, fees }
      if (market !== undefined) venue.market = market
      return venue
    }),
    options,
  }))
