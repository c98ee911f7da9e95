// Every Coinbase Exchange error the dialect produces must reach the unmodified ccxt client as the class ccxt
// raises for the real venue (wire-formats §2.5: messages are matched only at 400/404, other statuses by HTTP map).
// Each case provokes the error for real — wrong credentials, an old timestamp, an unaffordable order, an unknown
// id — and checks the ccxt class and Coinbase's body.
import { randomUUID } from 'node:crypto'

import ccxt from 'ccxt'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { TestSimulator } from '../../support/simulator.js'
import { coinbaseClient, startCoinbaseSimulator, type CoinbaseClient } from './coinbase-client.js'

let sim: TestSimulator
let client: CoinbaseClient

beforeAll(async () => {
  sim = await startCoinbaseSimulator()
  client = coinbaseClient(sim)
  await client.loadMarkets()
})

afterEach(async () => {
  await sim.control.clearFaults('coinbase')
})

afterAll(async () => {
  await sim.close()
})

/** The error a call fails with (the test fails if it succeeds). */
async function failure(call: Promise<unknown>): Promise<Error> {
  try {
    await call
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the call to fail')
}

describe('coinbase dialect errors: authentication (401 → AuthenticationError)', () => {
  it.each([
    [
      'a wrong secret',
      { secret: Buffer.from('another secret of sixty-four bytes'.padEnd(64, '!')).toString('base64') },
      'invalid signature',
    ],
    ['a wrong passphrase', { password: 'not-the-passphrase' }, 'Invalid Passphrase'],
    ['an unknown key', { apiKey: 'unknown-key' }, 'Invalid API Key'],
  ])('refuses %s', async (_, overrides, message) => {
    const wrong = coinbaseClient(sim, overrides)
    wrong.markets = client.markets
    const error = await failure(wrong.fetchBalance())
    expect(error).toBeInstanceOf(ccxt.AuthenticationError)
    expect(error.message).toContain(message)
  })

  it('refuses a timestamp more than 30 s away from the venue clock', async () => {
    const late = coinbaseClient(sim)
    late.markets = client.markets
    late.nonce = () => Math.floor(Date.now() / 1000) - 45
    const error = await failure(late.fetchBalance())
    expect(error).toBeInstanceOf(ccxt.AuthenticationError)
    expect(error.message).toContain('request timestamp expired')
  })

  it('answers a request without credentials as Coinbase does', async () => {
    const response = await fetch(`${sim.urls.coinbase}/accounts`)
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ message: 'CB-ACCESS-KEY header is required' })
  })
})

describe('coinbase dialect errors: orders', () => {
  it('maps "Insufficient funds" to InsufficientFunds', async () => {
    const error = await failure(client.createOrder('BTC/USD', 'limit', 'buy', 100, 60000))
    expect(error).toBeInstanceOf(ccxt.InsufficientFunds)
  })

  it('maps a size below the minimum to InvalidOrder', async () => {
    const error = await failure(client.createOrder('BTC/USD', 'limit', 'buy', 0.000001, 60000))
    expect(error).toBeInstanceOf(ccxt.InvalidOrder)
    expect(error.message).toContain('size is too small')
  })

  it('maps a price off the tick to InvalidOrder (sent raw: ccxt itself would round it)', async () => {
    const order = { type: 'limit', side: 'buy', product_id: 'BTC-USD', price: '60000.001', size: '0.01' }
    const error = await failure(client.privatePostOrders(order))
    expect(error).toBeInstanceOf(ccxt.InvalidOrder)
    expect(error.message).toContain('price too precise')
  })

  it('maps an unknown product to InvalidOrder', async () => {
    const order = { type: 'limit', side: 'buy', product_id: 'DOGE-USD', price: '0.1', size: '100' }
    expect(await failure(client.privatePostOrders(order))).toBeInstanceOf(ccxt.InvalidOrder)
  })

  it('refuses a client_oid that is not a UUID', async () => {
    const error = await failure(client.createOrder('BTC/USD', 'limit', 'buy', 0.01, 50000, { clientOrderId: 'leg-1' }))
    expect(error).toBeInstanceOf(ccxt.ExchangeError)
    expect(error.message).toContain('Invalid client_oid')
    expect(await sim.control.receivedOrders('coinbase', { clientOrderId: 'leg-1' })).toEqual([])
  })

  // Coinbase Exchange does not check client_oid uniqueness (its staff: "We don't enforce or check for unique
  // client_oid"): a second order under an id in use is accepted, so only the caller's lookup-before-send keeps an id
  // to one order. The simulator must not hide a caller's duplicate behind a refusal the venue never gives.
  it('accepts a second order under a client_oid in use, as Coinbase does', async () => {
    const clientOrderId = randomUUID()
    await client.createOrder('BTC/USD', 'limit', 'buy', 0.01, 50000, { clientOrderId })
    await client.createOrder('BTC/USD', 'limit', 'buy', 0.01, 50000, { clientOrderId })
    expect(await sim.control.receivedOrders('coinbase', { clientOrderId })).toHaveLength(2)
  })

  it('reads a client_oid in any letter case as one UUID', async () => {
    const clientOrderId = randomUUID()
    await client.createOrder('BTC/USD', 'limit', 'buy', 0.01, 50000, { clientOrderId: clientOrderId.toUpperCase() })
    expect(await sim.control.receivedOrders('coinbase', { clientOrderId })).toHaveLength(1)
    const found = await client.fetchOrder(undefined as unknown as string, undefined, {
      clientOrderId: clientOrderId.toUpperCase(),
    })
    expect(found.clientOrderId).toBe(clientOrderId)
  })

  it('maps an unknown order id (404 NotFound) and an unknown client_oid to OrderNotFound', async () => {
    expect(await failure(client.fetchOrder(randomUUID()))).toBeInstanceOf(ccxt.OrderNotFound)
    const byClient = client.fetchOrder(undefined as unknown as string, undefined, { clientOrderId: randomUUID() })
    expect(await failure(byClient)).toBeInstanceOf(ccxt.OrderNotFound)
    expect(await failure(client.cancelOrder(randomUUID(), 'BTC/USD'))).toBeInstanceOf(ccxt.OrderNotFound)
  })

  it('maps an id that is not a UUID to InvalidOrder ("Invalid order id")', async () => {
    const error = await failure(client.fetchOrder('12345'))
    expect(error).toBeInstanceOf(ccxt.InvalidOrder)
    expect(error).not.toBeInstanceOf(ccxt.OrderNotFound)
  })

  it('maps cancelling a finished order ("Order already done") to OrderNotFound', async () => {
    const placed = await client.createOrder('BTC/USD', 'limit', 'sell', 0.01, 90000)
    await client.cancelOrder(placed.id!, 'BTC/USD')
    expect(await failure(client.cancelOrder(placed.id!, 'BTC/USD'))).toBeInstanceOf(ccxt.OrderNotFound)
  })

  it('requires order_id or product_id for fills', async () => {
    const error = await failure(client.privateGetFills())
    expect(error).toBeInstanceOf(ccxt.ExchangeError)
    expect(error.message).toContain('required either order_id or product_id')
  })
})

describe('coinbase dialect errors: venue unavailable', () => {
  it('answers maintenance with a 503 (ExchangeNotAvailable)', async () => {
    await sim.control.setFaults('coinbase', { down: true })
    const error = await failure(client.fetchTicker('BTC/USD'))
    expect(error).toBeInstanceOf(ccxt.ExchangeNotAvailable)
    expect(error.message).toContain('under maintenance')
  })

  it('answers an injected server error with a 500 (ExchangeNotAvailable)', async () => {
    await sim.control.setFaults('coinbase', { errorRate: 1 })
    expect(await failure(client.fetchBalance())).toBeInstanceOf(ccxt.ExchangeNotAvailable)
  })
})
