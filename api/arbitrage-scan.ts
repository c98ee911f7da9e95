// One arbitrage scan for the API: every venue's book (exchangeReadWorkflow 'orderbook') and fees (the cached
// market list) in parallel, then domain/arbitrage in this process. A venue that cannot be used is reported with
// its reason; the scan goes on with the others.
import { findOpportunities, type ArbitrageOpportunity, type ArbitrageVenue } from '../domain/arbitrage/index.js'
import { max } from '../domain/money.js'
import type { DecimalString, ExchangeId, OrderBook } from '../domain/types.js'
import type { AppDeps } from './deps.js'
import { ApiError } from './errors.js'
import { runRead } from './exchange-read.js'
import type { MarketsCache } from './markets-cache.js'

/** Book levels read per venue: as deep as the arbitrage workflow's own re-check reads. */
export const SCAN_DEPTH = 20

export interface ScanRequest {
  symbol: string
  exchanges: readonly ExchangeId[]
  minProfitPct: number
  maxAmount?: DecimalString
}

export type VenueState = 'ok' | { code: string; message: string }

export interface ScanResult {
  symbol: string
  minProfitPct: number
  maxAmount?: DecimalString
  scannedAt: number
  opportunities: ArbitrageOpportunity[]
  venues: Partial<Record<ExchangeId, VenueState>>
}

type VenueRead =
  { exchange: ExchangeId; venue: ArbitrageVenue; amountStep: DecimalString } | { exchange: ExchangeId; error: ApiError }

export async function scanOpportunities(
  deps: Pick<AppDeps, 'runner'>,
  markets: MarketsCache,
  request: ScanRequest,
  now: () => number = Date.now
): Promise<ScanResult> {
  const reads = await Promise.all(
    request.exchanges.map((exchange) => readVenue(deps, markets, exchange, request.symbol))
  )
  const usable = reads.flatMap((r) => ('venue' in r ? [r] : []))
  if (usable.length === 0 && reads.every((r) => 'error' in r && r.error.code === 'unknown_symbol')) {
    throw new ApiError(404, 'unknown_symbol', `no exchange lists ${request.symbol}`, { symbol: request.symbol })
  }
  // One step for every pair: the coarsest, so the amount suits every venue (steps are powers of ten).
  const amountStep = usable.length > 0 ? usable.map((r) => r.amountStep).reduce((a, b) => max(a, b)) : undefined
  const opportunities = findOpportunities(
    request.symbol,
    usable.map((r) => r.venue),
    { minProfitPct: request.minProfitPct, maxAmount: request.maxAmount, amountStep }
  )
  const venues = Object.fromEntries(
    reads.map((r) => [r.exchange, 'venue' in r ? 'ok' : { code: r.error.code, message: r.error.message }])
  )
  return {
    symbol: request.symbol,
    minProfitPct: request.minProfitPct,
    ...(request.maxAmount ? { maxAmount: request.maxAmount } : {}),
    scannedAt: now(),
    opportunities,
    venues,
  }
}

async function readVenue(
  deps: Pick<AppDeps, 'runner'>,
  markets: MarketsCache,
  exchange: ExchangeId,
  symbol: string
): Promise<VenueRead> {
  try {
    const [book, list] = await Promise.all([
      runRead<OrderBook>(deps, exchange, { operation: 'orderbook', symbol, depth: SCAN_DEPTH }),
      markets.get(exchange),
    ])
    const market = list.get(symbol)
    if (!market) {
      return { exchange, error: new ApiError(404, 'unknown_symbol', `${exchange} has no market ${symbol}`) }
    }
    if (!market.active) {
      return { exchange, error: new ApiError(503, 'market_inactive', `${symbol} is not trading on ${exchange}`) }
    }
    return {
      exchange,
      // The venue's rules go with its book, so a size either venue would refuse is never listed.
      venue: {
        exchange,
        book,
        fees: { maker: market.makerFee, taker: market.takerFee },
        market: { amountStep: market.amountStep, minAmount: market.minAmount, minNotional: market.minNotional },
      },
      amountStep: market.amountStep,
    }
  } catch (error) {
    if (error instanceof ApiError) return { exchange, error }
    throw error
  }
}
