// Answers of the venue reads: market data, balances, the venues and their health (api/routes/market-data.ts and
// exchanges.ts, as the connectors build them in exchanges/ccxt-convert.ts and exchanges/metrics.ts).
import { z } from 'zod'

import { TIMEFRAMES } from '../../../domain/types.js'
import { decimal, epochMs, exchangeId, side } from './common.js'

export const ticker = z
  .object({
    exchange: exchangeId,
    symbol: z.string(),
    bid: decimal.optional(),
    ask: decimal.optional(),
    last: decimal.optional(),
    high: decimal.optional(),
    low: decimal.optional(),
    open: decimal.optional(),
    baseVolume: decimal.optional(),
    quoteVolume: decimal.optional(),
    timestamp: epochMs,
  })
  .meta({ description: "The venue's best prices and 24 h figures for one market" })

const bookLevel = z.tuple([decimal, decimal]).meta({ description: '[price, amount]' })

export const orderBook = z
  .object({
    exchange: exchangeId,
    symbol: z.string(),
    bids: z.array(bookLevel).meta({ description: 'Best (highest) first' }),
    asks: z.array(bookLevel).meta({ description: 'Best (lowest) first' }),
    timestamp: epochMs,
  })
  .meta({ description: "The venue's order book, to the depth asked for" })

export const trades = z
  .object({
    exchange: exchangeId,
    symbol: z.string(),
    trades: z.array(
      z.object({ id: z.string(), symbol: z.string(), side, price: decimal, amount: decimal, timestamp: epochMs })
    ),
  })
  .meta({ description: 'Recent public trades, oldest first' })

export const klines = z
  .object({
    exchange: exchangeId,
    symbol: z.string(),
    timeframe: z.enum(TIMEFRAMES),
    klines: z.array(
      z.object({
        timestamp: epochMs.meta({ description: 'Open time' }),
        open: decimal,
        high: decimal,
        low: decimal,
        close: decimal,
        volume: decimal,
      })
    ),
  })
  .meta({ description: 'Candles (OHLCV), oldest first' })

export const balances = z
  .object({
    exchange: exchangeId,
    demo: z.boolean().meta({ description: 'True when the venue is the simulator (demo mode)' }),
    balances: z
      .record(z.string(), z.object({ free: decimal, locked: decimal, total: decimal }))
      .meta({ description: 'Per asset; assets with nothing at all are left out' }),
  })
  .meta({ description: "The account's balances on one venue" })

const exchangeMetrics = z.object({
  exchange: exchangeId,
  windowMs: z.number(),
  calls: z.number().int(),
  latencyP50Ms: z.number().optional(),
  latencyP99Ms: z.number().optional(),
  successRate: z.number(),
  errorRate: z.number(),
  errorsByClass: z.record(z.string(), z.number().int()).meta({ description: 'Error counts by ExchangeError class' }),
  throughputPerSec: z.number(),
})

export const exchangeHealthFields = {
  exchange: exchangeId,
  connected: z.boolean(),
  marketDataLatencyMs: z.number().optional(),
  accountAccess: z.boolean(),
  lastSuccessAt: epochMs.optional(),
  errorRate: z.number().meta({ description: 'Share (0..1) of calls in the metrics window that failed' }),
  status: z.enum(['healthy', 'degraded', 'down']),
  metrics: exchangeMetrics,
}

export const exchangeHealth = z
  .object({ demo: z.boolean(), ...exchangeHealthFields })
  .meta({ description: "One venue's health as the connector sees it: connection, latency, error rate" })

const features = z.object({
  markets: z.array(z.enum(['spot', 'futures-usdm', 'margin'])),
  orderTypes: z.array(z.enum(['market', 'limit'])),
  timeInForce: z.array(z.enum(['GTC', 'IOC', 'FOK', 'GTT'])),
  postOnly: z.boolean(),
  conditionalOrders: z.boolean(),
  fills: z.boolean(),
  fundingRecords: z.boolean(),
  tradeHistory: z.boolean(),
})

const exchangeBase = { id: exchangeId, demo: z.boolean(), features }

export const exchangeList = z
  .object({
    exchanges: z.array(
      z.union([
        z.object({
          ...exchangeBase,
          status: z.enum(['ok', 'maintenance', 'down']),
          statusUpdatedAt: epochMs,
        }),
        z.object({
          ...exchangeBase,
          status: z.literal('unreachable'),
          error: z.object({ code: z.string(), message: z.string() }),
        }),
      ])
    ),
  })
  .meta({ description: 'Each enabled venue: demo flag, status and what its connector supports' })
