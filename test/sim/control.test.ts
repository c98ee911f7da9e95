// The control API: what tests and the demo use to steer the venues. Checked over HTTP, valid and invalid
// input alike: bad input gets a 400 naming the field, unknown venues and symbols a 404 naming them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestSimulator, type TestSimulator } from '../support/simulator.js'

describe('control API', () => {
  let sim: TestSimulator
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sim.urls.control}${path}`, {
      method,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  beforeAll(async () => {
    sim = await startTestSimulator()
  })
  afterAll(() => sim.close())

  it('reports health and lists venues with their markets and urls', async () => {
    expect((await call('GET', '/health')).body).toMatchObject({ status: 'ok' })
    const { body } = await call('GET', '/venues')
    const venues = body.venues as { venue: string; url: string; markets: { symbol: string }[] }[]
    expect(venues.map((venue) => venue.venue)).toEqual(['binance', 'coinbase', 'kraken'])
    expect(venues[0]!.url).toBe(sim.urls.binance)
    expect(venues[0]!.markets.map((market) => market.symbol)).toContain('BTC/USDT:USDT')
  })

  it('pins a book that stays put across ticks, and DELETE returns it to synthetic depth', async () => {
    const levels = {
      bids: [
        ['63000', '2'],
        ['62990', '1'],
      ],
      asks: [['63010', '0.5']],
    }
    expect((await call('PUT', '/venues/kraken/books/BTC-USD', levels)).status).toBe(200)
    await sim.control.tick()
    await sim.control.tick('kraken')
    const book = await sim.control.book('kraken', 'BTC/USD')
    expect(book).toMatchObject({ ...levels, pinned: true, mid: '63005' })
    await sim.control.resetBook('kraken', 'BTC/USD')
    const reset = await sim.control.book('kraken', 'BTC/USD')
    expect(reset.pinned).toBe(false)
    expect(reset.bids).toHaveLength(20)
  })

  it('accepts perp symbols as BTC-USDT-USDT or URL-encoded', async () => {
    const dashed = await call('GET', '/venues/binance/books/BTC-USDT-USDT?depth=3')
    const encoded = await call('GET', `/venues/binance/books/${encodeURIComponent('BTC/USDT:USDT')}?depth=3`)
    expect(dashed.body.symbol).toBe('BTC/USDT:USDT')
    expect(encoded.body.bids).toEqual(dashed.body.bids)
    expect(dashed.body.bids).toHaveLength(3)
  })

  it('credits and reports balances of the demo account or a given api key', async () => {
    const balances = await sim.control.credit('coinbase', 'BTC', '1.5')
    expect(balances.BTC).toEqual({ free: '11.5', locked: '0' })
    await sim.control.credit('coinbase', 'USD', '10', 'someone-else')
    expect(await sim.control.balances('coinbase', 'someone-else')).toEqual({ USD: { free: '10', locked: '0' } })
  })

  it('lists received orders by client order id and the positions of an account', async () => {
    const apiKey = sim.credentials.binance.apiKey
    sim.engines.binance.placeOrder(apiKey, {
      symbol: 'BTC/USDT:USDT',
      side: 'buy',
      type: 'market',
      amount: '0.01',
      clientOrderId: 'ctl-1',
    })
    const orders = await sim.control.receivedOrders('binance', { clientOrderId: 'ctl-1' })
    expect(orders).toHaveLength(1)
    expect(orders[0]).toMatchObject({ clientOrderId: 'ctl-1', status: 'filled', symbol: 'BTC/USDT:USDT' })
    expect(await sim.control.receivedOrders('binance', { symbol: 'ETH/USDT' })).toEqual([])
    expect(await sim.control.positions('binance')).toMatchObject([
      { symbol: 'BTC/USDT:USDT', side: 'long', amount: '0.01' },
    ])
  })

  it('sets, reads and clears faults', async () => {
    expect(await sim.control.setFaults('kraken', { latencyMs: 10, down: true })).toEqual({ latencyMs: 10, down: true })
    expect((await call('GET', '/venues/kraken/faults')).body).toEqual({ latencyMs: 10, down: true })
    await sim.control.clearFaults('kraken')
    expect((await call('GET', '/venues/kraken/faults')).body).toEqual({})
  })

  it.each([
    ['PUT', '/venues/binance/books/BTC-USDT', { bids: [] }, 'asks'],
    ['PUT', '/venues/binance/books/BTC-USDT', { bids: [['x', '1']], asks: [] }, 'bids[0][0]'],
    ['PUT', '/venues/binance/books/BTC-USDT', { bids: [['1', '-1']], asks: [] }, 'bids[0][1]'],
    ['PUT', '/venues/binance/books/BTC-USDT', 'not json', 'JSON'],
    ['POST', '/venues/binance/balances', { asset: 'BTC', amount: 'lots' }, 'amount'],
    ['POST', '/venues/binance/balances', { asset: 7, amount: '1' }, 'asset'],
    ['PUT', '/venues/binance/faults', { errorRate: 2 }, 'errorRate'],
    ['PUT', '/venues/binance/faults', { down: 'yes' }, 'down'],
    ['PUT', '/venues/binance/faults', { explode: true }, 'explode'],
    ['GET', '/venues/binance/books/BTC-USDT?depth=0', undefined, 'depth'],
  ])('%s %s with bad input → 400 naming %s', async (method, path, body, field) => {
    const response = await call(method, path, body)
    expect(response.status).toBe(400)
    expect(response.body.message).toContain(field === 'JSON' ? 'JSON' : field)
  })

  it.each([
    ['/venues/bitstamp/books/BTC-USD', 'bitstamp'],
    ['/venues/binance/books/DOGE-USDT', 'DOGE/USDT'],
    ['/venues/bitstamp/faults', 'bitstamp'],
    ['/venues/coinbase/orders?symbol=BTC-EUR', 'BTC/EUR'],
  ])('GET %s → 404 naming %s', async (path, name) => {
    const response = await call('GET', path)
    expect(response.status).toBe(404)
    expect(response.body.message).toContain(name)
  })
})
