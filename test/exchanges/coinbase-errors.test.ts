// Failures of the Coinbase connector, provoked for real against the simulator, must arrive as the ExchangeError
// family with the right retry semantics: definitive rejections, not-found, authentication, throttling with the
// venue's Retry-After, maintenance (nothing placed) versus a lost answer (outcome unknown, resolved by lookup).
import { randomUUID } from 'node:crypto'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { CoinbaseConnector } from '../../exchanges/connector.js'
import {
  AuthenticationError,
  ExchangeUnavailableError,
  InsufficientBalanceError,
  OrderNotFoundError,
  OrderOutcomeUnknownError,
  RateLimitError,
} from '../../exchanges/errors.js'
import { coinbaseDialect } from '../../sim/dialects/coinbase/index.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'
import { startCoinbaseSimulator } from '../sim/dialects/coinbase-client.js'
import { coinbaseAgainst } from './coinbase-harness.js'

const SYMBOL = 'BTC/USD'

let sim: TestSimulator
let connector: CoinbaseConnector

beforeAll(async () => {
  sim = await startCoinbaseSimulator()
  connector = coinbaseAgainst(sim)
  await connector.initialize()
})

afterEach(async () => {
  await sim.control.clearFaults('coinbase')
})

afterAll(async () => {
  await connector.close()
  await sim.close()
})

const limitBuy = (fields: { amount?: string; price?: string; clientOrderId?: string } = {}) => ({
  symbol: SYMBOL,
  side: 'buy' as const,
  type: 'limit' as const,
  amount: '0.01',
  price: '50000',
  ...fields,
})

describe('coinbase connector errors: definitive', () => {
  it('maps "Insufficient funds" to InsufficientBalanceError (not retryable)', async () => {
    const error = await connector.placeOrder(limitBuy({ amount: '100' })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InsufficientBalanceError)
    expect(error).toMatchObject({ exchange: 'coinbase', operation: 'placeOrder', retryable: false })
  })

  it('maps unknown orders to OrderNotFoundError, by id and by client order id', async () => {
    await expect(connector.getOrder({ symbol: SYMBOL, id: randomUUID() })).rejects.toBeInstanceOf(OrderNotFoundError)
    await expect(connector.getOrder({ symbol: SYMBOL, clientOrderId: 'nothing' })).rejects.toBeInstanceOf(
      OrderNotFoundError
    )
    await expect(connector.cancelOrder({ symbol: SYMBOL, id: randomUUID() })).rejects.toBeInstanceOf(OrderNotFoundError)
  })

  it('maps cancelling a finished order to OrderNotFoundError', async () => {
    const order = await connector.placeOrder(limitBuy())
    await connector.cancelOrder({ symbol: SYMBOL, id: order.id })
    await expect(connector.cancelOrder({ symbol: SYMBOL, id: order.id })).rejects.toBeInstanceOf(OrderNotFoundError)
  })

  it.each([
    ['a wrong passphrase', { passphrase: 'wrong' }],
    ['a wrong secret', { secret: Buffer.from('x'.repeat(64)).toString('base64') }],
    ['an unknown key', { apiKey: 'someone-else' }],
  ])('maps %s to AuthenticationError without leaking the secret', async (_, fields) => {
    const wrong = coinbaseAgainst(sim, fields)
    try {
      const error = await wrong.getBalances().catch((e: unknown) => e as Error)
      expect(error).toBeInstanceOf(AuthenticationError)
      expect(error.message).not.toContain(sim.credentials.coinbase.secret)
      expect((await wrong.getAccountInfo().catch((e: unknown) => e)) instanceof AuthenticationError).toBe(true)
    } finally {
      await wrong.close()
    }
  })
})

describe('coinbase connector errors: venue trouble', () => {
  it('maps maintenance to ExchangeUnavailableError, also for a placement (nothing was placed)', async () => {
    await sim.control.setFaults('coinbase', { down: true })
    await expect(connector.getBalances()).rejects.toBeInstanceOf(ExchangeUnavailableError)
    const clientOrderId = randomUUID()
    await expect(connector.placeOrder(limitBuy({ clientOrderId }))).rejects.toBeInstanceOf(ExchangeUnavailableError)
    expect(await sim.control.receivedOrders('coinbase', { clientOrderId })).toEqual([])
  })

  it('reports a placement whose answer was lost as OrderOutcomeUnknownError; the lookup then finds it', async () => {
    await sim.control.setFaults('coinbase', { dropOrderResponses: 1 })
    const callerId = `lost-${randomUUID()}`
    const error = await connector.placeOrder(limitBuy({ clientOrderId: callerId })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OrderOutcomeUnknownError)
    const found = await connector.findOrder({ symbol: SYMBOL, clientOrderId: callerId })
    expect(found).toMatchObject({ status: 'open', amount: '0.01', price: '50000' })
  })

  it('maps an injected 500 on a read to ExchangeUnavailableError (retryable)', async () => {
    await sim.control.setFaults('coinbase', { errorRate: 1 })
    const error = await connector.getTicker(SYMBOL).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExchangeUnavailableError)
    expect(error).toMatchObject({ retryable: true })
  })
})

describe('coinbase connector errors: throttling', () => {
  it("maps Coinbase's 429 to RateLimitError with the venue's Retry-After", async () => {
    const frozen = Date.now()
    const dialect = coinbaseDialect({ rateLimits: { private: { ratePerSecond: 0.5, burst: 1 } } })
    const throttled = await startTestSimulator({ now: () => frozen, dialects: { coinbase: dialect } })
    const limited = coinbaseAgainst(throttled)
    try {
      await limited.getBalances()
      const error = await limited.getBalances().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(RateLimitError)
      expect(error).toMatchObject({ retryAfterMs: 2000, retryable: true })
      expect((error as Error).message).toContain('Private rate limit exceeded')
    } finally {
      await limited.close()
      await throttled.close()
    }
  })
})
