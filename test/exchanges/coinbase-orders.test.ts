// Orders and extras through the Coinbase connector, end to end: UUID client order ids (a caller's non-UUID id
// becomes a UUIDv5 and finds its order again), read-back of `pending` acknowledgements, post-only, IOC, FOK and
// GTT, rounding and minimums checked before sending (the engine's receivedOrders() proves nothing went out),
// cancels, fills and funding records.
import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { coinbaseClientOrderId } from '../../exchanges/coinbase/client-order-id.js'
import type { CoinbaseConnector } from '../../exchanges/connector.js'
import { InvalidOrderError } from '../../exchanges/errors.js'
import type { TestSimulator } from '../support/simulator.js'
import { ETH_USD_BOOK } from '../sim/dialects/coinbase-client.js'
import { closeCoinbaseSession, openCoinbaseSession } from './coinbase-harness.js'

const SYMBOL = 'ETH/USD'

let sim: TestSimulator
let connector: CoinbaseConnector

beforeAll(async () => {
  ;({ sim, connector } = await openCoinbaseSession())
})

beforeEach(async () => {
  for (const order of await connector.getOpenOrders())
    await connector.cancelOrder({ symbol: order.symbol, id: order.id })
  await sim.control.setBook('coinbase', SYMBOL, ETH_USD_BOOK)
})

afterAll(() => closeCoinbaseSession({ sim, connector }))

const received = async () => (await sim.control.receivedOrders('coinbase')).length

describe('coinbase connector: client order ids', () => {
  it('maps a non-UUID client order id to a UUIDv5, reports it, and finds the order by either form', async () => {
    const callerId = `wf-${randomUUID()}-leg-0`
    const order = await connector.placeOrder({
      symbol: SYMBOL,
      side: 'buy',
      type: 'limit',
      amount: '0.5',
      price: '2900',
      clientOrderId: callerId,
    })
    const uuid = coinbaseClientOrderId(callerId)
    expect(order).toMatchObject({
      exchange: 'coinbase',
      clientOrderId: uuid,
      status: 'open',
      amount: '0.5',
      price: '2900',
    })
    const [sent] = await sim.control.receivedOrders('coinbase', { clientOrderId: uuid })
    expect(sent?.amount).toBe('0.5')

    expect((await connector.getOrder({ symbol: SYMBOL, clientOrderId: callerId })).id).toBe(order.id)
    expect((await connector.getOrder({ symbol: SYMBOL, clientOrderId: uuid })).id).toBe(order.id)
    expect((await connector.getOrder({ symbol: SYMBOL, id: order.id })).clientOrderId).toBe(uuid)
    expect((await connector.getOpenOrders(SYMBOL)).map((open) => open.id)).toEqual([order.id])

    const canceled = await connector.cancelOrder({ symbol: SYMBOL, clientOrderId: callerId })
    expect(canceled).toMatchObject({ id: order.id, status: 'canceled', filled: '0', clientOrderId: uuid })
  })

  it('generates a UUID client order id when the caller gives none', async () => {
    const order = await connector.placeOrder({
      symbol: SYMBOL,
      side: 'sell',
      type: 'limit',
      amount: '0.1',
      price: '3100',
    })
    expect(order.clientOrderId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  // Issue 7, hole 10: client_oid is a UUID, one value whatever its letter case. The connector sends the canonical
  // (lower-case) form, so 'ABC…' and 'abc…' name one order, found by either spelling.
  it('treats client order ids that differ only in letter case as one order', async () => {
    const lower = randomUUID()
    const upper = lower.toUpperCase()
    const request = { symbol: SYMBOL, side: 'buy' as const, type: 'limit' as const, amount: '0.2', price: '2950' }
    const placed = await connector.placeOrder({ ...request, clientOrderId: upper })
    expect(placed.clientOrderId).toBe(lower)
    expect(await sim.control.receivedOrders('coinbase', { clientOrderId: lower })).toHaveLength(1)
    expect((await connector.getOrder({ symbol: SYMBOL, clientOrderId: lower })).id).toBe(placed.id)
    expect((await connector.getOrder({ symbol: SYMBOL, clientOrderId: upper })).id).toBe(placed.id)
    const canceled = await connector.cancelOrder({ symbol: SYMBOL, clientOrderId: upper })
    expect(canceled.id).toBe(placed.id)
  })

  it('reports undefined from findOrder for an unknown client order id', async () => {
    expect(await connector.findOrder({ symbol: SYMBOL, clientOrderId: 'never-placed' })).toBeUndefined()
  })
})

describe('coinbase connector: execution', () => {
  it('reads a market order back after the pending acknowledgement: filled, with cost and fee', async () => {
    const order = await connector.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'market', amount: '0.7' })
    expect(order).toMatchObject({ status: 'closed', filled: '0.7', remaining: '0', cost: '2100.9' })
    expect(order.fee).toEqual({ cost: '5.25225', currency: 'USD' })
    const fills = await connector.getFills({ orderId: order.id })
    expect(fills.map((fill) => [fill.price, fill.amount, fill.takerOrMaker, fill.orderId])).toEqual([
      ['3001', '0.5', 'taker', order.id],
      ['3002', '0.2', 'taker', order.id],
    ])
    const bySymbol = await connector.getFills({ symbol: SYMBOL })
    expect(bySymbol.map((fill) => fill.id)).toEqual(expect.arrayContaining(fills.map((fill) => fill.id)))
  })

  it('rounds amount down to the step and a buy price down to the tick before sending', async () => {
    const clientOrderId = randomUUID()
    const order = await connector.placeOrder({
      symbol: SYMBOL,
      side: 'buy',
      type: 'limit',
      amount: '0.123456789',
      price: '2900.129',
      clientOrderId,
    })
    expect(order).toMatchObject({ amount: '0.12345678', price: '2900.12' })
    const [sent] = await sim.control.receivedOrders('coinbase', { clientOrderId })
    expect([sent?.amount, sent?.price]).toEqual(['0.12345678', '2900.12'])
  })

  it.each([
    ['below the minimum notional', { amount: '0.0003', price: '3000' }, 'minimum notional 1'],
    ['an amount that rounds to 0', { amount: '0.000000001', price: '3000' }, 'rounds to 0'],
    ['a market order below the minimum notional', { type: 'market' as const, amount: '0.0001' }, 'minimum notional'],
  ])('refuses %s with InvalidOrderError and sends nothing', async (_, fields, message) => {
    const before = await received()
    const request = { symbol: SYMBOL, side: 'buy' as const, type: 'limit' as const, ...fields }
    await expect(connector.placeOrder(request)).rejects.toThrow(InvalidOrderError)
    await expect(connector.placeOrder(request)).rejects.toThrow(message)
    expect(await received()).toBe(before)
  })
})

describe('coinbase connector: advanced orders', () => {
  it('rests a post-only order and refuses one that would cross', async () => {
    const resting = await connector.placeAdvancedOrder({
      symbol: SYMBOL,
      side: 'buy',
      type: 'limit',
      amount: '0.1',
      price: '2999',
      postOnly: true,
    })
    expect(resting).toMatchObject({ status: 'open', postOnly: true })
    const crossing = connector.placeAdvancedOrder({
      symbol: SYMBOL,
      side: 'buy',
      type: 'limit',
      amount: '0.1',
      price: '3001',
      postOnly: true,
    })
    await expect(crossing).rejects.toThrow(InvalidOrderError)
  })

  it('fills an IOC order partly and cancels the rest; cancels an FOK order that cannot fill', async () => {
    const ioc = await connector.placeAdvancedOrder({
      symbol: SYMBOL,
      side: 'buy',
      type: 'limit',
      amount: '1',
      price: '3001',
      timeInForce: 'IOC',
    })
    expect(ioc).toMatchObject({ status: 'canceled', filled: '0.5', remaining: '0.5', timeInForce: 'IOC' })
    const fok = await connector.placeAdvancedOrder({
      symbol: SYMBOL,
      side: 'buy',
      type: 'limit',
      amount: '3',
      price: '3002',
      timeInForce: 'FOK',
    })
    expect(fok).toMatchObject({ status: 'canceled', filled: '0' })
  })

  it('places GTT with cancelAfter', async () => {
    const gtt = await connector.placeAdvancedOrder({
      symbol: SYMBOL,
      side: 'sell',
      type: 'limit',
      amount: '0.1',
      price: '3200',
      timeInForce: 'GTT',
      cancelAfter: 'hour',
    })
    expect(gtt).toMatchObject({ status: 'open', timeInForce: 'GTT' })
    const [sent] = await sim.control.receivedOrders('coinbase', { clientOrderId: gtt.clientOrderId })
    expect(Number(sent?.expireAt) - Number(sent?.createdAt)).toBeGreaterThan(3_599_000)
  })

  it('refuses invalid option combinations before sending', async () => {
    const before = await received()
    const base = { symbol: SYMBOL, side: 'buy' as const, type: 'limit' as const, amount: '0.1', price: '2900' }
    await expect(connector.placeAdvancedOrder({ ...base, timeInForce: 'GTT' })).rejects.toThrow('GTT needs cancelAfter')
    await expect(connector.placeAdvancedOrder({ ...base, timeInForce: 'FOK', postOnly: true })).rejects.toThrow(
      InvalidOrderError
    )
    await expect(connector.placeOrder({ ...base, timeInForce: 'GTT' })).rejects.toThrow(InvalidOrderError)
    expect(await received()).toBe(before)
  })
})

describe('coinbase connector: extras', () => {
  it('needs an order id or a symbol for fills', async () => {
    await expect(connector.getFills({})).rejects.toThrow(InvalidOrderError)
  })

  it('lists funding records, optionally for one currency', async () => {
    const btc = await connector.getFundingRecords({ currency: 'BTC' })
    expect(btc.map((record) => [record.type, record.amount, record.status, record.currency])).toEqual([
      ['deposit', '11', 'ok', 'BTC'],
      ['withdrawal', '1', 'ok', 'BTC'],
    ])
    const all = await connector.getFundingRecords({})
    expect(new Set(all.map((record) => record.currency))).toEqual(new Set(['BTC', 'ETH', 'SOL', 'USD', 'USDT']))
    expect(await connector.getFundingRecords({ currency: 'DOGE' })).toEqual([])
  })
})
