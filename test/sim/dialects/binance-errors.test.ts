// Each Binance error body the dialect sends, as the unmodified ccxt classifies it at a 127.0.0.1 URL (where
// only ccxt's common error maps apply, wire-formats §1.5 and §8 quirk 1).
import ccxt from 'ccxt'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { startTestSimulator, type TestSimulator } from '../../support/simulator.js'
import { binanceClient, rejection } from './binance-support.js'

let sim: TestSimulator
let binance: InstanceType<typeof ccxt.binance>

beforeAll(async () => {
  sim = await startTestSimulator()
  binance = binanceClient(sim.urls.binance, sim.credentials.binance)
  await binance.loadMarkets()
})

afterEach(() => {
  sim.faults.clear('binance')
})

afterAll(async () => {
  await sim.close()
})

const farBid = (symbol: string, factor = 0.9): number =>
  Math.floor(Number(sim.engines.binance.book(symbol, 1).bids[0]![0]) * factor)

describe('Binance dialect: authentication errors', () => {
  it('rejects a wrong secret with -1022 (AuthenticationError)', async () => {
    const wrong = binanceClient(sim.urls.binance, { ...sim.credentials.binance, secret: 'not-the-secret' })
    const error = await rejection(wrong.fetchBalance())
    expect(error).toBeInstanceOf(ccxt.AuthenticationError)
    expect(error.message).toContain('-1022')
    expect(error.message).not.toContain('not-the-secret')
  })

  it('rejects an unknown API key with -2015 (AuthenticationError)', async () => {
    const stranger = binanceClient(sim.urls.binance, { apiKey: 'unknown-key', secret: 'whatever' })
    const error = await rejection(stranger.fetchBalance())
    expect(error).toBeInstanceOf(ccxt.AuthenticationError)
    expect(error.message).toContain('-2015')
  })

  it('rejects a timestamp outside recvWindow with -1021 (InvalidNonce)', async () => {
    const late = binanceClient(sim.urls.binance, sim.credentials.binance)
    late.options['timeDifference'] = 60_000
    const error = await rejection(late.fetchBalance())
    expect(error).toBeInstanceOf(ccxt.InvalidNonce)
    expect(error.message).toContain('Timestamp for this request is outside of the recvWindow.')
  })
})

describe('Binance dialect: order rejections', () => {
  it('maps insufficient balance to InsufficientFunds', async () => {
    const error = await rejection(binance.createOrder('BTC/USDT', 'limit', 'buy', 100, farBid('BTC/USDT')))
    expect(error).toBeInstanceOf(ccxt.InsufficientFunds)
    expect(error.message).toContain('Account has insufficient balance for requested action.')
  })

  it('maps an unknown order to OrderNotFound on fetch (-2013) and cancel (-2011)', async () => {
    const fetched = await rejection(binance.fetchOrder('987654321', 'BTC/USDT'))
    expect(fetched).toBeInstanceOf(ccxt.OrderNotFound)
    expect(fetched.message).toContain('-2013')
    const canceled = await rejection(binance.cancelOrder('987654321', 'BTC/USDT'))
    expect(canceled).toBeInstanceOf(ccxt.OrderNotFound)
    expect(canceled.message).toContain('-2011')
  })

  it('maps an unknown symbol sent to the venue to BadSymbol (-1121)', async () => {
    const error = await rejection(binance.publicGetDepth({ symbol: 'NOPEUSDT' }))
    expect(error).toBeInstanceOf(ccxt.BadSymbol)
    expect(error.message).toContain('Invalid symbol.')
  })

  it('answers filter failures with -1013 as Binance does', async () => {
    const order = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC' }
    const lot = await rejection(binance.privatePostOrder({ ...order, quantity: '0.000015', price: '50000' }))
    expect(lot).toBeInstanceOf(ccxt.InvalidOrder)
    expect(lot.message).toContain('Filter failure: LOT_SIZE')
    const price = await rejection(binance.privatePostOrder({ ...order, quantity: '0.001', price: '50000.001' }))
    expect(price).toBeInstanceOf(ccxt.InvalidOrder)
    expect(price.message).toContain('Filter failure: PRICE_FILTER')
    // ccxt's common map makes -1013 a BadRequest unless the body names LOT_SIZE or PRICE_FILTER
    const notional = await rejection(binance.privatePostOrder({ ...order, quantity: '0.00001', price: '50000' }))
    expect(notional).toBeInstanceOf(ccxt.BadRequest)
    expect(notional.message).toContain('Filter failure: NOTIONAL')
  })

  it('rejects a second open order with the same client id (-2010 Duplicate order sent.)', async () => {
    await binance.createOrder('BTC/USDT', 'limit', 'buy', 0.001, farBid('BTC/USDT'), { clientOrderId: 'dup-1' })
    const error = await rejection(
      binance.createOrder('BTC/USDT', 'limit', 'buy', 0.001, farBid('BTC/USDT'), { clientOrderId: 'dup-1' })
    )
    expect(error).toBeInstanceOf(ccxt.InvalidOrder)
    expect(error.message).toContain('Duplicate order sent.')
  })

  it('rejects a post-only order that would take (-2010 OrderImmediatelyFillable)', async () => {
    const ask = Number(sim.engines.binance.book('ETH/USDT', 1).asks[0]![0])
    const crossing = Math.ceil(ask * 1.01)
    const error = await rejection(binance.createOrder('ETH/USDT', 'limit', 'buy', 0.01, crossing, { postOnly: true }))
    expect(error).toBeInstanceOf(ccxt.OrderImmediatelyFillable)
    expect(error.message).toContain('Order would immediately match and take.')
  })

  it('sends USD-M rejections with their futures codes (ccxt has no common mapping for them)', async () => {
    const reduce = await rejection(
      binance.createOrder('ETH/USDT:USDT', 'market', 'sell', 0.1, undefined, { reduceOnly: true })
    )
    expect(reduce).toBeInstanceOf(ccxt.ExchangeError)
    expect(reduce.message).toContain('-2022')
    expect(reduce.message).toContain('ReduceOnly Order is rejected.')

    const margin = await rejection(binance.createOrder('BTC/USDT:USDT', 'limit', 'buy', 900, farBid('BTC/USDT:USDT')))
    expect(margin).toBeInstanceOf(ccxt.ExchangeError)
    expect(margin.message).toContain('-2019')

    const leverage = await rejection(binance.fapiPrivatePostLeverage({ symbol: 'BTCUSDT', leverage: 126 }))
    expect(leverage).toBeInstanceOf(ccxt.BadRequest)
    expect(leverage.message).toContain('-4028')
  })
})

describe('Binance dialect: venue unavailable', () => {
  it('reports maintenance on the status endpoint and OnMaintenance elsewhere', async () => {
    sim.faults.set('binance', { down: true })
    expect((await binance.fetchStatus()).status).toBe('maintenance')
    const error = await rejection(binance.fetchTicker('BTC/USDT'))
    expect(error).toBeInstanceOf(ccxt.OnMaintenance)
  })

  it('answers a server error with 503 -1001, an outcome-unknown OperationFailed', async () => {
    sim.faults.set('binance', { errorRate: 1 })
    const error = await rejection(binance.fetchTicker('BTC/USDT'))
    expect(error).toBeInstanceOf(ccxt.OperationFailed)
    expect(error.message).toContain('-1001')
  })
})
