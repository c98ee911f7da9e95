// One read on one venue, by name: what the REST API's market-data and account routes ask for. Both the API's
// direct reader (api/venue-reader.ts) and the readExchange activity dispatch through here, so they answer alike.
import type { Timeframe } from '../domain/types.js'
import type { AnyConnector, FillQuery } from './connector.js'
import { InvalidOrderError } from './errors.js'

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
  | { operation: 'tradingFees'; symbol: string }
  | { operation: 'futuresPositions' }
  | { operation: 'marginPositions' }
  | { operation: 'fundingRecords'; currency?: string }
  | { operation: 'maxLeverage'; symbol: string }
  | ({ operation: 'fills' } & FillQuery)

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
    case 'tradingFees':
      return connector.getTradingFees(read.symbol)
    case 'futuresPositions':
      if (connector.id !== 'binance') throw notOffered(connector, 'USD-M futures positions')
      return connector.getFuturesPositions()
    case 'marginPositions':
      if (connector.id !== 'kraken') throw notOffered(connector, 'margin positions')
      return connector.getMarginPositions()
    case 'fundingRecords':
      if (connector.id !== 'coinbase') throw notOffered(connector, 'funding records')
      return connector.getFundingRecords(read.currency === undefined ? {} : { currency: read.currency })
    case 'fills':
      return connector.getFills({ symbol: read.symbol, orderId: read.orderId, since: read.since })
    case 'maxLeverage':
      if (connector.id !== 'binance') throw notOffered(connector, 'account leverage setting')
      return connector.getMaxLeverage(read.symbol)
  }
}

/** A venue extra asked of another venue: the callers check first, so this is a refusal of a bug, never sent. */
function notOffered(connector: AnyConnector, what: string): InvalidOrderError {
  return new InvalidOrderError(`${connector.id} offers no ${what}`, { exchange: connector.id, operation: 'read' })
}
