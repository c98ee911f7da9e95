// Each venue's market list (fees, steps), kept in the API process for a few minutes: the arbitrage scan needs
// every venue's taker fee for one symbol, and the list is a heavy read that changes rarely.
import type { ExchangeId, MarketInfo } from '../domain/types.js'

export const MARKETS_TTL_MS = 5 * 60_000

export interface MarketsCache {
  /** The venue's markets by symbol; a failed load is not kept, so the next call tries again. */
  get(exchange: ExchangeId): Promise<Map<string, MarketInfo>>
}

export function createMarketsCache(
  load: (exchange: ExchangeId) => Promise<MarketInfo[]>,
  { ttlMs = MARKETS_TTL_MS, now = Date.now }: { ttlMs?: number; now?: () => number } = {}
): MarketsCache {
  const entries = new Map<ExchangeId, { loadedAt: number; markets: Promise<Map<string, MarketInfo>> }>()
  return {
    get(exchange) {
      const entry = entries.get(exchange)
      if (entry && now() - entry.loadedAt < ttlMs) return entry.markets
      // Concurrent callers share one load.
      const markets = load(exchange).then((list) => new Map(list.map((m) => [m.symbol, m])))
      entries.set(exchange, { loadedAt: now(), markets })
      markets.catch(() => {
        if (entries.get(exchange)?.markets === markets) entries.delete(exchange)
      })
      return markets
    },
  }
}
