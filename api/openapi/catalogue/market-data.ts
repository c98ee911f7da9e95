// The venues and their public market data and balances (api/routes/exchanges.ts, market-data.ts). Read straight from
// the connectors: no workflow.
import { z } from 'zod'

import { klinesQuery, orderbookQuery, tradesQuery } from '../../schemas.js'
import type { ResponseDoc, RouteDoc } from '../route-doc.js'
import type { ResponseSchemaName } from '../components.js'
import * as ex from './examples.js'
import { exchangeParam, exchangeSymbolParams } from './params.js'

/** What a read on one venue may answer besides its data (api/exchange-read.ts). */
function venueRead(schema: ResponseSchemaName, example: unknown, symbol: boolean): ResponseDoc[] {
  return [
    {
      status: 200,
      description: 'The data.',
      schemas: [schema],
      examples: { data: { summary: 'as read', value: example } },
    },
    ...(symbol
      ? [{ status: 400, description: 'The symbol is malformed.', errors: ['validation_error' as const] }]
      : []),
    {
      status: 404,
      description: symbol ? 'Unknown or disabled exchange, or no such market on it.' : 'Unknown or disabled exchange.',
      errors: symbol ? ['unknown_exchange', 'unknown_symbol'] : ['unknown_exchange'],
    },
    { status: 422, description: 'The venue refused the read.', errors: ['venue_rejected'] },
    {
      status: 502,
      description: 'The venue refused our credentials, or failed otherwise.',
      errors: ['venue_auth_failed', 'venue_error'],
    },
    {
      status: 503,
      description: 'The venue is down, in maintenance or throttling: try later.',
      errors: ['venue_unavailable'],
    },
  ]
}

export const MARKET_DATA_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/exchanges',
    operationId: 'listExchanges',
    summary: 'The enabled venues',
    description:
      "Each venue's demo flag, status and connector features. A venue that cannot answer is listed as unreachable.",
    tags: ['exchanges'],
    responses: [
      {
        status: 200,
        description: 'The venues.',
        schemas: ['ExchangeList'],
        examples: { list: { summary: 'one up, one unreachable', value: ex.exchangeList } },
      },
    ],
  },
  {
    method: 'get',
    path: '/api/exchanges/:exchange/health',
    operationId: 'getExchangeHealth',
    summary: "One venue's health",
    tags: ['exchanges'],
    pathParams: z.object(exchangeParam),
    responses: venueRead('ExchangeHealth', ex.exchangeHealth, false),
  },
  {
    method: 'get',
    path: '/api/balances/:exchange',
    operationId: 'getBalances',
    summary: "The account's balances on one venue",
    tags: ['exchanges'],
    pathParams: z.object(exchangeParam),
    responses: venueRead('Balances', ex.balances, false),
  },
  {
    method: 'get',
    path: '/api/ticker/:exchange/:symbol',
    operationId: 'getTicker',
    summary: 'Ticker',
    tags: ['market data'],
    pathParams: exchangeSymbolParams,
    responses: venueRead('Ticker', ex.ticker, true),
  },
  {
    method: 'get',
    path: '/api/orderbook/:exchange/:symbol',
    operationId: 'getOrderBook',
    summary: 'Order book',
    tags: ['market data'],
    pathParams: exchangeSymbolParams,
    query: orderbookQuery,
    queryNotes: { depth: 'Levels per side, 1 to 500; default 20' },
    responses: venueRead('OrderBook', ex.orderBook, true),
  },
  {
    method: 'get',
    path: '/api/trades/:exchange/:symbol',
    operationId: 'getTrades',
    summary: 'Recent public trades',
    tags: ['market data'],
    pathParams: exchangeSymbolParams,
    query: tradesQuery,
    queryNotes: { limit: 'At most this many, 1 to 1000; the venue default when absent' },
    responses: venueRead('Trades', ex.trades, true),
  },
  {
    method: 'get',
    path: '/api/klines/:exchange/:symbol',
    operationId: 'getKlines',
    summary: 'Candles (OHLCV)',
    tags: ['market data'],
    pathParams: exchangeSymbolParams,
    query: klinesQuery,
    queryNotes: {
      timeframe: 'Candle length; default 1h (a venue may not offer every one: 422)',
      since: 'First candle at or after this time, ms since the epoch',
      limit: 'At most this many candles, 1 to 1000',
    },
    responses: venueRead('Klines', ex.klines, true),
  },
]
