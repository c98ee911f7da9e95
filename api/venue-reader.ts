// Reads a person waits for (tickers, books, balances, /health) go straight to the connectors: no workflow, no
// durable history (they change nothing, and a history per read only slowed them and filled the Temporal UI). The
// connectors pace them with the same per-key rate limiter as the worker's calls when they share a process (npm
// start); public reads are cached for a moment and identical reads in flight are shared, so a burst of readers costs
// the venue one call.
import type { ExchangeId } from '../domain/types.js'
import type { ConnectorRegistry } from '../exchanges/registry.js'
import { readVenue, type ExchangeRead } from '../exchanges/venue-read.js'

export interface VenueReader {
  read<T>(exchange: ExchangeId, read: ExchangeRead): Promise<T>
}

/** How long a public read's answer is served again: market data a person reads is this stale at most. */
export const PUBLIC_READ_CACHE_MS = 250

/** Reads of public market data: the same for every caller, so a cached answer is as good as a fresh one. */
const PUBLIC: ReadonlySet<ExchangeRead['operation']> = new Set([
  'ticker',
  'orderbook',
  'trades',
  'klines',
  'markets',
  'status',
])

export function createVenueReader(
  connectors: Pick<ConnectorRegistry, 'get'>,
  { cacheMs = PUBLIC_READ_CACHE_MS, now = Date.now }: { cacheMs?: number; now?: () => number } = {}
): VenueReader {
  const cache = new Map<string, { at: number; value: Promise<unknown> }>()
  return {
    read<T>(exchange: ExchangeId, read: ExchangeRead): Promise<T> {
      const connector = connectors.get(exchange)
      if (!PUBLIC.has(read.operation) || cacheMs <= 0) return readVenue(connector, read) as Promise<T>
      const key = `${exchange} ${JSON.stringify(read)}`
      const hit = cache.get(key)
      if (hit && now() - hit.at < cacheMs) return hit.value as Promise<T>
      const value = readVenue(connector, read)
      cache.set(key, { at: now(), value })
      // A failure is not served again: the next reader asks the venue.
      value.catch(() => {
        if (cache.get(key)?.value === value) cache.delete(key)
      })
      if (cache.size > 1_000) {
        for (const [k, entry] of cache) if (now() - entry.at >= cacheMs) cache.delete(k)
      }
      return value as Promise<T>
    },
  }
}
