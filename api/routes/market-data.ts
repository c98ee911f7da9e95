// Public market data per venue: GET /api/ticker|orderbook|trades|klines/:exchange/:symbol. Mounted at /api.
// Symbols in paths are written BTC-USDT (BTC%2FUSDT works too).
import { Hono, type Context } from 'hono'

import type { AppDeps } from '../deps.js'
import { enabledExchange, runRead } from '../exchange-read.js'
import { klinesQuery, orderbookQuery, tradesQuery } from '../schemas.js'
import { parseSymbol } from '../symbols.js'
import { parseWith } from '../validation.js'

export function marketDataRoutes(deps: AppDeps) {
  const app = new Hono()
  const target = (c: Context) => ({
    exchange: enabledExchange(deps, c.req.param('exchange') ?? ''),
    symbol: parseSymbol(c.req.param('symbol') ?? ''),
  })

  app.get('/ticker/:exchange/:symbol', async (c) => {
    const { exchange, symbol } = target(c)
    return c.json(await runRead(deps, exchange, { operation: 'ticker', symbol }))
  })

  app.get('/orderbook/:exchange/:symbol', async (c) => {
    const { exchange, symbol } = target(c)
    const query = parseWith(orderbookQuery, c.req.query())
    return c.json(await runRead(deps, exchange, { operation: 'orderbook', symbol, depth: query.depth }))
  })

  app.get('/trades/:exchange/:symbol', async (c) => {
    const { exchange, symbol } = target(c)
    const query = parseWith(tradesQuery, c.req.query())
    const trades = await runRead(deps, exchange, { operation: 'trades', symbol, limit: query.limit })
    return c.json({ exchange, symbol, trades })
  })

  app.get('/klines/:exchange/:symbol', async (c) => {
    const { exchange, symbol } = target(c)
    const query = parseWith(klinesQuery, c.req.query())
    const klines = await runRead(deps, exchange, { operation: 'klines', symbol, ...query })
    return c.json({ exchange, symbol, timeframe: query.timeframe, klines })
  })

  return app
}
