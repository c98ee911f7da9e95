// Coinbase Exchange trading through the unmodified ccxt `coinbaseexchange`: balances, every order kind the dialect
// accepts (limit, market by size and by funds, post-only, IOC, FOK, GTT), lookups by id and client_oid, listings,
// cancels (including ccxt's DELETE body with the unified symbol), fills and funding records. Each test pins the
// book it trades against, so fills and prices are known in advance.
import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { DEMO_BALANCES } from '../../../sim/markets.js'
import type { TestSimulator } from '../../support/simulator.js'
import { ETH_USD_BOOK, openCoinbaseClientSession, type CoinbaseClient } from './coinbase-client.js'

const SYMBOL = 'ETH/USD'

let sim: TestSimulator
let client: CoinbaseClient

beforeAll(async () => {
  ;({ sim, client } = await openCoinbaseClientSession())
  await client.loadMarkets()
})

beforeEach(async () => {
  await client.cancelAllOrders()
  await sim.control.setBook('coinbase', SYMBOL, ETH_USD_BOOK)
})

afterAll(() => sim.close())

describe('coinbase dialect: account', () => {
  it('lists one account per currency with balance, hold and available', async () => {
    const accounts = (await client.privateGetAccounts()) as Record<string, unknown>[]
    const btc = accounts.find((account) => account['currency'] === 'BTC')!
    expect(btc).toMatchObject({ balance: '10.0000000000000000', hold: '0.0000000000000000', trading_enabled: true })
    // ETH and USD change as the tests below trade; the others stay at their opening balances
    const { total } = (await client.fetchBalance()) as unknown as { total: Record<string, number> }
    for (const asset of ['BTC', 'SOL', 'USDT']) expect(total[asset]).toBe(Number(DEMO_BALANCES[asset]))
  })

  it('answers the fee tier of the profile', async () => {
    const fees = await client.fetchTradingFees()
    expect(fees['BTC/USD']).toMatchObject({ maker: 0.0015, taker: 0.0025 })
  })
})

describe('coinbase dialect: limit orders', () => {
  it('acknowledges a resting limit order as pending, then serves it as open by id and by client_oid', async () => {
    const clientOrderId = randomUUID()
    const placed = await client.createOrder(SYMBOL, 'limit', 'buy', 0.5, 2900, { clientOrderId })
    expect(placed.info).toMatchObject({ status: 'pending', client_oid: clientOrderId, price: '2900.00' })
    expect(placed.id!).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)

    const byId = await client.fetchOrder(placed.id!)
    expect(byId).toMatchObject({ status: 'open', amount: 0.5, filled: 0, price: 2900, clientOrderId })
    const byClientOid = await client.fetchOrder(undefined as unknown as string, undefined, { clientOrderId })
    expect(byClientOid.id).toBe(placed.id!)

    const open = await client.fetchOpenOrders(SYMBOL)
    expect(open.map((order) => order.id)).toEqual([placed.id])
    const accounts = (await client.privateGetAccounts()) as Record<string, string>[]
    // Coinbase holds the notional plus the taker fee it may charge: 1450 × 1.0025
    expect(accounts.find((account) => account['currency'] === 'USD')!['hold']).toBe('1453.6250000000000000')
  })

  it('cancels by id with the unified symbol in the DELETE body, answering the id as a JSON string', async () => {
    const placed = await client.createOrder(SYMBOL, 'limit', 'sell', 0.2, 3100)
    const canceled = await client.cancelOrder(placed.id!, SYMBOL)
    expect(canceled.info).toBe(JSON.stringify(placed.id!))
    const after = await client.fetchOrder(placed.id!)
    expect(after.status).toBe('canceled')
    expect(after.info).toMatchObject({ status: 'done', done_reason: 'canceled', settled: true })
    expect(await client.fetchOpenOrders(SYMBOL)).toEqual([])
  })

  it('cancels by client_oid, answering the client_oid', async () => {
    const clientOrderId = randomUUID()
    await client.createOrder(SYMBOL, 'limit', 'sell', 0.2, 3100, { clientOrderId })
    const canceled = await client.cancelOrder(undefined as unknown as string, SYMBOL, { clientOrderId })
    expect(canceled.info).toBe(JSON.stringify(clientOrderId))
  })

  it('fills a crossing limit order and lists it among done orders', async () => {
    const placed = await client.createOrder(SYMBOL, 'limit', 'buy', 1, 3002)
    const order = await client.fetchOrder(placed.id!)
    expect(order).toMatchObject({ status: 'closed', filled: 1, cost: 3001 * 0.5 + 3002 * 0.5 })
    expect(order.info).toMatchObject({ done_reason: 'filled', executed_value: '3001.5000000000000000' })
    const closed = await client.fetchClosedOrders(SYMBOL)
    expect(closed.map((o) => o.id)).toContain(placed.id!)
    const all = await client.fetchOrders(SYMBOL)
    expect(all.map((o) => o.id)).toContain(placed.id!)
  })
})

describe('coinbase dialect: market orders', () => {
  it('fills a market buy by size and reports its fills as taker fills', async () => {
    const placed = await client.createOrder(SYMBOL, 'market', 'buy', 0.7)
    expect(placed.info).toMatchObject({ status: 'pending', type: 'market' })
    const order = await client.fetchOrder(placed.id!)
    expect(order).toMatchObject({ status: 'closed', filled: 0.7 })
    const fills = await client.fetchOrderTrades(placed.id!)
    expect(fills.map((fill) => [fill.price, fill.amount, fill.takerOrMaker, fill.side])).toEqual([
      [3001, 0.5, 'taker', 'buy'],
      [3002, 0.2, 'taker', 'buy'],
    ])
    const mine = await client.fetchMyTrades(SYMBOL)
    expect(mine.map((fill) => fill.order)).toContain(placed.id!)
  })

  it('fills a market buy by funds (ccxt sends funds when given a price)', async () => {
    const placed = await client.createOrder(SYMBOL, 'market', 'buy', 0.1, 3001)
    expect(placed.info).toMatchObject({ specified_funds: '300.1000000000000000' })
    const order = await client.fetchOrder(placed.id!)
    expect(order.status).toBe('closed')
    expect(order.cost).toBeCloseTo(300.1, 2)
  })
})

describe('coinbase dialect: time in force and post-only', () => {
  it('rejects a crossing post-only order with reject_reason "post only"', async () => {
    const placed = await client.createOrder(SYMBOL, 'limit', 'buy', 0.1, 3001, { postOnly: true })
    expect(placed.status).toBe('rejected')
    expect(placed.info).toMatchObject({ status: 'rejected', reject_reason: 'post only', post_only: true })
  })

  it('rests a post-only order that does not cross', async () => {
    const placed = await client.createOrder(SYMBOL, 'limit', 'buy', 0.1, 2999, { postOnly: true })
    const order = await client.fetchOrder(placed.id!)
    expect(order).toMatchObject({ status: 'open', postOnly: true })
  })

  it('fills what it can of an IOC order and cancels the rest', async () => {
    const placed = await client.createOrder(SYMBOL, 'limit', 'buy', 1, 3001, { timeInForce: 'IOC' })
    const order = await client.fetchOrder(placed.id!)
    expect(order).toMatchObject({ status: 'canceled', filled: 0.5, timeInForce: 'IOC' })
  })

  it('cancels an FOK order that cannot fill completely, and fills one that can', async () => {
    const unfillable = await client.createOrder(SYMBOL, 'limit', 'buy', 1, 3001, { timeInForce: 'FOK' })
    expect(await client.fetchOrder(unfillable.id!)).toMatchObject({ status: 'canceled', filled: 0 })
    const fillable = await client.createOrder(SYMBOL, 'limit', 'buy', 0.5, 3001, { timeInForce: 'FOK' })
    expect(await client.fetchOrder(fillable.id!)).toMatchObject({ status: 'closed', filled: 0.5 })
  })

  it('lists the orders it answered for without the engine (unfilled FOK, market against an empty book) among those received', async () => {
    const clientOrderId = randomUUID()
    await sim.control.setBook('coinbase', SYMBOL, { bids: [], asks: ETH_USD_BOOK.asks })
    const placed = await client.createOrder(SYMBOL, 'market', 'sell', 0.1, undefined, { clientOrderId })
    expect(await client.fetchOrder(placed.id!)).toMatchObject({ status: 'canceled', filled: 0 })
    const received = await sim.control.receivedOrders('coinbase', { clientOrderId })
    expect(received).toEqual([
      expect.objectContaining({ clientOrderId, status: 'canceled', filled: '0', side: 'sell' }),
    ])
  })

  it('accepts GTT with cancel_after and reports when it expires', async () => {
    const placed = await client.createOrder(SYMBOL, 'limit', 'buy', 0.1, 2900, {
      timeInForce: 'GTT',
      cancel_after: 'min',
    })
    const order = await client.fetchOrder(placed.id!)
    expect(order.timeInForce).toBe('GTT')
    const info = order.info as Record<string, string>
    // one minute from acceptance (the engine stamps created_at a moment after the dialect read the clock)
    const lifetimeMs = Date.parse(info['expire_time']!) - Date.parse(info['created_at']!)
    expect(lifetimeMs).toBeGreaterThan(59_000)
    expect(lifetimeMs).toBeLessThanOrEqual(60_000)
  })

  it('refuses GTT without cancel_after and post-only with IOC', async () => {
    await expect(client.createOrder(SYMBOL, 'limit', 'buy', 0.1, 2900, { timeInForce: 'GTT' })).rejects.toThrow(
      'cancel_after'
    )
    await expect(
      client.createOrder(SYMBOL, 'limit', 'buy', 0.1, 2900, { timeInForce: 'IOC', postOnly: true })
    ).rejects.toThrow('post_only')
  })
})

describe('coinbase dialect: funding records', () => {
  it('lists seeded deposits and withdrawals that explain the opening balances', async () => {
    const all = await client.fetchDepositsWithdrawals()
    const btc = all.filter((record) => record.currency === 'BTC')
    // ccxt sorts oldest first: the deposit two days ago, the withdrawal a day later
    expect(btc.map((record) => [record.type, record.amount, record.status])).toEqual([
      ['deposit', 11, 'ok'],
      ['withdrawal', 1, 'ok'],
    ])
    const deposits = await client.fetchDeposits('BTC')
    expect(deposits.map((record) => [record.type, record.currency, record.amount])).toEqual([['deposit', 'BTC', 11]])
    const withdrawals = await client.fetchWithdrawals()
    expect(new Set(withdrawals.map((record) => record.type))).toEqual(new Set(['withdrawal']))
  })
})
