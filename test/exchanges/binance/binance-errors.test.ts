// Goal: each way a Binance call can fail surfaces as its ExchangeError subclass, and an order whose answer was lost
// is reported as outcome-unknown and then found at the venue by its client order id. Method: real venue answers
// and injected faults (5xx, maintenance, hung and dropped responses) from the simulator.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { BinanceConnector } from '../../../exchanges/connector.js'
import {
  AuthenticationError,
  ExchangeUnavailableError,
  InsufficientBalanceError,
  InvalidOrderError,
  OrderNotFoundError,
  OrderOutcomeUnknownError,
  UnknownSymbolError,
} from '../../../exchanges/errors.js'
import { DEMO_CREDENTIALS } from '../../../sim/credentials.js'
import { startTestSimulator, type TestSimulator } from '../../support/simulator.js'
import { binanceAgainst } from './harness.js'

let sim: TestSimulator
let binance: BinanceConnector
const received = () => sim.engines.binance.receivedOrders()
const limitBuy = (clientOrderId: string, amount = '0.001') => ({
  symbol: 'BTC/USDT',
  side: 'buy' as const,
  type: 'limit' as const,
  amount,
  price: '60000',
  clientOrderId,
})

beforeAll(async () => {
  sim = await startTestSimulator()
  binance = binanceAgainst(sim, { maxRetries: 0, requestTimeoutMs: 1500 })
  await binance.initialize()
})
afterAll(async () => {
  await binance.close()
  await sim.close()
})
afterEach(async () => {
  await sim.control.clearFaults('binance')
})

describe('definitive rejections', () => {
  it('a wrong secret is an AuthenticationError that names no secret, and places nothing', async () => {
    const secret = 'wrong-secret-0123456789'
    const wrong = binanceAgainst(sim, { secret })
    try {
      const error = await wrong.getBalances().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AuthenticationError)
      expect((error as Error).message).not.toContain(secret)
      expect((error as Error).message).not.toContain(DEMO_CREDENTIALS.binance.apiKey)
      const before = received().length
      await expect(wrong.placeOrder(limitBuy('auth-1'))).rejects.toThrow(AuthenticationError)
      expect(received().length).toBe(before)
    } finally {
      await wrong.close()
    }
  })

  it('more than the balance is InsufficientBalanceError', async () => {
    await expect(binance.placeOrder(limitBuy('funds-1', '100'))).rejects.toThrow(InsufficientBalanceError)
  })

  it('a venue-side filter failure is InvalidOrderError', async () => {
    // above the LOT_SIZE maxQty (9000), which the connector leaves to the venue
    await expect(
      binance.placeOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '9001', price: '0.01' })
    ).rejects.toThrow(InvalidOrderError)
  })

  it('an unknown order is OrderNotFoundError for get and cancel, undefined for find', async () => {
    await expect(binance.getOrder({ symbol: 'BTC/USDT', id: '987654321' })).rejects.toThrow(OrderNotFoundError)
    await expect(binance.getOrder({ symbol: 'BTC/USDT', clientOrderId: 'never-sent' })).rejects.toThrow(
      OrderNotFoundError
    )
    expect(await binance.findOrder({ symbol: 'BTC/USDT', clientOrderId: 'never-sent' })).toBeUndefined()
    await expect(binance.cancelOrder({ symbol: 'BTC/USDT', id: '987654321' })).rejects.toThrow(OrderNotFoundError)
  })

  it('an unknown symbol is UnknownSymbolError (an InvalidOrderError), before any request', async () => {
    await expect(binance.getTicker('NOPE/USDT')).rejects.toThrow('binance has no market NOPE/USDT')
    await expect(binance.getOrder({ symbol: 'NOPE/USDT', id: '1' })).rejects.toThrow(UnknownSymbolError)
  })
})

describe('venue unavailable', () => {
  it('5xx answers make reads ExchangeUnavailableError (retryable)', async () => {
    await sim.control.setFaults('binance', { errorRate: 1 })
    const error = await binance.getTicker('BTC/USDT').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExchangeUnavailableError)
    expect((error as ExchangeUnavailableError).retryable).toBe(true)
  })

  it('a 5xx to a placement leaves its outcome unknown; the lookup resolves it', async () => {
    await sim.control.setFaults('binance', { errorRate: 1 })
    const error = await binance.placeOrder(limitBuy('fivexx-1')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OrderOutcomeUnknownError)
    expect((error as OrderOutcomeUnknownError).clientOrderId).toBe('fivexx-1')
    await sim.control.clearFaults('binance')
    expect(await binance.findOrder({ symbol: 'BTC/USDT', clientOrderId: 'fivexx-1' })).toBeUndefined()
  })

  it('maintenance is ExchangeUnavailableError, also for placement (no order), and getStatus says so', async () => {
    await sim.control.setFaults('binance', { down: true })
    await expect(binance.getBalances()).rejects.toThrow(ExchangeUnavailableError)
    const before = received().length
    await expect(binance.placeOrder(limitBuy('maint-1'))).rejects.toThrow(ExchangeUnavailableError)
    expect(received().length).toBe(before)
    expect(await binance.getStatus()).toMatchObject({ status: 'maintenance' })
  })

  it('a hung read times out as ExchangeUnavailableError', async () => {
    await sim.control.setFaults('binance', { timeoutRate: 1 })
    await expect(binance.getOrderBook('BTC/USDT', 5)).rejects.toThrow(ExchangeUnavailableError)
  })
})

describe('retries', () => {
  it('re-sends idempotent reads up to maxRetries on network errors, and never re-sends an order', async () => {
    const retrying = binanceAgainst(sim, { maxRetries: 2 }, { sleep: async () => {} })
    try {
      await retrying.initialize()
      await sim.control.setFaults('binance', { errorRate: 1 })
      await expect(retrying.getTicker('BTC/USDT')).rejects.toThrow(ExchangeUnavailableError)
      expect(retrying.getMetrics().errorsByClass).toEqual({ ExchangeUnavailableError: 3 })
      await expect(retrying.placeOrder(limitBuy('no-resend-1'))).rejects.toThrow(OrderOutcomeUnknownError)
      expect(retrying.getMetrics().errorsByClass).toEqual({ ExchangeUnavailableError: 3, OrderOutcomeUnknownError: 1 })
    } finally {
      await retrying.close()
    }
  })
})

describe('lost answers', () => {
  it('a dropped placement response is OrderOutcomeUnknownError, and the order exists at the venue', async () => {
    await sim.control.setFaults('binance', { dropOrderResponses: 1 })
    const error = await binance.placeOrder(limitBuy('dropped-1')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OrderOutcomeUnknownError)
    expect((error as OrderOutcomeUnknownError).clientOrderId).toBe('dropped-1')
    expect(received().filter((o) => o.clientOrderId === 'dropped-1')).toHaveLength(1)
    const found = await binance.findOrder({ symbol: 'BTC/USDT', clientOrderId: 'dropped-1' })
    expect(found).toMatchObject({ clientOrderId: 'dropped-1', status: 'open', amount: '0.001' })
    await binance.cancelOrder({ symbol: 'BTC/USDT', clientOrderId: 'dropped-1' })
  })

  it('a hung placement is OrderOutcomeUnknownError', async () => {
    await sim.control.setFaults('binance', { timeoutRate: 1 })
    await expect(binance.placeOrder(limitBuy('hung-1'))).rejects.toThrow(OrderOutcomeUnknownError)
  })

  it('failures are counted by class in the metrics', () => {
    const { errorsByClass } = binance.getMetrics()
    for (const name of [
      'InsufficientBalanceError',
      'OrderNotFoundError',
      'ExchangeUnavailableError',
      'OrderOutcomeUnknownError',
    ]) {
      expect(errorsByClass[name]).toBeGreaterThan(0)
    }
  })
})
