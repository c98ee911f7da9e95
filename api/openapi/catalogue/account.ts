// The account at each venue (api/routes/account.ts): positions, leverage, permissions and fees, funding records.
// Reads go straight to the connectors; the leverage change runs as setLeverageWorkflow.
import { z } from 'zod'

import { accountQuery, fillsQuery, fundingQuery } from '../../schemas-account.js'
import type { ResponseSchemaName } from '../components.js'
import type { Example, ResponseDoc, RouteDoc } from '../route-doc.js'
import * as ex from './account-examples.js'
import { exchangeParam, symbolParam } from './params.js'

/** What a read of the account may answer besides its data (api/exchange-read.ts). */
const VENUE_FAILURES: ResponseDoc[] = [
  { status: 404, description: 'Unknown or disabled exchange.', errors: ['unknown_exchange'] },
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

const ok = (schema: ResponseSchemaName, examples: Record<string, Example>): ResponseDoc => ({
  status: 200,
  description: 'The data.',
  schemas: [schema],
  examples,
})

export const ACCOUNT_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/positions/:exchange',
    operationId: 'getPositions',
    summary: "The account's open futures or margin positions on one venue",
    description:
      'binance: USD-M perpetual positions (with the liquidation price); kraken: spot-margin positions (Kraken gives no ' +
      'liquidation price). coinbase trades spot only: it answers 200 with kind none, no positions and a note, so that ' +
      'a desk polling every venue gets an answer from each.',
    tags: ['account'],
    pathParams: z.object(exchangeParam),
    responses: [
      ok('Positions', {
        futures: { summary: 'binance: a USD-M long', value: ex.futuresPositions },
        margin: { summary: 'kraken: a margin long', value: ex.marginPositions },
        none: { summary: 'coinbase: spot only', value: ex.noPositions },
      }),
      ...VENUE_FAILURES,
    ],
  },
  {
    method: 'put',
    path: '/api/leverage/:exchange/:symbol',
    operationId: 'setLeverage',
    summary: "Set the account's leverage on a Binance USD-M perpetual",
    description:
      'Runs setLeverageWorkflow (visible in the Temporal UI, Strategy = "leverage") and answers once the venue has ' +
      'set it. Checked before anything starts: the exchange must be binance (kraken chooses margin leverage on each ' +
      'order, coinbase has none: 400 naming `exchange`), the symbol a USD-M perpetual it lists (a spot market: 400 ' +
      "naming `symbol`), the leverage a whole number from 1 to the market's own maximum (400 naming `leverage`). " +
      'Setting the leverage it already has changes nothing.',
    tags: ['account'],
    pathParams: z.object({
      ...exchangeParam,
      symbol: symbolParam.symbol.meta({
        description: 'A USD-M perpetual written BTC-USDT-USDT (or BTC%2FUSDT%3AUSDT). 400 when malformed or spot',
        examples: ['BTC-USDT-USDT'],
      }),
    }),
    body: {
      schema: 'SetLeverageRequest',
      required: true,
      examples: { five: { summary: '5x', value: { leverage: 5 } } },
    },
    responses: [
      ok('LeverageSet', { set: { summary: 'set at the venue', value: ex.leverageSet } }),
      {
        status: 400,
        description: 'Not a venue with an account leverage, not a perpetual, or a leverage out of range.',
        errors: ['validation_error'],
      },
      {
        status: 404,
        description: 'Unknown or disabled exchange, or no such market on it.',
        errors: ['unknown_exchange', 'unknown_symbol'],
      },
      ...VENUE_FAILURES.slice(1),
    ],
  },
  {
    method: 'get',
    path: '/api/account/:exchange',
    operationId: 'getAccount',
    summary: "The API key's permissions and the account's fees on one venue",
    description:
      "Fees are per market on every venue: the answer gives the account's maker and taker rates on `symbol`. " +
      "coinbase reads the profile's fee tier; binance and kraken give the market's rates as the venue lists them.",
    tags: ['account'],
    pathParams: z.object(exchangeParam),
    query: accountQuery,
    queryNotes: { symbol: 'The market whose fees are reported, BTC-USDT or BTC/USDT; default BTC/USDT' },
    responses: [
      ok('AccountInfo', { binance: { summary: 'binance', value: ex.accountInfo } }),
      {
        status: 404,
        description: 'Unknown or disabled exchange, or no such market on it.',
        errors: ['unknown_exchange', 'unknown_symbol'],
      },
      ...VENUE_FAILURES.slice(1),
    ],
  },
  {
    method: 'get',
    path: '/api/funding/:exchange',
    operationId: 'getFundingRecords',
    summary: 'Deposits and withdrawals (coinbase)',
    description:
      'coinbase only: its transfers, oldest first. binance and kraken answer 400 naming `exchange`: this gateway ' +
      'reads no funding records from them (an empty list would say there were none).',
    tags: ['account'],
    pathParams: z.object(exchangeParam),
    query: fundingQuery,
    queryNotes: { currency: 'Only this currency, e.g. BTC; every currency when absent' },
    responses: [
      ok('FundingRecords', { btc: { summary: 'coinbase, currency=BTC', value: ex.fundingRecords } }),
      {
        status: 400,
        description: 'Not coinbase (`field` is exchange), or a malformed currency.',
        errors: ['validation_error'],
      },
      ...VENUE_FAILURES,
    ],
  },
  {
    method: 'get',
    path: '/api/fills/:exchange',
    operationId: 'getVenueFills',
    summary: "The account's fills as the venue reports them",
    description:
      'Read from the venue (every page it pages), oldest first, with its exact figures. What a venue needs is checked ' +
      'first (400 naming `symbol`): binance reads fills per market (symbol, and orderId within it), coinbase per ' +
      'market or per order (symbol or orderId), kraken takes any combination or none. The ledger of this gateway ' +
      'is another source: these are all the venue holds, whoever placed the orders.',
    tags: ['account'],
    pathParams: z.object(exchangeParam),
    query: fillsQuery,
    queryNotes: {
      symbol: 'Only this market, BTC-USDT or BTC/USDT (a perpetual BTC-USDT-USDT)',
      orderId: "Only this order's fills, by the venue's order id",
      since: 'Only fills at or after this time, ms since the epoch',
    },
    responses: [
      ok('VenueFills', { order: { summary: "one order's fills on binance", value: ex.venueFills } }),
      {
        status: 400,
        description: 'The venue needs more to read fills (`field` is symbol), or a parameter is malformed.',
        errors: ['validation_error'],
      },
      {
        status: 404,
        description: 'Unknown or disabled exchange, or no such market on it.',
        errors: ['unknown_exchange', 'unknown_symbol'],
      },
      ...VENUE_FAILURES.slice(1),
    ],
  },
]
