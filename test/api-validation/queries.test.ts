// Bad paths and query strings of the read endpoints are refused before any read workflow runs:
// 400 naming the parameter, 404 naming an unknown or disabled exchange.
import { afterAll, beforeEach, describe, expect, it } from 'vitest'

import { createApp } from '../../api/app.js'
import { openDatabase } from '../../db/client.js'
import { createRecordingRunner, type RecordingRunner } from './recording-runner.js'

const database = await openDatabase(':memory:')
afterAll(() => database.close())

let runner: RecordingRunner
let app: ReturnType<typeof createApp>
beforeEach(() => {
  runner = createRecordingRunner()
  app = createApp({ runner, db: database.db, exchanges: ['binance', 'kraken'], demoMode: { binance: true } })
})

async function get(path: string) {
  const response = await app.request(path)
  const body = (await response.json()) as {
    error: { code: string; message: string; field?: string; exchange?: string }
  }
  return { status: response.status, error: body.error }
}

describe('market data', () => {
  it.each([
    ['/api/orderbook/binance/BTC-USDT?depth=0', 'depth'],
    ['/api/orderbook/binance/BTC-USDT?depth=501', 'depth'],
    ['/api/orderbook/binance/BTC-USDT?depth=ten', 'depth'],
    ['/api/trades/binance/BTC-USDT?limit=-3', 'limit'],
    ['/api/klines/binance/BTC-USDT?timeframe=2h', 'timeframe'],
    ['/api/klines/binance/BTC-USDT?since=yesterday', 'since'],
    ['/api/ticker/binance/BTCUSDT', 'symbol'],
    ['/api/ticker/binance/BTC%2FUSDT%2FEUR', 'symbol'],
  ])('GET %s is a 400 naming %s', async (path, field) => {
    const { status, error } = await get(path)
    expect(status).toBe(400)
    expect(error.field).toBe(field)
    expect(error.message).toContain(field)
    expect(runner.calls).toEqual([])
  })

  it('refuses a query parameter it does not know', async () => {
    const { status, error } = await get('/api/orderbook/binance/BTC-USDT?dept=5')
    expect(status).toBe(400)
    expect(error.message).toContain('dept')
    expect(runner.calls).toEqual([])
  })

  it.each([
    ['/api/ticker/ftx/BTC-USDT', 'ftx'],
    ['/api/orderbook/coinbase/BTC-USDT', 'coinbase'],
    ['/api/balances/ftx', 'ftx'],
    ['/api/exchanges/coinbase/health', 'coinbase'],
  ])('GET %s is a 404 naming %s', async (path, exchange) => {
    const { status, error } = await get(path)
    expect(status).toBe(404)
    expect(error.code).toBe('unknown_exchange')
    expect(error.message).toContain(exchange)
    expect(runner.calls).toEqual([])
  })
})

describe('GET /api/arbitrage/opportunities/:symbol', () => {
  it.each([
    ['BTC-USDT?minProfitPct=much', 'minProfitPct'],
    ['BTC-USDT?exchanges=binance', 'exchanges'],
    ['BTC-USDT?exchanges=binance,ftx', 'exchanges.1'],
    ['BTC-USDT?exchanges=binance,coinbase', 'exchanges'],
    ['BTC-USDT?exchanges=kraken,kraken', 'exchanges'],
    ['BTC-USDT?maxAmount=0', 'maxAmount'],
    ['bitcoin', 'symbol'],
  ])('%s is a 400 naming %s', async (rest, field) => {
    const { status, error } = await get(`/api/arbitrage/opportunities/${rest}`)
    expect(status).toBe(400)
    expect(error.field).toBe(field)
    expect(runner.calls).toEqual([])
  })
})

describe('GET /api/executions', () => {
  it.each([
    ['?limit=0', 'limit'],
    ['?limit=201', 'limit'],
    ['?strategy=martingale', 'strategy'],
    ['?status=lost', 'status'],
    ['?exchange=ftx', 'exchange'],
    ['?symbol=bitcoin', 'symbol'],
    ['?before=last-week', 'before'],
  ])('%s is a 400 naming %s', async (query, field) => {
    const { status, error } = await get(`/api/executions${query}`)
    expect(status).toBe(400)
    expect(error.field).toBe(field)
  })
})
