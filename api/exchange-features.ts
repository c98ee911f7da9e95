// What each connector supports, as GET /api/exchanges reports it. Static: it describes the connectors in
// exchanges/ (loading every venue's market list to derive it would cost a heavy read per request).
import type { ExchangeId } from '../domain/types.js'

export interface ExchangeFeatures {
  markets: ('spot' | 'futures-usdm' | 'margin')[]
  orderTypes: ('market' | 'limit')[]
  timeInForce: ('GTC' | 'IOC' | 'FOK' | 'GTT')[]
  postOnly: boolean
  conditionalOrders: boolean
  fills: boolean
  fundingRecords: boolean
  tradeHistory: boolean
}

export const EXCHANGE_FEATURES: Record<ExchangeId, ExchangeFeatures> = {
  binance: {
    markets: ['spot', 'futures-usdm'],
    orderTypes: ['market', 'limit'],
    timeInForce: ['GTC', 'IOC', 'FOK'],
    postOnly: true,
    conditionalOrders: false,
    fills: false,
    fundingRecords: false,
    tradeHistory: false,
  },
  coinbase: {
    markets: ['spot'],
    orderTypes: ['market', 'limit'],
    timeInForce: ['GTC', 'GTT', 'IOC', 'FOK'],
    postOnly: true,
    conditionalOrders: false,
    fills: true,
    fundingRecords: true,
    tradeHistory: false,
  },
  kraken: {
    markets: ['spot', 'margin'],
    orderTypes: ['market', 'limit'],
    timeInForce: ['GTC', 'IOC'],
    postOnly: true,
    conditionalOrders: true,
    fills: false,
    fundingRecords: false,
    tradeHistory: true,
  },
}
