// Goal (issue 7, hole 1): an order attempt never sends after its deadline. Everything before the send (market load,
// rate-limit wait, Kraken's private-call queue) waits at most until `sendBy`, and the check right before ccxt is
// handed the request refuses a late or cancelled attempt with SendDeadlineError, which proves nothing was sent.
// Method: connectors over unmodified ccxt against the simulator; "nothing was sent" is read from the venue's own
// list of received orders.
import { randomUUID } from 'node:crypto'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { BinanceConnector, CoinbaseConnector, KrakenConnector } from '../../exchanges/connector.js'
import { SendDeadlineError } from '../../exchanges/errors.js'
import { createKeySerialiser } from '../../exchanges/kraken/key-serialiser.js'
import { binanceRateModel } from '../../exchanges/rate-limit/binance.js'
import { createRateLimiter } from '../../exchanges/rate-limit/limiter.js'
import {
  latestSendBy,
  MIN_PRE_SEND_BUDGET_MS,
  requestTimeoutProblem,
  SEND_MARGIN_MS,
} from '../../exchanges/send-deadline.js'
import { DEMO_CREDENTIALS } from '../../sim/credentials.js'
import type { TestSimulator } from '../support/simulator.js'
import { closeAllVenues, openAllVenues, refusalOf, restingBuy } from './all-venues-harness.js'
import { binanceAgainst } from './binance/harness.js'
import { krakenAgainst, ROOMY_MODEL } from './kraken-harness.js'

let sim: TestSimulator
let binance: BinanceConnector
let kraken: KrakenConnector
let coinbase: CoinbaseConnector

beforeAll(async () => {
  ;({ sim, binance, kraken, coinbase } = await openAllVenues())
})
afterEach(async () => {
  await sim.control.clearFaults()
})
afterAll(async () => closeAllVenues({ sim, binance, kraken, coinbase }))

function expectNotSent(err: unknown, clientOrderId: string): void {
  expect(err).toBeInstanceOf(SendDeadlineError)
  const error = err as SendDeadlineError
  expect(error.name).toBe('SendDeadlineError')
  expect(error.retryable).toBe(true)
  expect(error.clientOrderId).toBe(clientOrderId)
  expect(error.message).toContain(
    `order ${clientOrderId} not sent: its attempt's deadline passed before the request went out`
  )
}

describe('requestTimeoutProblem (start-up check)', () => {
  it('accepts a request timeout that leaves the pre-send budget and the margin inside the placement timeout', () => {
    expect(requestTimeoutProblem(10_000, 20_000)).toBeUndefined()
    expect(requestTimeoutProblem(20_000 - MIN_PRE_SEND_BUDGET_MS - SEND_MARGIN_MS, 20_000)).toBeUndefined()
  })

  it('refuses one that does not fit, naming EXCHANGE_REQUEST_TIMEOUT and the limit', () => {
    const limit = 20_000 - MIN_PRE_SEND_BUDGET_MS - SEND_MARGIN_MS
    const problem = requestTimeoutProblem(300_000, 20_000)
    expect(problem).toContain('EXCHANGE_REQUEST_TIMEOUT')
    expect(problem).toContain(`at most ${limit} ms`)
    expect(requestTimeoutProblem(limit + 1, 20_000)).toBeDefined()
  })

  it('latestSendBy leaves the request timeout and the margin before the deadline', () => {
    expect(latestSendBy(100_000, 10_000)).toBe(100_000 - 10_000 - SEND_MARGIN_MS)
  })
})

describe('an attempt past its sendBy sends nothing', () => {
  it('sends normally while the deadline is ahead', async () => {
    const clientOrderId = `ok-${randomUUID().slice(0, 8)}`
    const order = await binance.placeOrder(restingBuy('BTC/USDT', '0.001', clientOrderId), {
      sendBy: Date.now() + 5_000,
    })
    expect(order.clientOrderId).toBe(clientOrderId)
    expect(await sim.control.receivedOrders('binance', { clientOrderId })).toHaveLength(1)
  })

  it.each([
    [
      'binance placeOrder',
      'binance',
      () => binance,
      (c: string, o: object) => binance.placeOrder(restingBuy('BTC/USDT', '0.001', c), o),
    ],
    [
      'binance placeFuturesOrder',
      'binance',
      () => binance,
      (c: string, o: object) => binance.placeFuturesOrder(restingBuy('BTC/USDT:USDT', '0.01', c), o),
    ],
    [
      'coinbase placeAdvancedOrder',
      'coinbase',
      () => coinbase,
      (c: string, o: object) => coinbase.placeAdvancedOrder(restingBuy('BTC/USD', '0.01', c), o),
    ],
    [
      'kraken placeOrder',
      'kraken',
      () => kraken,
      (c: string, o: object) => kraken.placeOrder(restingBuy('BTC/USD', '0.01', c), o),
    ],
    [
      'kraken placeMarginOrder',
      'kraken',
      () => kraken,
      (c: string, o: object) => kraken.placeMarginOrder({ ...restingBuy('BTC/USD', '0.01', c), leverage: 2 }, o),
    ],
    [
      'kraken placeConditionalOrder',
      'kraken',
      () => kraken,
      (c: string, o: object) =>
        kraken.placeConditionalOrder(
          {
            symbol: 'BTC/USD',
            side: 'sell',
            type: 'stop-loss',
            amount: '0.01',
            triggerPrice: '40000',
            clientOrderId: c,
          },
          o
        ),
    ],
  ] as const)('%s: a deadline already passed -> SendDeadlineError', async (_, venue, __, place) => {
    const clientOrderId = randomUUID()
    expectNotSent(await refusalOf(place(clientOrderId, { sendBy: Date.now() - 1 })), clientOrderId)
    expect(await sim.control.receivedOrders(venue, { clientOrderId })).toEqual([])
  })

  it('a cancelled attempt (aborted signal) sends nothing', async () => {
    const clientOrderId = randomUUID()
    const controller = new AbortController()
    controller.abort()
    const err = await refusalOf(
      coinbase.placeOrder(restingBuy('BTC/USD', '0.01', clientOrderId), { signal: controller.signal })
    )
    expectNotSent(err, clientOrderId)
    expect(await sim.control.receivedOrders('coinbase', { clientOrderId })).toEqual([])
  })

  it('a rate-limit wait that would end past sendBy fails at once instead of waiting, then sends nothing', async () => {
    const limiter = createRateLimiter({ model: binanceRateModel(), buffer: 0, maxWaitMs: 10_000 })
    const paced = binanceAgainst(sim, {}, { rateLimiter: limiter })
    try {
      await paced.initialize()
      limiter.blockUntil(Date.now() + 3_000) // as after a 429 with Retry-After: 3
      const clientOrderId = `rl-${randomUUID().slice(0, 8)}`
      const started = Date.now()
      const err = await refusalOf(
        paced.placeOrder(restingBuy('BTC/USDT', '0.001', clientOrderId), { sendBy: Date.now() + 1_000 })
      )
      expect(Date.now() - started).toBeLessThan(500)
      expectNotSent(err, clientOrderId)
      await new Promise((resolve) => setTimeout(resolve, 3_200))
      expect(await sim.control.receivedOrders('binance', { clientOrderId })).toEqual([])
    } finally {
      await paced.close()
    }
  })

  it("a turn in Kraken's private-call queue that comes after sendBy is given up, and never sends later", async () => {
    const serialiser = createKeySerialiser()
    const queued = krakenAgainst(sim, {}, { rateLimitModel: ROOMY_MODEL, serialiser })
    try {
      await queued.initialize()
      const { apiKey } = DEMO_CREDENTIALS.kraken
      // another private call on the same key holds the queue for 1.5 s
      const blocker = serialiser.run(apiKey, () => new Promise((resolve) => setTimeout(resolve, 1_500)))
      const clientOrderId = randomUUID()
      const started = Date.now()
      const err = await refusalOf(
        queued.placeOrder(restingBuy('BTC/USD', '0.01', clientOrderId), { sendBy: Date.now() + 300 })
      )
      expect(Date.now() - started).toBeLessThan(1_200)
      expectNotSent(err, clientOrderId)
      await blocker
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(await sim.control.receivedOrders('kraken', { clientOrderId })).toEqual([])
    } finally {
      await queued.close()
    }
  })

  it('a slow market (re)load is waited for only until sendBy', async () => {
    const fresh = binanceAgainst(sim) // markets not loaded yet: placeOrder must load them first
    try {
      await sim.control.setFaults('binance', { latencyMs: 1_500 })
      const clientOrderId = `ml-${randomUUID().slice(0, 8)}`
      const started = Date.now()
      const err = await refusalOf(
        fresh.placeOrder(restingBuy('BTC/USDT', '0.001', clientOrderId), { sendBy: Date.now() + 300 })
      )
      expect(Date.now() - started).toBeLessThan(1_200)
      expectNotSent(err, clientOrderId)
      await sim.control.clearFaults('binance')
      await fresh.initialize() // the load goes on in the background and completes
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(await sim.control.receivedOrders('binance', { clientOrderId })).toEqual([])
    } finally {
      await fresh.close()
    }
  })
})
