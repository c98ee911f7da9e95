// The dialect called directly (no sockets): routing, authentication errors, maintenance bodies, exchangeInfo.
import { describe, expect, it } from 'vitest'

import { DEMO_CREDENTIALS } from '../../../sim/credentials.js'
import type { SimRequest } from '../../../sim/dialect.js'
import { binanceSignature, createBinanceDialect } from '../../../sim/dialects/binance/index.js'
import { createVenueEngine } from '../../../sim/engine/index.js'
import { DEFAULT_VENUES } from '../../../sim/markets.js'

const NOW = 1_800_000_000_000
const credentials = DEMO_CREDENTIALS.binance
const engine = createVenueEngine({ ...DEFAULT_VENUES.binance, seed: 7, now: () => NOW })
engine.credit(credentials.apiKey, 'USDT', '1000')
const dialect = createBinanceDialect({ engine, credentials: [credentials], now: () => NOW })

function request(method: string, path: string, query = '', extra: Partial<SimRequest> = {}): SimRequest {
  const target = query ? `${path}?${query}` : path
  return { method, path, query, target, headers: {}, body: '', ip: '127.0.0.1', ...extra }
}

function signed(method: string, path: string, params: string, secret = credentials.secret): SimRequest {
  const query = `${params}&signature=${binanceSignature(secret, params)}`
  return request(method, path, query, { headers: { 'x-mbx-apikey': credentials.apiKey } })
}

const bodyOf = async (req: SimRequest) => {
  const response = await dialect.handle(req)
  return { status: response.status, body: response.body as Record<string, unknown>, headers: response.headers ?? {} }
}

describe('Binance dialect handler', () => {
  it('publishes each spot market with its engine filters', async () => {
    const { status, body } = await bodyOf(request('GET', '/api/v3/exchangeInfo'))
    expect(status).toBe(200)
    const symbols = body['symbols'] as { symbol: string; filters: Record<string, string>[]; orderTypes: string[] }[]
    const btc = symbols.find((s) => s.symbol === 'BTCUSDT')!
    const filter = (type: string) => btc.filters.find((f) => f['filterType'] === type)!
    expect(filter('PRICE_FILTER')['tickSize']).toBe('0.01000000')
    expect(filter('LOT_SIZE')).toMatchObject({ stepSize: '0.00001000', minQty: '0.00001000', maxQty: '9000.00000000' })
    expect(filter('NOTIONAL')['minNotional']).toBe('5.00000000')
    expect(btc.orderTypes).toContain('LIMIT_MAKER')
    expect(symbols.some((s) => s.symbol === 'ETHUSDT')).toBe(true)
  })

  it('signs off signed requests in Binance order: key, signature, timestamp', async () => {
    const noKey = await bodyOf(request('GET', '/api/v3/account', `timestamp=${NOW}`))
    expect(noKey).toMatchObject({ status: 401, body: { code: -2014, msg: 'API-key format invalid.' } })

    const wrongSecret = await bodyOf(signed('GET', '/api/v3/account', `timestamp=${NOW}`, 'wrong'))
    expect(wrongSecret).toMatchObject({ status: 400, body: { code: -1022 } })

    const ahead = await bodyOf(signed('GET', '/api/v3/account', `timestamp=${NOW + 1000}`))
    expect(ahead).toMatchObject({ status: 400, body: { code: -1021 } })
    const stale = await bodyOf(signed('GET', '/api/v3/account', `timestamp=${NOW - 6000}`))
    expect(stale.body['msg']).toBe('Timestamp for this request is outside of the recvWindow.')
    const wideWindow = await bodyOf(signed('GET', '/api/v3/account', `timestamp=${NOW - 6000}&recvWindow=10000`))
    expect(wideWindow.status).toBe(200)
    expect(wideWindow.body['balances']).toContainEqual({ asset: 'USDT', free: '1000.00000000', locked: '0.00000000' })
    expect(wideWindow.headers['X-MBX-USED-WEIGHT-1M']).toBeDefined()
  })

  it('answers an unknown path with 404 and reports which requests place orders', async () => {
    expect((await dialect.handle(request('GET', '/api/v3/nothing'))).status).toBe(404)
    expect(dialect.isOrderPlacement(request('POST', '/api/v3/order'))).toBe(true)
    expect(dialect.isOrderPlacement(request('POST', '/fapi/v1/order'))).toBe(true)
    expect(dialect.isOrderPlacement(request('GET', '/api/v3/order'))).toBe(false)
    expect(dialect.isOrderPlacement(request('DELETE', '/fapi/v1/order'))).toBe(false)
  })

  it('gives Binance maintenance and internal-error bodies', () => {
    expect(dialect.unavailable('maintenance', request('GET', '/sapi/v1/system/status'))).toEqual({
      status: 200,
      body: { status: 1, msg: 'system maintenance' },
    })
    expect(dialect.unavailable('maintenance', request('GET', '/api/v3/depth'))).toEqual({
      status: 503,
      body: { code: 1, msg: 'System is under maintenance.' },
    })
    expect(dialect.unavailable('server-error', request('POST', '/api/v3/order'))).toEqual({
      status: 503,
      body: { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' },
    })
  })

  it('rejects order parameters Binance requires or forbids', async () => {
    const base = `timestamp=${NOW}&symbol=BTCUSDT&side=BUY`
    const noTif = await bodyOf(signed('POST', '/api/v3/order', `${base}&type=LIMIT&quantity=0.001&price=50000`))
    expect(noTif.body).toEqual({
      code: -1102,
      msg: "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.",
    })
    const makerTif = await bodyOf(
      signed('POST', '/api/v3/order', `${base}&type=LIMIT_MAKER&quantity=0.001&price=50000&timeInForce=GTC`)
    )
    expect(makerTif.body).toEqual({ code: -1106, msg: "Parameter 'timeInForce' sent when not required." })
    const badType = await bodyOf(signed('POST', '/api/v3/order', `${base}&type=ICEBERG&quantity=0.001`))
    expect(badType.body).toEqual({ code: -1116, msg: 'Invalid orderType.' })
    const conditional = await bodyOf(
      signed('POST', '/fapi/v1/order', `${base}&type=STOP_MARKET&quantity=0.01&stopPrice=50000`)
    )
    expect(conditional.body['code']).toBe(-4120)
  })
})
