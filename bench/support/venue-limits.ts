// Venue rate limits for the benchmarks: the published ones scaled up on both sides, the simulator's enforcement
// and the connectors' own limiter. At the published limits a single Binance account may place 100 orders per 10 s
// (the connector paces to 90), so an order benchmark would time the pacing instead of the gateway. The limiter
// still runs on every call with the venue's model and weights; its budgets are just out of reach.
import type { ExchangeId } from '../../domain/types.js'
import type { ConnectorDeps } from '../../exchanges/ccxt-connector.js'
import { BINANCE_LIMITS, binanceRateModel } from '../../exchanges/rate-limit/binance.js'
import { COINBASE_LIMITS, coinbaseRateModel } from '../../exchanges/rate-limit/coinbase.js'
import { KRAKEN_LIMITS, krakenRateModel } from '../../exchanges/rate-limit/kraken.js'
import type { DialectFactory } from '../../sim/dialect.js'
import { binanceDialect, PUBLISHED_BINANCE_LIMITS } from '../../sim/dialects/binance/index.js'
import { coinbaseDialect, PUBLISHED_RATE_LIMITS } from '../../sim/dialects/coinbase/index.js'
import { krakenDialect } from '../../sim/dialects/kraken/index.js'
import { KRAKEN_TIERS } from '../../sim/dialects/kraken/rate-limits.js'

export const LIMIT_SCALE = 1000

function scaled<T extends object>(limits: T, keep: readonly string[] = []): T {
  return Object.fromEntries(
    Object.entries(limits).map(([key, value]) => [
      key,
      typeof value === 'number' && !keep.includes(key) ? value * LIMIT_SCALE : value,
    ])
  ) as T
}

/** Simulator dialects that enforce LIMIT_SCALE × the published limits. */
export function benchDialects(): Record<ExchangeId, DialectFactory> {
  const starter = KRAKEN_TIERS.starter
  return {
    // ban durations and the 418 threshold are not budgets: left as published
    binance: binanceDialect({
      limits: scaled(PUBLISHED_BINANCE_LIMITS, ['requestsIgnoringRetryAfter', 'firstBanMs', 'maxBanMs']),
    }),
    coinbase: coinbaseDialect({
      rateLimits: {
        public: scaled(PUBLISHED_RATE_LIMITS.public),
        private: scaled(PUBLISHED_RATE_LIMITS.private),
        fills: scaled(PUBLISHED_RATE_LIMITS.fills),
      },
    }),
    kraken: krakenDialect({
      rateLimits: { callCounter: scaled(starter.callCounter), tradingCounter: scaled(starter.tradingCounter) },
    }),
  }
}

/** Connector collaborators whose limiter paces to LIMIT_SCALE × the published limits. */
export function benchConnectorDeps(): Record<ExchangeId, ConnectorDeps> {
  return {
    binance: { rateLimitModel: binanceRateModel(scaled(BINANCE_LIMITS)) },
    coinbase: { rateLimitModel: coinbaseRateModel(scaled(COINBASE_LIMITS)) },
    kraken: { rateLimitModel: krakenRateModel(scaled(KRAKEN_LIMITS)) },
  }
}
