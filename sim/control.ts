// The control API (tests and the demo): inspect and steer the venues — pin books, credit balances, inject
// faults, list received orders, tick. JSON in and out; symbols in paths as BTC-USDT, BTC-USDT-USDT (perp) or
// URL-encoded unified symbols.
import type { IncomingMessage, ServerResponse } from 'node:http'

import { getRequestListener } from '@hono/node-server'
import { Hono, type Context } from 'hono'

import { cmp, isDecimalString } from '../domain/money.js'
import { EXCHANGE_IDS, type ExchangeId } from '../domain/types.js'
import type { SimCredentials, SimOrder, VenueEngine } from './engine/types.js'
import { SimError } from './engine/types.js'
import { faultConfigProblem, type FaultConfig, type Faults } from './faults.js'

export interface ControlContext {
  engines: Record<ExchangeId, VenueEngine>
  faults: Faults
  urls: Record<ExchangeId | 'control', string>
  credentials: Record<ExchangeId, SimCredentials>
  /** Orders a venue answered for that its engine refused (see DialectHandler.detachedOrders); none when absent. */
  detachedOrders?: (venue: ExchangeId) => SimOrder[]
}

class ControlError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string
  ) {
    super(message)
  }
}

const isPositiveDecimal = (value: unknown): value is string => isDecimalString(value) && cmp(value, 0) > 0

const badRequest = (message: string): ControlError => new ControlError(400, message)

/** BTC-USDT → BTC/USDT, BTC-USDT-USDT → BTC/USDT:USDT; unified symbols pass through. */
export function symbolFromPath(raw: string): string {
  let symbol = raw
  try {
    symbol = decodeURIComponent(raw)
  } catch {
    // Not percent-encoded after all: use it as sent.
  }
  if (symbol.includes('/')) return symbol
  const [base, quote, settle] = symbol.split('-')
  if (!base || !quote) return symbol
  return settle ? `${base}/${quote}:${settle}` : `${base}/${quote}`
}

function venueOf(c: Context): ExchangeId {
  const venue = c.req.param('venue')
  if (!EXCHANGE_IDS.includes(venue as ExchangeId)) {
    throw new ControlError(404, `unknown venue ${venue} (venues: ${EXCHANGE_IDS.join(', ')})`)
  }
  return venue as ExchangeId
}

function marketSymbol(engine: VenueEngine, c: Context): string {
  const symbol = symbolFromPath(c.req.param('symbol') ?? '')
  if (!engine.market(symbol)) throw new ControlError(404, `unknown symbol ${symbol} on ${engine.venue}`)
  return symbol
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text()
  let value: unknown
  try {
    value = text === '' ? {} : JSON.parse(text)
  } catch {
    throw badRequest('body must be valid JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('body must be a JSON object')
  }
  return value as Record<string, unknown>
}

function levelsOf(body: Record<string, unknown>, side: 'bids' | 'asks'): [string, string][] {
  const levels = body[side]
  if (!Array.isArray(levels)) throw badRequest(`${side} must be an array of [price, amount]`)
  return levels.map((level: unknown, i) => {
    if (!Array.isArray(level) || level.length !== 2) throw badRequest(`${side}[${i}] must be [price, amount]`)
    const [price, amount] = level as unknown[]
    if (!isPositiveDecimal(price)) throw badRequest(`${side}[${i}][0] (price) must be a positive decimal string`)
    if (!isPositiveDecimal(amount)) {
      throw badRequest(`${side}[${i}][1] (amount) must be a positive decimal string`)
    }
    return [price, amount]
  })
}

function apiKeyOf(c: Context, venue: ExchangeId, credentials: ControlContext['credentials'], value?: unknown): string {
  const apiKey = value ?? c.req.query('apiKey')
  if (apiKey === undefined || apiKey === '') return credentials[venue].apiKey
  if (typeof apiKey !== 'string') throw badRequest('apiKey must be a string')
  return apiKey
}

export function createControlApp(context: ControlContext): Hono {
  const { engines, faults, urls, credentials } = context
  const app = new Hono()

  app.onError((error, c) => {
    if (error instanceof ControlError) {
      const code = error.status === 400 ? 'bad_request' : 'not_found'
      return c.json({ error: code, message: error.message }, error.status)
    }
    if (error instanceof SimError) return c.json({ error: error.code, message: error.message }, 400)
    console.error(`[sim:control] ${c.req.method} ${c.req.path} failed: ${error.message}`)
    return c.json({ error: 'internal', message: error.message }, 500)
  })
  app.notFound((c) => c.json({ error: 'not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404))

  app.get('/health', (c) => c.json({ status: 'ok', venues: EXCHANGE_IDS }))
  app.get('/venues', (c) =>
    c.json({
      venues: EXCHANGE_IDS.map((venue) => ({
        venue,
        url: urls[venue],
        apiKey: credentials[venue].apiKey,
        markets: engines[venue]
          .markets()
          .map((market) => ({ ...market, pinned: engines[venue].isPinned(market.symbol) })),
      })),
    })
  )

  app.get('/venues/:venue/books/:symbol', (c) => {
    const engine = engines[venueOf(c)]
    const symbol = marketSymbol(engine, c)
    const depthText = c.req.query('depth')
    const depth = depthText === undefined ? undefined : Number(depthText)
    if (depth !== undefined && (!Number.isInteger(depth) || depth < 1)) {
      throw badRequest('depth must be a positive integer')
    }
    const book = engine.book(symbol, depth)
    return c.json({ symbol, pinned: engine.isPinned(symbol), mid: engine.mid(symbol), ...book })
  })
  app.put('/venues/:venue/books/:symbol', async (c) => {
    const engine = engines[venueOf(c)]
    const symbol = marketSymbol(engine, c)
    const body = await jsonBody(c)
    engine.setBook(symbol, { bids: levelsOf(body, 'bids'), asks: levelsOf(body, 'asks') })
    return c.json({ symbol, pinned: true, ...engine.book(symbol) })
  })
  app.delete('/venues/:venue/books/:symbol', (c) => {
    const engine = engines[venueOf(c)]
    const symbol = marketSymbol(engine, c)
    engine.resetBook(symbol)
    return c.json({ symbol, pinned: false, ...engine.book(symbol) })
  })

  app.get('/venues/:venue/balances', (c) => {
    const venue = venueOf(c)
    const apiKey = apiKeyOf(c, venue, credentials)
    return c.json({ apiKey, balances: engines[venue].balances(apiKey) })
  })
  app.post('/venues/:venue/balances', async (c) => {
    const venue = venueOf(c)
    const body = await jsonBody(c)
    const apiKey = apiKeyOf(c, venue, credentials, body.apiKey)
    if (typeof body.asset !== 'string' || !/^[A-Z0-9]{1,12}$/.test(body.asset)) {
      throw badRequest('asset must be an upper-case asset code such as BTC')
    }
    if (!isPositiveDecimal(body.amount)) throw badRequest('amount must be a positive decimal string')
    engines[venue].credit(apiKey, body.asset, body.amount)
    return c.json({ apiKey, balances: engines[venue].balances(apiKey) })
  })

  app.get('/venues/:venue/faults', (c) => c.json(faults.get(venueOf(c))))
  app.put('/venues/:venue/faults', async (c) => {
    const venue = venueOf(c)
    const body = await jsonBody(c)
    const problem = faultConfigProblem(body)
    if (problem) throw badRequest(problem)
    return c.json(faults.set(venue, body as FaultConfig))
  })
  app.delete('/venues/:venue/faults', (c) => {
    const venue = venueOf(c)
    faults.clear(venue)
    return c.json(faults.get(venue))
  })

  app.get('/venues/:venue/orders', (c) => {
    const engine = engines[venueOf(c)]
    const clientOrderId = c.req.query('clientOrderId')
    const symbolText = c.req.query('symbol')
    const symbol = symbolText === undefined ? undefined : symbolFromPath(symbolText)
    if (symbol !== undefined && !engine.market(symbol)) {
      throw new ControlError(404, `unknown symbol ${symbol} on ${engine.venue}`)
    }
    const detached = context.detachedOrders?.(engine.venue) ?? []
    const orders = [...engine.receivedOrders(), ...detached]
      .filter((order) => clientOrderId === undefined || order.clientOrderId === clientOrderId)
      .filter((order) => symbol === undefined || order.symbol === symbol)
    return c.json({ orders })
  })
  app.get('/venues/:venue/positions', (c) => {
    const venue = venueOf(c)
    const apiKey = apiKeyOf(c, venue, credentials)
    return c.json({ apiKey, positions: engines[venue].positions(apiKey) })
  })
  app.post('/venues/:venue/tick', (c) => {
    const engine = engines[venueOf(c)]
    engine.tick()
    return c.json({ venue: engine.venue, time: engine.now() })
  })
  app.post('/tick', (c) => {
    for (const venue of EXCHANGE_IDS) engines[venue].tick()
    return c.json({ venues: EXCHANGE_IDS })
  })
  return app
}

/** A node:http request listener for the control API. */
export function createControlListener(context: ControlContext): (req: IncomingMessage, res: ServerResponse) => void {
  const listener = getRequestListener(createControlApp(context).fetch)
  // Hono's node listener answers its own failures (a 500) and never rejects: there is nothing left to await.
  return (req, res) => void listener(req, res)
}
