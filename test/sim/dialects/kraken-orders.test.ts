// Goal: ccxt.kraken places, reads, lists and cancels orders on the simulator the way it does on Kraken —
// market, limit, post-only, conditional and margin orders with cl_ord_id, balances, trades and positions.
// Method: the unmodified ccxt client over HTTP; books pinned so fills are known; the engine read directly.
import { randomUUID } from 'node:crypto'

import ccxt from 'ccxt'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { DEMO_BALANCES } from '../../../sim/markets.js'
import type { TestSimulator } from '../../support/simulator.js'
import { type KrakenClient, krakenClient, startUnthrottledSimulator } from './kraken-harness.js'

let sim: TestSimulator
let kraken: KrakenClient
const BOOK = {
  bids: [
    ['63990.0', '0.5'],
    ['63980.0', '1'],
    ['63970.0', '2'],
  ] as [string, string][],
  asks: [
    ['64010.0', '0.4'],
    ['64020.0', '1'],
    ['64030.0', '2'],
  ] as [string, string][],
}
const received = () => sim.engines.kraken.receivedOrders()

beforeAll(async () => {
  sim = await startUnthrottledSimulator()
  kraken = krakenClient(sim)
  await kraken.loadMarkets()
})
afterAll(async () => {
  await kraken.close()
  await sim.close()
})
beforeEach(async () => {
  await sim.control.setBook('kraken', 'BTC/USD', BOOK)
})

describe('balances', () => {
  it('reads BalanceEx with Kraken asset ids mapped back to unified codes', async () => {
    const balance = await kraken.fetchBalance()
    const info = balance.info as { result: Record<string, { balance: string; hold_trade: string }> }
    expect(Object.keys(info.result)).toEqual(expect.arrayContaining(['XXBT', 'ZUSD', 'XETH', 'SOL', 'USDT']))
    expect(balance['BTC']?.total).toBe(Number(DEMO_BALANCES['BTC']))
    expect(balance['USD']?.total).toBeGreaterThan(0)
    expect(balance['USDT']?.total).toBe(Number(DEMO_BALANCES['USDT']))
  })
})

describe('limit and market orders', () => {
  it('rests a limit order with its cl_ord_id, finds it open, and holds the quote', async () => {
    const clientOrderId = randomUUID()
    const created = await kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, 63000, { clientOrderId })
    expect(created.id).toMatch(/^O[A-Z2-7]{5}-[A-Z2-7]{5}-[A-Z2-7]{6}$/)
    expect(created).toMatchObject({ symbol: 'BTC/USD', side: 'buy', type: 'limit', amount: 0.01, price: 63000 })
    const order = await kraken.fetchOrder(String(created.id))
    expect(order).toMatchObject({
      id: created.id,
      clientOrderId,
      status: 'open',
      price: 63000,
      amount: 0.01,
      filled: 0,
    })
    const open = await kraken.fetchOpenOrders('BTC/USD', undefined, undefined, { clientOrderId })
    expect(open.map((o) => o.id)).toEqual([created.id])
    const balance = await kraken.fetchBalance()
    expect(balance['USD']?.used).toBeGreaterThanOrEqual(630)
    expect(received().at(-1)).toMatchObject({ clientOrderId, type: 'limit', price: '63000', amount: '0.01' })
  })

  it('fills a market order against the pinned book and reports average, cost and fee', async () => {
    const clientOrderId = randomUUID()
    const created = await kraken.createOrder('BTC/USD', 'market', 'buy', 0.5, undefined, { clientOrderId })
    const order = await kraken.fetchOrder(String(created.id))
    expect(order).toMatchObject({ status: 'closed', filled: 0.5, amount: 0.5, clientOrderId })
    // 0.4 @ 64010 + 0.1 @ 64020
    expect(order.cost).toBeCloseTo(32_006, 6)
    expect(order.average).toBeCloseTo(64_012, 6)
    expect(order.fee?.currency).toBe('USD')
    expect(Number(order.fee?.cost)).toBeCloseTo(32_006 * 0.0024, 4)
    expect(order.trades.length).toBeGreaterThan(0)
    const closed = await kraken.fetchClosedOrders('BTC/USD', undefined, undefined, { clientOrderId })
    expect(closed.map((o) => o.id)).toEqual([created.id])
  })

  it('buys for a quote amount (viqc)', async () => {
    const created = await kraken.createMarketBuyOrderWithCost('BTC/USD', 640.1)
    const order = await kraken.fetchOrder(String(created.id))
    expect(order.status).toBe('closed')
    expect(order.filled).toBeCloseTo(0.01, 8)
  })

  it('rests a post-only order and refuses one that would cross', async () => {
    const resting = await kraken.createOrder('BTC/USD', 'limit', 'sell', 0.01, 64100, { postOnly: true })
    expect((await kraken.fetchOrder(String(resting.id))).postOnly).toBe(true)
    const crossing = kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, 64010, { postOnly: true })
    await expect(crossing).rejects.toThrow(/EOrder:Post only order/)
  })

  it('cancels by txid and by cl_ord_id', async () => {
    const first = await kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, 62000)
    await kraken.cancelOrder(String(first.id), 'BTC/USD')
    expect((await kraken.fetchOrder(String(first.id))).status).toBe('canceled')
    const clientOrderId = 'cancel-me-1'
    const second = await kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, 62000, { clientOrderId })
    await kraken.cancelOrder('', 'BTC/USD', { clientOrderId })
    expect((await kraken.fetchOrder(String(second.id))).status).toBe('canceled')
    await expect(kraken.cancelOrder(String(second.id), 'BTC/USD')).rejects.toThrow(ccxt.OrderNotFound)
  })

  it('expires nothing on IOC but cancels its unfilled rest', async () => {
    const created = await kraken.createOrder('BTC/USD', 'limit', 'buy', 1, 64010, { timeInForce: 'IOC' })
    const order = await kraken.fetchOrder(String(created.id))
    expect(order.filled).toBeCloseTo(0.4, 8)
    expect(['canceled', 'expired', 'closed']).toContain(order.status)
    expect(order.status).not.toBe('open')
  })
})

describe('conditional orders', () => {
  it('places stop-loss, stop-loss-limit and take-profit-limit orders waiting for their trigger', async () => {
    const stop = await kraken.createOrder('BTC/USD', 'market', 'sell', 0.01, undefined, { stopLossPrice: 60000 })
    expect(stop).toMatchObject({ triggerPrice: 60000, stopLossPrice: 60000, type: 'market' })
    const stopLimit = await kraken.createOrder('BTC/USD', 'limit', 'sell', 0.01, 59900, { stopLossPrice: 60000 })
    expect(stopLimit).toMatchObject({ triggerPrice: 60000, price: 59900, type: 'limit' })
    const clientOrderId = randomUUID()
    const takeProfit = await kraken.createOrder('BTC/USD', 'limit', 'sell', 0.01, 70100, {
      takeProfitPrice: 70000,
      clientOrderId,
    })
    const fetched = await kraken.fetchOrder(String(takeProfit.id))
    expect(fetched).toMatchObject({ status: 'open', takeProfitPrice: 70000, price: 70100, clientOrderId })
    expect(await kraken.fetchOrder(String(stop.id))).toMatchObject({ status: 'open', stopLossPrice: 60000 })
    expect(await kraken.fetchOrder(String(stopLimit.id))).toMatchObject({ stopLossPrice: 60000, price: 59900 })
    const types = received()
      .slice(-3)
      .map((o) => [o.type, o.triggerPrice, o.price])
    expect(types).toEqual([
      ['stop_loss', '60000', undefined],
      ['stop_loss_limit', '60000', '59900'],
      ['take_profit_limit', '70000', '70100'],
    ])
  })
})

describe('margin', () => {
  it('opens a leveraged position and lists it in OpenPositions', async () => {
    const clientOrderId = randomUUID()
    const created = await kraken.createOrder('BTC/USD', 'market', 'buy', 0.1, undefined, { leverage: 2, clientOrderId })
    expect(received().at(-1)).toMatchObject({ clientOrderId, leverage: 2 })
    expect((await kraken.fetchOrder(String(created.id))).status).toBe('closed')
    const positions = await kraken.fetchPositions()
    const btc = positions.find((p) => p.symbol === 'BTC/USD')
    expect(btc).toMatchObject({ side: 'long', contracts: 0.1, leverage: 2 })
    expect(btc?.initialMargin).toBeGreaterThan(0)
    const raw = (await kraken.privatePostOpenPositions({ docalcs: 'true' })) as {
      result: Record<string, { ordertxid: string }>
    }
    expect(Object.values(raw.result).map((p) => p.ordertxid)).toContain(created.id)
  })

  it('refuses leverage on a pair without margin trading', async () => {
    await expect(kraken.createOrder('SOL/USD', 'limit', 'buy', 1, 100, { leverage: 2 })).rejects.toThrow(
      /EOrder:Cannot open position/
    )
  })
})

describe('trade history', () => {
  it('lists our fills since a time, each pointing at its order', async () => {
    const since = Date.now() - 1
    const created = await kraken.createOrder('BTC/USD', 'market', 'sell', 0.6, undefined)
    const trades = await kraken.fetchMyTrades('BTC/USD', since)
    const ours = trades.filter((t) => t.order === created.id)
    expect(ours.map((t) => t.amount).reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBeCloseTo(0.6, 8)
    for (const trade of ours) {
      expect(trade).toMatchObject({ symbol: 'BTC/USD', side: 'sell', takerOrMaker: 'taker' })
      expect(trade.id).toMatch(/^T[A-Z2-7]{5}-/)
      expect(trade.timestamp).toBeGreaterThanOrEqual(since)
    }
    expect(trades.every((t) => (t.timestamp ?? 0) >= since)).toBe(true)
  })
})

describe('Kraken-only parameters', () => {
  it('expires a GTD order at expiretm, cancels by userref, and validates without placing', async () => {
    const placedBefore = received().length
    const validated = (await kraken.privatePostAddOrder({
      pair: 'XBTUSD',
      type: 'buy',
      ordertype: 'limit',
      volume: '0.01',
      price: '61000',
      validate: 'true',
    })) as { result: { descr: { order: string }; txid?: string[] } }
    expect(validated.result).toEqual({ descr: { order: 'buy 0.01000000 XBTUSD @ limit 61000.0' } })
    expect(received().length).toBe(placedBefore)

    const gtd = await kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, 61000, {
      timeInForce: 'GTD',
      expiretm: '+3600',
    })
    expect(received().at(-1)).toMatchObject({ timeInForce: 'GTT', expireAt: expect.any(Number) })
    const info = (await kraken.fetchOrder(String(gtd.id))).info as { expiretm: number }
    expect(info.expiretm).toBeGreaterThan(Date.now() / 1000 + 3500)

    const tagged = await kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, 61000, { userref: 4242 })
    const cancel = (await kraken.privatePostCancelOrder({ txid: '4242' })) as { result: { count: number } }
    expect(cancel.result.count).toBe(1)
    expect((await kraken.fetchOrder(String(tagged.id))).status).toBe('canceled')
  })

  it('answers Balance and TradeVolume like Kraken', async () => {
    const balance = (await kraken.privatePostBalance()) as { result: Record<string, string> }
    expect(balance.result['XXBT']).toMatch(/^\d+\.\d{10}$/)
    expect(balance.result['ZUSD']).toMatch(/^\d+\.\d{4}$/)
    const fee = await kraken.fetchTradingFee('BTC/USD')
    expect(fee).toMatchObject({ symbol: 'BTC/USD', maker: 0.0014, taker: 0.0024 })
  })
})
