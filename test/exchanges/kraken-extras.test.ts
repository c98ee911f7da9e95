// Goal: the Kraken extras — margin orders and positions, stop-loss / take-profit orders, trade history — do what
// Kraken does and refuse what Kraken would refuse before anything is sent. Method: the connector over ccxt against
// the in-process simulator; books pinned; the engine read directly for what reached the venue.
import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { cmp, mul, sum } from '../../domain/money.js'
import type { KrakenConnector } from '../../exchanges/connector.js'
import { InvalidOrderError } from '../../exchanges/errors.js'
import type { TestSimulator } from '../support/simulator.js'
import { BTC_USD_BOOK, closeKrakenSession, openKrakenSession } from './kraken-harness.js'

let sim: TestSimulator
let kraken: KrakenConnector
const received = () => sim.engines.kraken.receivedOrders()

beforeAll(async () => {
  ;({ sim, kraken } = await openKrakenSession())
})
afterAll(() => closeKrakenSession({ sim, kraken }))
beforeEach(async () => {
  await sim.control.setBook('kraken', 'BTC/USD', BTC_USD_BOOK)
})

describe('margin', () => {
  it('opens a leveraged long, reports it as a position, and closes it reduce-only', async () => {
    const clientOrderId = randomUUID()
    const order = await kraken.placeMarginOrder({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'market',
      amount: '0.1',
      leverage: 3,
      clientOrderId,
    })
    expect(order).toMatchObject({ clientOrderId, status: 'closed', filled: '0.1', average: '64010' })
    expect(received().find((o) => o.clientOrderId === clientOrderId)).toMatchObject({ leverage: 3, reduceOnly: false })

    const positions = await kraken.getMarginPositions()
    expect(positions).toEqual([
      expect.objectContaining({
        id: 'BTC/USD:long',
        symbol: 'BTC/USD',
        side: 'long',
        amount: '0.1',
        entryPrice: '64010',
        leverage: 3,
      }),
    ])
    expect(positions[0]!.unrealizedPnl).toMatch(/^-?\d+(\.\d+)?$/)

    const close = await kraken.placeMarginOrder({
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'market',
      amount: '0.1',
      leverage: 3,
      reduceOnly: true,
    })
    expect(close).toMatchObject({ status: 'closed', filled: '0.1', reduceOnly: true })
    expect(await kraken.getMarginPositions()).toEqual([])
  })

  it('refuses margin where Kraken offers none and leverage outside the pair range, sending nothing', async () => {
    const before = received().length
    const order = { side: 'buy', type: 'limit', amount: '1', price: '100' } as const
    await expect(kraken.placeMarginOrder({ ...order, symbol: 'SOL/USD', leverage: 2 })).rejects.toThrow(
      /no margin trading on SOL\/USD/
    )
    await expect(
      kraken.placeMarginOrder({ ...order, symbol: 'BTC/USD', amount: '0.01', price: '60000', leverage: 6 })
    ).rejects.toThrow(/leverage 6 is not offered on BTC\/USD \(2 to 5\)/)
    await expect(
      kraken.placeMarginOrder({ ...order, symbol: 'BTC/USD', amount: '0.01', price: '60000', leverage: 1.5 })
    ).rejects.toThrow(InvalidOrderError)
    expect(received().length).toBe(before)
  })
})

describe('conditional orders', () => {
  it('places each Kraken conditional type with its trigger and limit', async () => {
    const base = { symbol: 'BTC/USD', side: 'sell', amount: '0.01' } as const
    const stop = await kraken.placeConditionalOrder({ ...base, type: 'stop-loss', triggerPrice: '60000' })
    expect(stop).toMatchObject({ status: 'open', type: 'stop-loss', triggerPrice: '60000', amount: '0.01' })
    const stopLimit = await kraken.placeConditionalOrder({
      ...base,
      type: 'stop-loss-limit',
      triggerPrice: '60000',
      limitPrice: '59900',
    })
    expect(stopLimit).toMatchObject({ type: 'stop-loss-limit', triggerPrice: '60000', price: '59900' })
    const clientOrderId = randomUUID()
    const takeProfit = await kraken.placeConditionalOrder({
      ...base,
      type: 'take-profit',
      triggerPrice: '70000',
      clientOrderId,
    })
    expect(takeProfit).toMatchObject({ type: 'take-profit', triggerPrice: '70000', clientOrderId })
    const takeProfitLimit = await kraken.placeConditionalOrder({
      ...base,
      type: 'take-profit-limit',
      triggerPrice: '70000.04',
      limitPrice: '70100',
    })
    expect(takeProfitLimit).toMatchObject({ type: 'take-profit-limit', triggerPrice: '70000', price: '70100' })
    expect(
      received()
        .slice(-4)
        .map((o) => [o.type, o.triggerPrice, o.price])
    ).toEqual([
      ['stop_loss', '60000', undefined],
      ['stop_loss_limit', '60000', '59900'],
      ['take_profit', '70000', undefined],
      ['take_profit_limit', '70000', '70100'],
    ])
    expect(await kraken.getOrder({ symbol: 'BTC/USD', clientOrderId })).toMatchObject({
      id: takeProfit.id,
      type: 'take-profit',
    })
    for (const order of [stop, stopLimit, takeProfit, takeProfitLimit])
      await kraken.cancelOrder({ symbol: 'BTC/USD', id: order.id })
  })

  it('fires a stop-loss when the price falls through its trigger', async () => {
    const clientOrderId = randomUUID()
    await kraken.placeConditionalOrder({
      symbol: 'BTC/USD',
      side: 'sell',
      amount: '0.01',
      type: 'stop-loss',
      triggerPrice: '63000',
      clientOrderId,
    })
    await sim.control.setBook('kraken', 'BTC/USD', { bids: [['62900.0', '1']], asks: [['62950.0', '1']] })
    await sim.control.tick('kraken')
    const fired = await kraken.getOrder({ symbol: 'BTC/USD', clientOrderId })
    expect(fired).toMatchObject({ status: 'closed', filled: '0.01', average: '62900' })
  })

  it('refuses a -limit type without a limit price and a non-positive trigger, sending nothing', async () => {
    const before = received().length
    const base = { symbol: 'BTC/USD', side: 'sell', amount: '0.01' } as const
    await expect(
      kraken.placeConditionalOrder({ ...base, type: 'stop-loss-limit', triggerPrice: '60000' })
    ).rejects.toThrow(/needs a limit price/)
    await expect(kraken.placeConditionalOrder({ ...base, type: 'stop-loss', triggerPrice: '-1' })).rejects.toThrow(
      InvalidOrderError
    )
    await expect(
      kraken.placeConditionalOrder({ ...base, amount: '0.00001', type: 'stop-loss', triggerPrice: '60000' })
    ).rejects.toThrow(/below the minimum amount/)
    expect(received().length).toBe(before)
  })
})

describe('trade history', () => {
  it('lists our fills since a time, exact, each pointing at its order', async () => {
    const startTime = Date.now()
    const order = await kraken.placeOrder({ symbol: 'BTC/USD', side: 'buy', type: 'market', amount: '0.6' })
    const fills = (await kraken.getTradeHistory({ startTime })).filter((f) => f.orderId === order.id)
    expect(fills.map((f) => [f.price, f.amount])).toEqual([
      ['64010', '0.4'],
      ['64020', '0.2'],
    ])
    expect(sum(fills.map((f) => f.amount))).toBe('0.6')
    for (const fill of fills) {
      expect(fill).toMatchObject({ symbol: 'BTC/USD', side: 'buy', takerOrMaker: 'taker' })
      expect(fill.fee).toEqual({ cost: mul(mul(fill.price, fill.amount), '0.0024'), currency: 'USD' })
      expect(fill.timestamp).toBeGreaterThanOrEqual(startTime)
    }
  })

  it('filters by symbol and pages through more than one TradesHistory page', async () => {
    const startTime = Date.now()
    await sim.control.setBook('kraken', 'ETH/USD', {
      bids: [['3190.00', '100']],
      asks: Array.from({ length: 60 }, (_, i) => [String(3200 + i), '0.005'] as [string, string]),
    })
    // 28 orders, each taking two levels of 0.005: 56 fills, more than Kraken's page of 50
    for (let i = 0; i < 28; i++)
      await kraken.placeOrder({ symbol: 'ETH/USD', side: 'buy', type: 'market', amount: '0.01' })
    const eth = await kraken.getTradeHistory({ startTime, symbol: 'ETH/USD' })
    expect(eth.length).toBeGreaterThan(50)
    expect(eth.every((f) => f.symbol === 'ETH/USD')).toBe(true)
    expect(sum(eth.map((f) => f.amount))).toBe('0.28')
    const times = eth.map((f) => f.timestamp)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    expect(new Set(eth.map((f) => f.id)).size).toBe(eth.length)
    const all = await kraken.getTradeHistory({ startTime })
    expect(all.length).toBeGreaterThanOrEqual(eth.length)
    expect(all.some((f) => cmp(f.amount, 0) <= 0)).toBe(false)
  })
})
