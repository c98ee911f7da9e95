// The Coinbase connector's generic ExchangeConnector methods, end to end: connector → unmodified ccxt
// `coinbaseexchange` → HTTP → simulator. Books are pinned through the control API so prices are known.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CoinbaseConnector } from '../../exchanges/connector.js'
import { InvalidOrderError } from '../../exchanges/errors.js'
import { DEMO_BALANCES } from '../../sim/markets.js'
import type { TestSimulator } from '../support/simulator.js'
import { BTC_USD_BOOK } from '../sim/dialects/coinbase-client.js'
import { closeCoinbaseSession, openCoinbaseSession } from './coinbase-harness.js'

let sim: TestSimulator
let connector: CoinbaseConnector

beforeAll(async () => {
  ;({ sim, connector } = await openCoinbaseSession())
  await sim.control.setBook('coinbase', 'BTC/USD', BTC_USD_BOOK)
})

afterAll(() => closeCoinbaseSession({ sim, connector }))

describe('coinbase connector: identity', () => {
  it('is the demo Coinbase connector with its features', () => {
    expect(connector.id).toBe('coinbase')
    expect(connector.demo).toBe(true)
    expect(connector.features).toEqual(['spot', 'postOnly', 'ioc', 'fok', 'gtt', 'fills', 'fundingRecords'])
  })
})

describe('coinbase connector: markets', () => {
  it('lists the spot products with steps and minimum notional as decimal strings', async () => {
    const markets = await connector.getMarkets()
    expect(markets.map((market) => market.symbol).sort()).toEqual([
      'BTC/USD',
      'BTC/USDT',
      'ETH/USD',
      'ETH/USDT',
      'SOL/USD',
    ])
    expect(await connector.getMarket('BTC/USD')).toMatchObject({
      exchange: 'coinbase',
      base: 'BTC',
      quote: 'USD',
      type: 'spot',
      active: true,
      amountStep: '0.00000001',
      priceStep: '0.01',
      minNotional: '1',
    })
  })

  it('reads the fee tier of the profile from GET /fees', async () => {
    expect(await connector.getTradingFees('BTC/USD')).toEqual({ maker: '0.0015', taker: '0.0025' })
  })

  it('refuses an unknown market with InvalidOrderError', async () => {
    await expect(connector.getMarket('DOGE/USD')).rejects.toBeInstanceOf(InvalidOrderError)
  })
})

describe('coinbase connector: market data', () => {
  it('reports ticker, book and trades from the pinned book', async () => {
    const ticker = await connector.getTicker('BTC/USD')
    expect(ticker).toMatchObject({ exchange: 'coinbase', symbol: 'BTC/USD', bid: '30000', ask: '30001' })
    const book = await connector.getOrderBook('BTC/USD', 1)
    expect(book.bids).toEqual([['30000', '1.5']])
    expect(book.asks).toEqual([['30001', '0.5']])
    const trades = await connector.getRecentTrades('BTC/USD', 5)
    expect(trades).toHaveLength(5)
    expect(trades[4]!.price).toBe(ticker.last)
  })

  it('reports klines for Coinbase timeframes and refuses others', async () => {
    const klines = await connector.getKlines('BTC/USD', '1m', undefined, 10)
    expect(klines.length).toBeGreaterThan(0)
    for (const kline of klines) expect(Number(kline.high)).toBeGreaterThanOrEqual(Number(kline.low))
    await expect(connector.getKlines('BTC/USD', '4h')).rejects.toBeInstanceOf(InvalidOrderError)
  })
})

describe('coinbase connector: account and operations', () => {
  it('reports balances and account info', async () => {
    const balances = await connector.getBalances()
    expect(balances['SOL']).toEqual({ free: DEMO_BALANCES['SOL'], locked: '0', total: DEMO_BALANCES['SOL'] })
    expect(await connector.getAccountInfo()).toEqual({
      exchange: 'coinbase',
      canTrade: true,
      canWithdraw: false,
      canDeposit: false,
      permissions: ['SPOT'],
    })
  })

  it('reports the venue up through GET /time, and maintenance when it answers so', async () => {
    expect((await connector.getStatus()).status).toBe('ok')
    await sim.control.setFaults('coinbase', { down: true })
    try {
      expect((await connector.getStatus()).status).toBe('maintenance')
    } finally {
      await sim.control.clearFaults('coinbase')
    }
  })

  it('keeps health and metrics from its calls, failures counted by class', async () => {
    await sim.control.setFaults('coinbase', { errorRate: 1 })
    await expect(connector.getTicker('BTC/USD')).rejects.toThrow()
    await sim.control.clearFaults('coinbase')
    await connector.getTicker('BTC/USD')
    const health = await connector.getExchangeHealth()
    expect(health).toMatchObject({ exchange: 'coinbase', connected: true, accountAccess: true })
    const metrics = connector.getMetrics()
    expect(metrics.calls).toBeGreaterThan(0)
    expect(metrics.errorsByClass['ExchangeUnavailableError']).toBeGreaterThanOrEqual(1)
    expect(connector.checkRateLimit('placeOrder').allowed).toBe(true)
  })
})
