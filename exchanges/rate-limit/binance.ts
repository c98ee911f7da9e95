// Binance's published limits: request weight per minute per IP (spot 6000, USD-M 2400) and unfilled-order counts
// per account (spot 100 / 10 s and 200 000 / day; USD-M 300 / 10 s and 1200 / min), with the weight of each
// endpoint we call (binance-spot-api-docs rest-api.md; Binance FAQ "Rate Limits on Binance Futures").
import type { RateLimitCost, RateLimitModel, RateLimitRequest } from './types.js'

export interface BinanceLimits {
  spotWeightPerMinute: number
  spotOrdersPer10s: number
  spotOrdersPerDay: number
  futuresWeightPerMinute: number
  futuresOrdersPer10s: number
  futuresOrdersPerMinute: number
}

export const BINANCE_LIMITS: BinanceLimits = {
  spotWeightPerMinute: 6000,
  spotOrdersPer10s: 100,
  spotOrdersPerDay: 200_000,
  futuresWeightPerMinute: 2400,
  futuresOrdersPer10s: 300,
  futuresOrdersPerMinute: 1200,
}

const MINUTE = 60_000

/** Spot depth weight by limit (default limit 100). */
function spotDepthWeight(limit = 100): number {
  if (limit <= 100) return 5
  if (limit <= 500) return 25
  if (limit <= 1000) return 50
  return 250
}

/** USD-M depth weight by limit (default limit 500). */
function futuresDepthWeight(limit = 500): number {
  if (limit <= 50) return 2
  if (limit <= 100) return 5
  if (limit <= 500) return 10
  return 20
}

/** USD-M klines weight by limit (default 500). */
function futuresKlinesWeight(limit = 500): number {
  if (limit < 100) return 1
  if (limit < 500) return 2
  if (limit <= 1000) return 5
  return 10
}

const SPOT_WEIGHTS: Record<string, number | ((r: RateLimitRequest) => number)> = {
  loadMarkets: 20,
  fetchTicker: 2,
  fetchOrderBook: (r) => spotDepthWeight(r.limit),
  fetchTrades: 4,
  fetchOHLCV: 2,
  fetchBalance: 20,
  fetchOrder: 4,
  fetchOpenOrders: (r) => (r.symbol === undefined ? 80 : 6),
  fetchMyTrades: 20,
  createOrder: 1,
  cancelOrder: 1,
  fetchStatus: 1,
}

const FUTURES_WEIGHTS: Record<string, number | ((r: RateLimitRequest) => number)> = {
  loadMarkets: 1,
  fetchTicker: 1,
  fetchOrderBook: (r) => futuresDepthWeight(r.limit),
  fetchTrades: 20,
  fetchOHLCV: (r) => futuresKlinesWeight(r.limit),
  fetchBalance: 5,
  fetchOrder: 1,
  fetchOpenOrders: (r) => (r.symbol === undefined ? 40 : 1),
  fetchMyTrades: 5,
  createOrder: 0,
  cancelOrder: 1,
  setLeverage: 1,
  fetchLeverageTiers: 1,
  fetchPositions: 6, // positionRisk 5 + leverageBracket 1 (ccxt caches the brackets after the first call)
}

/** A call of an unlisted method is charged like the heaviest ordinary read of its class. */
const FALLBACK_WEIGHT: Record<RateLimitRequest['operation'], string> = {
  marketData: 'fetchOrderBook',
  account: 'fetchBalance',
  placeOrder: 'createOrder',
  cancelOrder: 'cancelOrder',
  queryOrder: 'fetchOrder',
  status: 'fetchStatus',
}

function weightOf(table: typeof SPOT_WEIGHTS, request: RateLimitRequest): number {
  const entry = table[request.method ?? FALLBACK_WEIGHT[request.operation]] ?? table[FALLBACK_WEIGHT[request.operation]]
  if (entry === undefined) return 1
  return typeof entry === 'function' ? entry(request) : entry
}

export function binanceRateModel(overrides: Partial<BinanceLimits> = {}): RateLimitModel {
  const limits = { ...BINANCE_LIMITS, ...overrides }
  return {
    exchange: 'binance',
    buckets: {
      spotWeight: { kind: 'window', limit: limits.spotWeightPerMinute, windowMs: MINUTE },
      spotOrders10s: { kind: 'window', limit: limits.spotOrdersPer10s, windowMs: 10_000 },
      spotOrdersDay: { kind: 'window', limit: limits.spotOrdersPerDay, windowMs: 24 * 60 * MINUTE },
      futuresWeight: { kind: 'window', limit: limits.futuresWeightPerMinute, windowMs: MINUTE },
      futuresOrders10s: { kind: 'window', limit: limits.futuresOrdersPer10s, windowMs: 10_000 },
      futuresOrdersMinute: { kind: 'window', limit: limits.futuresOrdersPerMinute, windowMs: MINUTE },
    },
    costs(request) {
      const placing =
        request.method === 'createOrder' || (request.method === undefined && request.operation === 'placeOrder')
      // exchangeInfo is loaded for both spot and USD-M at once
      if (request.method === 'loadMarkets') {
        return [
          { bucket: 'spotWeight', amount: weightOf(SPOT_WEIGHTS, request) },
          { bucket: 'futuresWeight', amount: weightOf(FUTURES_WEIGHTS, request) },
        ]
      }
      if (request.market === 'futures') {
        const costs: RateLimitCost[] = [{ bucket: 'futuresWeight', amount: weightOf(FUTURES_WEIGHTS, request) }]
        if (placing) costs.push({ bucket: 'futuresOrders10s', amount: 1 }, { bucket: 'futuresOrdersMinute', amount: 1 })
        return costs
      }
      const costs: RateLimitCost[] = [{ bucket: 'spotWeight', amount: weightOf(SPOT_WEIGHTS, request) }]
      if (placing) costs.push({ bucket: 'spotOrders10s', amount: 1 }, { bucket: 'spotOrdersDay', amount: 1 })
      return costs
    },
  }
}
