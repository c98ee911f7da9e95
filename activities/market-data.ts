// Market data activities. Reads are idempotent, so the marketData policy retries them freely.
import type { VenueSnapshot } from '../domain/routing/index.js'
import type { ExchangeId } from '../domain/types.js'
import { readVenue, type ExchangeRead } from '../exchanges/venue-read.js'
import type { ActivityDeps } from './deps.js'
import { asActivity } from './failures.js'

export type { ExchangeRead } from '../exchanges/venue-read.js'

export function createMarketDataActivities({ connectors }: ActivityDeps) {
  return {
    async fetchVenueSnapshot(input: { exchange: ExchangeId; symbol: string; depth: number }): Promise<VenueSnapshot> {
      const connector = connectors.get(input.exchange)
      return asActivity(async () => {
        // Fees from the account's tier (getTradingFees), not the market's published defaults: that is what the
        // venue will actually charge this account.
        const [book, market, fees, health] = await Promise.all([
          connector.getOrderBook(input.symbol, input.depth),
          connector.getMarket(input.symbol),
          connector.getTradingFees(input.symbol),
          connector.getExchangeHealth(),
        ])
        return {
          exchange: input.exchange,
          book,
          fees,
          latencyMs: health.marketDataLatencyMs,
          health: health.status,
          errorRate: health.errorRate,
          enabled: market.active,
          market: { amountStep: market.amountStep, minAmount: market.minAmount, minNotional: market.minNotional },
        }
      })
    },

    /** One read on one venue, for the REST API's market-data and account endpoints. */
    async readExchange(input: { exchange: ExchangeId } & ExchangeRead): Promise<unknown> {
      const connector = connectors.get(input.exchange)
      return asActivity(() => readVenue(connector, input))
    },
  }
}
