// One read on one venue, by name: what the REST API's market-data and account routes ask for. Both the API's
// direct reader (api/venue-reader.ts) and the readExchange activity dispatch through here, so they answer alike.
import type { Timeframe } from '../domain/types.js'
import type { AnyConnector } from './connector.js'

export type ExchangeRead =
  | { operation: 'ticker'; symbol: string }
  | { operation: 'orderbook'; symbol: string; depth?: number }
  | { operation: 'trades'; symbol: string; limit?: number }
  | { operation: 'klines'; symbol: string; timeframe: Timeframe; since?: number; limit?: number }
  | { operation: 'balances' }
  | { operation: 'account' }
  | { operation: 'health' }
  | { operation: 'status' }
  | { operation: 'markets' }
  | { operation: 'openOrders'; symbol?: string }

export async function readVenue(connector: AnyConnector, read: ExchangeRead): Promise<unknown> {
  switch (read.operation) {
    case 'ticker':
      return connector.getTicker(read.symbol)
    case 'orderbook':
      return connector.getOrderBook(read.symbol, read.depth)
    case 'trades':
      return connector.getRecentTrades(read.symbol, read.limit)
    case 'klines':
      return connector.getKlines(read.symbol, read.timeframe, read.since, read.limit)
    case 'balances':
      return connector.getBalances()
    case 'account':
      return connector.getAccountInfo()
    case 'health':
      return { ...(await connector.getExchangeHealth()), metrics: connector.getMetrics() }
    case 'status':
      return connector.getStatus()
    case 'markets':
      return connector.getMarkets()
    case 'openOrders':
      return connector.getOpenOrders(read.symbol)
  }
}
