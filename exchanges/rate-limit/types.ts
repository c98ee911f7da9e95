// The vocabulary of the rate limiter: budgets ("buckets") after each venue's published model, and what one call
// costs in each of them.
import type { ConnectorOperation } from '../connector.js'
import type { ExchangeId } from '../../domain/types.js'

/**
 * One budget. `window`: at most `limit` units per fixed window aligned to the epoch (Binance: per minute, per 10 s,
 * per day). `decay`: a counter that grows by each call's cost and drains at `perSecond`, never above `capacity`
 * (a token bucket seen from the other side: Coinbase's burst/rate, Kraken's call counter).
 */
export type BucketSpec =
  { kind: 'window'; limit: number; windowMs: number } | { kind: 'decay'; capacity: number; perSecond: number }

/** A call about to be made, as precisely as the caller knows it. */
export interface RateLimitRequest {
  operation: ConnectorOperation
  /** ccxt method about to be called (fetchOrderBook, createOrder, …); weights differ per endpoint. */
  method?: string
  /** Binance keeps separate budgets for spot and USD-M futures. */
  market?: 'spot' | 'futures'
  /** For per-pair budgets (Kraken's trading counter) and symbol-less variants (openOrders without a symbol). */
  symbol?: string
  /** Requested rows (depth, klines), when the weight depends on it. */
  limit?: number
  /** Age of the order being cancelled, ms (Kraken charges more for cancelling young orders). */
  orderAgeMs?: number
}

export interface RateLimitCost {
  bucket: string
  amount: number
  /** Separate counter per scope (e.g. per pair) within the bucket. */
  scope?: string
}

/** A venue's published limits and the cost of each call we make. */
export interface RateLimitModel {
  readonly exchange: ExchangeId
  readonly buckets: Readonly<Record<string, BucketSpec>>
  costs(request: RateLimitRequest): RateLimitCost[]
}
