// The account at each venue. Mounted at /api.
//   GET /api/positions/:exchange         open positions: Binance USD-M perpetuals, Kraken margin; Coinbase has none
//                                        (an empty list and a note: a desk polling every venue gets an answer)
//   PUT /api/leverage/:exchange/:symbol  { leverage } on a Binance USD-M perpetual, through setLeverageWorkflow
//   GET /api/account/:exchange           permissions, and the account's maker and taker fees on ?symbol= (BTC/USDT)
//   GET /api/funding/:exchange           Coinbase deposits and withdrawals (?currency=); elsewhere a 400 naming exchange
//   GET /api/fills/:exchange             the venue's fills (?symbol=&orderId=&since=), oldest first; what the venue
//                                        needs to read them (binance: symbol; coinbase: symbol or orderId) is checked
//                                        first. GET /api/fills (the ledger's) is another route.
// Reads go straight to the connectors (api/exchange-read.ts). The leverage change is a workflow: it changes the
// account, so it is recorded and shown in the Temporal UI like every other change.
import { randomUUID } from 'node:crypto'

import { Hono } from 'hono'

import type { AccountInfo, ExchangeId, Fill, FuturesPosition, TradingFees } from '../../domain/types.js'
import type { FillQuery, FundingRecord, MarginPosition } from '../../exchanges/connector.js'
import type { AppDeps } from '../deps.js'
import { displayed } from '../display-markets.js'
import { badRequest } from '../errors.js'
import { enabledExchange, runRead } from '../exchange-read.js'
import { checkLeverage, setLeverage } from '../leverage.js'
import { futuresPositionView, marginPositionView, type PositionView } from '../position-view.js'
import { accountQuery, fillsQuery, fundingQuery, setLeverageBody } from '../schemas-account.js'
import { parseSymbol } from '../symbols.js'
import { jsonBody, parseWith } from '../validation.js'

const NO_POSITIONS_NOTE =
  'coinbase (Coinbase Exchange) trades spot only: it holds no futures or margin positions; see GET /api/balances/coinbase'

/** Why a venue has no account leverage to set (a 400 naming exchange). */
const NO_LEVERAGE_SETTING: Record<Exclude<ExchangeId, 'binance'>, string> = {
  kraken:
    'exchange: kraken has no account leverage setting: margin leverage is chosen on each margin order (2 to the ' +
    "pair's maximum); leverage is set here for binance USD-M perpetuals only",
  coinbase: 'exchange: coinbase trades spot only (no futures or margin); leverage is set for binance USD-M perpetuals',
}

/** What a venue needs to read fills, as a 400 naming symbol; undefined when the query will do. */
function fillsQueryProblem(exchange: ExchangeId, query: FillQuery): string | undefined {
  if (exchange === 'binance' && query.symbol === undefined) {
    return 'symbol: binance reads fills per market: give symbol (an orderId is looked up within its market)'
  }
  if (exchange === 'coinbase' && query.symbol === undefined && query.orderId === undefined) {
    return 'symbol: coinbase reads fills per market or per order: give symbol or orderId'
  }
  return undefined
}

const NO_FUNDING_RECORDS =
  'funding records (deposits and withdrawals) are read from coinbase only; this gateway reads none from'

export function accountRoutes(deps: AppDeps) {
  const app = new Hono()
  const demoOf = (exchange: ExchangeId) => deps.demoMode[exchange] ?? false

  app.get('/positions/:exchange', async (c) => {
    const exchange = enabledExchange(deps, c.req.param('exchange'))
    const demo = demoOf(exchange)
    if (exchange === 'coinbase') {
      return c.json({ exchange, demo, kind: 'none', positions: [], note: NO_POSITIONS_NOTE })
    }
    const kind = exchange === 'binance' ? 'futures' : 'margin'
    return c.json(await displayed(deps, { exchange, demo, kind, positions: await readPositions(deps, exchange) }))
  })

  app.put('/leverage/:exchange/:symbol', async (c) => {
    const exchange = enabledExchange(deps, c.req.param('exchange'))
    const symbol = parseSymbol(c.req.param('symbol'))
    if (exchange !== 'binance') throw badRequest(NO_LEVERAGE_SETTING[exchange], 'exchange')
    const { leverage } = parseWith(setLeverageBody, await jsonBody(c))
    await checkLeverage(deps, exchange, symbol, leverage)
    const workflowId = `leverage-${exchange}-${randomUUID()}`
    c.set('workflowId', workflowId)
    c.get('logger')?.info({ audit: 'leverage', exchange, symbol, leverage, workflowId }, 'leverage change asked')
    const applied = await setLeverage(deps, workflowId, { exchange, symbol, leverage })
    return c.json({ ...applied, workflowId })
  })

  app.get('/account/:exchange', async (c) => {
    const exchange = enabledExchange(deps, c.req.param('exchange'))
    const { symbol } = parseWith(accountQuery, c.req.query())
    const [account, fees] = await Promise.all([
      runRead<AccountInfo>(deps, exchange, { operation: 'account' }),
      runRead<TradingFees>(deps, exchange, { operation: 'tradingFees', symbol }),
    ])
    const { canTrade, canWithdraw, canDeposit, permissions } = account
    const feeTier = { symbol, maker: fees.maker, taker: fees.taker }
    return c.json({ exchange, demo: demoOf(exchange), canTrade, canWithdraw, canDeposit, permissions, fees: feeTier })
  })

  app.get('/funding/:exchange', async (c) => {
    const exchange = enabledExchange(deps, c.req.param('exchange'))
    const { currency } = parseWith(fundingQuery, c.req.query())
    if (exchange !== 'coinbase') throw badRequest(`exchange: ${NO_FUNDING_RECORDS} ${exchange}`, 'exchange')
    const records = await runRead<FundingRecord[]>(deps, exchange, {
      operation: 'fundingRecords',
      ...(currency !== undefined && { currency }),
    })
    return c.json({ exchange, demo: demoOf(exchange), ...(currency !== undefined && { currency }), records })
  })

  app.get('/fills/:exchange', async (c) => {
    const exchange = enabledExchange(deps, c.req.param('exchange'))
    const query = parseWith(fillsQuery, c.req.query())
    const problem = fillsQueryProblem(exchange, query)
    if (problem !== undefined) throw badRequest(problem, 'symbol')
    const fills = await runRead<Fill[]>(deps, exchange, { operation: 'fills', ...query })
    return c.json(await displayed(deps, { exchange, demo: demoOf(exchange), ...query, fills }))
  })

  return app
}

async function readPositions(deps: AppDeps, exchange: 'binance' | 'kraken'): Promise<PositionView[]> {
  if (exchange === 'binance') {
    const positions = await runRead<FuturesPosition[]>(deps, exchange, { operation: 'futuresPositions' })
    return positions.map(futuresPositionView)
  }
  const positions = await runRead<MarginPosition[]>(deps, exchange, { operation: 'marginPositions' })
  return positions.map(marginPositionView)
}
