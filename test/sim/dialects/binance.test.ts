import ccxt from 'ccxt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestSimulator, type TestSimulator } from '../../support/simulator.js'
import { binanceClient } from './binance-support.js'

let sim: TestSimulator
let binance: InstanceType<typeof ccxt.binance>

beforeAll(async () => {
  sim = await startTestSimulator()
  binance = binanceClient(sim.urls.binance, sim.credentials.binance)
  await binance.loadMarkets()
})

afterAll(async () => {
  await sim.close()
})

describe('Binance dialect: public market data through ccxt', () => {
  it('loads spot and USD-M markets with their filters', () => {
    const spot = binance.market('BTC/USDT')
    expect(spot.spot).toBe(true)
    expect(spot.precision.price).toBe(0.01)
    expect(spot.precision.amount).toBe(0.00001)
    expect(spot.limits.cost?.min).toBe(5)
    const perp = binance.market('BTC/USDT:USDT')
    expect(perp.swap).toBe(true)
    expect(perp.linear).toBe(true)
    expect(perp.settle).toBe('USDT')
    expect(perp.precision.amount).toBe(0.001)
  })

  it('fetches time, status, ticker, order book, trades and candles', async () => {
    const before = sim.engines.binance.now()
    const serverTime = await binance.fetchTime()
    expect(serverTime).toBeGreaterThanOrEqual(before)
    expect(serverTime).toBeLessThanOrEqual(sim.engines.binance.now())
    expect((await binance.fetchStatus()).status).toBe('ok')

    const ticker = await binance.fetchTicker('BTC/USDT')
    const engineTicker = sim.engines.binance.ticker('BTC/USDT')
    expect(ticker.bid).toBe(Number(engineTicker.bid))
    expect(ticker.ask).toBe(Number(engineTicker.ask))
    expect(ticker.last).toBe(Number(engineTicker.last))

    const book = await binance.fetchOrderBook('BTC/USDT', 5)
    expect(book.bids.length).toBe(5)
    expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]!)
    expect(book.bids[0]![0]).toBe(Number(sim.engines.binance.book('BTC/USDT', 1).bids[0]![0]))

    const trades = await binance.fetchTrades('BTC/USDT')
    expect(trades.length).toBeGreaterThan(0)
    expect(['buy', 'sell']).toContain(trades[0]!.side)

    const candles = await binance.fetchOHLCV('BTC/USDT', '1m', undefined, 3)
    expect(candles).toHaveLength(3)
    expect(candles[1]![0]! - candles[0]![0]!).toBe(60_000)

    const perpTicker = await binance.fetchTicker('BTC/USDT:USDT')
    expect(perpTicker.last).toBe(Number(sim.engines.binance.ticker('BTC/USDT:USDT').last))
    const perpBook = await binance.fetchOrderBook('BTC/USDT:USDT', 10)
    expect(perpBook.asks.length).toBe(10)
    expect(await binance.fetchOHLCV('BTC/USDT:USDT', '5m', undefined, 2)).toHaveLength(2)
    expect((await binance.fetchTrades('BTC/USDT:USDT')).length).toBeGreaterThan(0)
  })
})

describe('Binance dialect: spot trading through ccxt', () => {
  it('reports spot balances', async () => {
    const balance = await binance.fetchBalance()
    expect(balance['BTC']?.free).toBe(10)
    expect(balance['USDT']?.total).toBe(1_000_000)
  })

  it('places a market buy and returns its fills', async () => {
    const order = await binance.createOrder('BTC/USDT', 'market', 'buy', 0.01)
    expect(order.status).toBe('closed')
    expect(order.filled).toBe(0.01)
    expect(order.trades.length).toBeGreaterThan(0)
    const engineOrder = sim.engines.binance.getOrder(sim.credentials.binance.apiKey, { id: Number(order.id) })
    expect(order.fee?.currency).toBe(engineOrder?.feeAsset)
    expect(order.fee?.cost).toBe(Number(engineOrder?.fee))
    expect(order.cost).toBe(Number(engineOrder?.filledQuote))
    const balance = await binance.fetchBalance()
    const engineBalances = sim.engines.binance.balances(sim.credentials.binance.apiKey)
    expect(balance['BTC']?.free).toBe(Number(engineBalances['BTC']?.free))
    expect(balance['USDT']?.free).toBe(Number(engineBalances['USDT']?.free))
  })

  it('places a resting GTC limit order, finds it by id and client id, lists and cancels it', async () => {
    const bid = Number(sim.engines.binance.book('BTC/USDT', 1).bids[0]![0])
    const price = Math.floor(bid * 0.9)
    const order = await binance.createOrder('BTC/USDT', 'limit', 'buy', 0.001, price, { clientOrderId: 'spot-gtc-1' })
    expect(order.status).toBe('open')
    expect(order.clientOrderId).toBe('spot-gtc-1')
    expect(order.price).toBe(price)

    const byId = await binance.fetchOrder(order.id!, 'BTC/USDT')
    expect(byId.clientOrderId).toBe('spot-gtc-1')
    const byClientId = await binance.fetchOrder(undefined as unknown as string, 'BTC/USDT', {
      clientOrderId: 'spot-gtc-1',
    })
    expect(byClientId.id).toBe(order.id)

    const open = await binance.fetchOpenOrders('BTC/USDT')
    expect(open.map((o) => o.id)).toContain(order.id)
    expect((await binance.fetchBalance())['USDT']?.used).toBeGreaterThan(0)

    const canceled = await binance.cancelOrder(order.id!, 'BTC/USDT')
    expect(canceled.status).toBe('canceled')
    expect((await binance.fetchOrder(order.id!, 'BTC/USDT')).status).toBe('canceled')
    expect((await binance.fetchOpenOrders('BTC/USDT')).map((o) => o.id)).not.toContain(order.id)
  })

  it('cancels by client order id', async () => {
    const bid = Number(sim.engines.binance.book('ETH/USDT', 1).bids[0]![0])
    await binance.createOrder('ETH/USDT', 'limit', 'buy', 0.01, Math.floor(bid * 0.9), { clientOrderId: 'spot-cxl-2' })
    const canceled = await binance.cancelOrder(undefined as unknown as string, 'ETH/USDT', {
      clientOrderId: 'spot-cxl-2',
    })
    expect(canceled.status).toBe('canceled')
  })

  it('fills a crossing IOC limit, expires an unfilled IOC and fills a fillable FOK', async () => {
    const ask = Number(sim.engines.binance.book('BTC/USDT', 1).asks[0]![0])
    const ioc = await binance.createOrder('BTC/USDT', 'limit', 'buy', 0.001, Math.ceil(ask * 1.01), {
      timeInForce: 'IOC',
    })
    expect(ioc.status).toBe('closed')
    expect(ioc.filled).toBe(0.001)
    const bid = Number(sim.engines.binance.book('BTC/USDT', 1).bids[0]![0])
    const missed = await binance.createOrder('BTC/USDT', 'limit', 'buy', 0.001, Math.floor(bid * 0.9), {
      timeInForce: 'IOC',
    })
    expect(missed.status).toBe('expired')
    expect(missed.filled).toBe(0)
    const ask2 = Number(sim.engines.binance.book('BTC/USDT', 1).asks[0]![0])
    const fok = await binance.createOrder('BTC/USDT', 'limit', 'buy', 0.001, Math.ceil(ask2 * 1.01), {
      timeInForce: 'FOK',
    })
    expect(fok.status).toBe('closed')
    expect(fok.timeInForce).toBe('FOK')
  })

  it('rests a post-only order as LIMIT_MAKER and rejects one that would take', async () => {
    const bid = Number(sim.engines.binance.book('BTC/USDT', 1).bids[0]![0])
    const maker = await binance.createOrder('BTC/USDT', 'limit', 'buy', 0.001, Math.floor(bid * 0.95), {
      postOnly: true,
    })
    expect(maker.postOnly).toBe(true)
    expect(maker.status).toBe('open')
    expect((maker.info as Record<string, unknown>)['type']).toBe('LIMIT_MAKER')
    await binance.cancelOrder(maker.id!, 'BTC/USDT')

    const ask = Number(sim.engines.binance.book('BTC/USDT', 1).asks[0]![0])
    const error = await binance
      .createOrder('BTC/USDT', 'limit', 'buy', 0.001, Math.ceil(ask * 1.01), { postOnly: true })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ccxt.OrderImmediatelyFillable)
  })

  it('buys by quote amount (quoteOrderQty) when a market order carries a price', async () => {
    const ask = Number(sim.engines.binance.book('ETH/USDT', 1).asks[0]![0])
    const order = await binance.createOrder('ETH/USDT', 'market', 'buy', 0.1, ask)
    expect(order.status).toBe('closed')
    expect(order.cost).toBeGreaterThan(0)
    expect(order.cost).toBeLessThanOrEqual(Math.round(0.1 * ask * 100) / 100 + 0.01)
  })

  it('lists the account trades and all orders of a symbol', async () => {
    const trades = await binance.fetchMyTrades('BTC/USDT')
    expect(trades.length).toBeGreaterThan(0)
    expect(trades.every((t) => t.symbol === 'BTC/USDT')).toBe(true)
    const orders = await binance.fetchOrders('BTC/USDT')
    const statuses = new Set(orders.map((o) => o.status))
    expect(statuses).toEqual(new Set(['closed', 'canceled', 'expired']))
    expect(orders.map((o) => Number(o.id))).toEqual([...orders.map((o) => Number(o.id))].sort((a, b) => a - b))
  })
})

describe('Binance dialect: USD-M futures through ccxt', () => {
  it('reports the futures wallet', async () => {
    const balance = await binance.fetchBalance({ type: 'future' })
    expect(balance['USDT']?.total).toBeGreaterThan(0)
    expect(balance['USDT']?.free).toBeGreaterThan(0)
  })

  it('sets leverage, opens a position, shows it, and closes it reduce-only', async () => {
    const leverage = (await binance.setLeverage(10, 'BTC/USDT:USDT')) as Record<string, unknown>
    expect(leverage['leverage']).toBe(10)
    expect(sim.engines.binance.leverage(sim.credentials.binance.apiKey, 'BTC/USDT:USDT')).toBe(10)

    const open = await binance.createOrder('BTC/USDT:USDT', 'market', 'buy', 0.01, undefined, {
      clientOrderId: 'perp-open-1',
    })
    expect(open.status).toBe('closed')
    expect(open.filled).toBe(0.01)
    expect(open.clientOrderId).toBe('perp-open-1')
    expect((await binance.fetchOrder(open.id!, 'BTC/USDT:USDT')).status).toBe('closed')

    const positions = await binance.fetchPositions(['BTC/USDT:USDT'])
    expect(positions).toHaveLength(1)
    expect(positions[0]!.side).toBe('long')
    expect(positions[0]!.contracts).toBe(0.01)

    const close = await binance.createOrder('BTC/USDT:USDT', 'market', 'sell', 0.01, undefined, { reduceOnly: true })
    expect(close.status).toBe('closed')
    expect(close.reduceOnly).toBe(true)
    expect(await binance.fetchPositions(['BTC/USDT:USDT'])).toHaveLength(0)
    const fills = await binance.fetchMyTrades('BTC/USDT:USDT')
    expect(fills.map((f) => f.order)).toEqual(expect.arrayContaining([open.id, close.id]))
  })

  it('rests, lists and cancels a futures limit order', async () => {
    const bid = Number(sim.engines.binance.book('ETH/USDT:USDT', 1).bids[0]![0])
    const order = await binance.createOrder('ETH/USDT:USDT', 'limit', 'buy', 0.1, Math.floor(bid * 0.95), {
      postOnly: true,
    })
    expect(order.status).toBe('open')
    expect(order.postOnly).toBe(true)
    expect((await binance.fetchOpenOrders('ETH/USDT:USDT')).map((o) => o.id)).toContain(order.id)
    expect((await binance.cancelOrder(order.id!, 'ETH/USDT:USDT')).status).toBe('canceled')
  })
})
