// Goal: Kraken's failures reach the caller as the right ExchangeError class — definitive refusals, throttling,
// maintenance and lost answers — and private calls on one key never trip over their own nonces.
// Method: the connector over ccxt against the simulator, with its fault injection and Kraken's counters.
import { randomUUID } from 'node:crypto'

import ccxt from 'ccxt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { KrakenConnector } from '../../exchanges/connector.js'
import {
  AuthenticationError,
  ExchangeUnavailableError,
  OrderOutcomeUnknownError,
  RateLimitError,
} from '../../exchanges/errors.js'
import { krakenRateModel } from '../../exchanges/rate-limit/kraken.js'
import { DEMO_CREDENTIALS } from '../../sim/credentials.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'
import { closeKrakenSession, krakenAgainst, openKrakenSession, startRoomySimulator } from './kraken-harness.js'

const LIMIT_ORDER = { symbol: 'BTC/USD', side: 'buy', type: 'limit', amount: '0.01', price: '50000' } as const

describe('Kraken connector failures', () => {
  let sim: TestSimulator
  let kraken: KrakenConnector

  beforeAll(async () => {
    ;({ sim, kraken } = await openKrakenSession())
  })
  afterAll(() => closeKrakenSession({ sim, kraken }))

  it('maps a wrong secret to AuthenticationError without revealing it', async () => {
    const secret = Buffer.from('wrong-kraken-secret'.padEnd(64, '7')).toString('base64')
    const intruder = krakenAgainst(sim, { secret })
    try {
      const failure = await intruder.getBalances().catch((err: unknown) => err)
      expect(failure).toBeInstanceOf(AuthenticationError)
      expect((failure as Error).message).toMatch(/EAPI:Invalid key/)
      expect((failure as Error).message).not.toContain(secret)
    } finally {
      await intruder.close()
    }
  })

  it('runs concurrent private calls on one key, from two connectors, without nonce errors', async () => {
    const twin = krakenAgainst(sim)
    try {
      const calls = Array.from({ length: 12 }, (_, i) =>
        i % 3 === 0 ? kraken.getBalances() : i % 3 === 1 ? twin.getOpenOrders('BTC/USD') : twin.getBalances()
      )
      const placements = Array.from({ length: 4 }, () => kraken.placeOrder(LIMIT_ORDER))
      const results = await Promise.all([...calls, ...placements])
      expect(results).toHaveLength(16)
    } finally {
      await twin.close()
    }
  })

  it('reports a nonce refused by Kraken as a refusal before anything was placed', async () => {
    const ahead = new ccxt.kraken({ ...DEMO_CREDENTIALS.kraken, enableRateLimit: false })
    ahead.urls['api'] = {
      ...(ahead.urls['api'] as Record<string, string>),
      public: sim.urls.kraken,
      private: sim.urls.kraken,
    }
    // another process on the same key, far ahead of our clock
    ahead.nonce = () => Date.now() + 3_600_000
    await ahead.fetchBalance()
    const failure = await kraken.placeOrder(LIMIT_ORDER).catch((err: unknown) => err)
    expect(failure).toBeInstanceOf(ExchangeUnavailableError)
    expect((failure as Error).message).toMatch(/EAPI:Invalid nonce/)
    await ahead.close()
  })
})

describe('Kraken connector under faults', () => {
  let sim: TestSimulator
  let kraken: KrakenConnector
  const received = () => sim.engines.kraken.receivedOrders()

  beforeAll(async () => {
    ;({ sim, kraken } = await openKrakenSession())
  })
  afterAll(() => closeKrakenSession({ sim, kraken }))

  it('reports maintenance: status, reads and placements refused as unavailable, nothing placed', async () => {
    await sim.control.setFaults('kraken', { down: true })
    try {
      const before = received().length
      expect(await kraken.getStatus()).toMatchObject({ exchange: 'kraken', status: 'maintenance' })
      await expect(kraken.getBalances()).rejects.toThrow(ExchangeUnavailableError)
      const failure = await kraken.placeOrder(LIMIT_ORDER).catch((err: unknown) => err)
      expect(failure).toBeInstanceOf(ExchangeUnavailableError)
      expect((failure as Error).message).toMatch(/EService:Unavailable/)
      expect(received().length).toBe(before)
    } finally {
      await sim.control.clearFaults('kraken')
    }
  })

  it('treats a 5xx on placement as outcome unknown, carrying the client order id', async () => {
    await sim.control.setFaults('kraken', { errorRate: 1 })
    const clientOrderId = randomUUID()
    try {
      const failure = await kraken.placeOrder({ ...LIMIT_ORDER, clientOrderId }).catch((err: unknown) => err)
      expect(failure).toBeInstanceOf(OrderOutcomeUnknownError)
      expect((failure as OrderOutcomeUnknownError).clientOrderId).toBe(clientOrderId)
    } finally {
      await sim.control.clearFaults('kraken')
    }
    expect(await kraken.findOrder({ symbol: 'BTC/USD', clientOrderId })).toBeUndefined()
  })

  it('resolves a lost placement answer by looking the order up by its client order id', async () => {
    await sim.control.setFaults('kraken', { dropOrderResponses: 1 })
    const clientOrderId = randomUUID()
    const failure = await kraken.placeOrder({ ...LIMIT_ORDER, clientOrderId }).catch((err: unknown) => err)
    expect(failure).toBeInstanceOf(OrderOutcomeUnknownError)
    const found = await kraken.getOrder({ symbol: 'BTC/USD', clientOrderId })
    expect(found).toMatchObject({ clientOrderId, status: 'open', amount: '0.01', price: '50000' })
    expect(received().filter((o) => o.clientOrderId === clientOrderId)).toHaveLength(1)
  })
})

describe('Kraken rate limits through the connector', () => {
  it("maps Kraken's EAPI:Rate limit exceeded to RateLimitError with the counter's decay as the wait", async () => {
    const sim = await startTestSimulator()
    const kraken = krakenAgainst(sim)
    try {
      await kraken.initialize()
      for (let i = 0; i < 15; i++) await kraken.getBalances()
      const failure = await kraken.getBalances().catch((err: unknown) => err)
      expect(failure).toBeInstanceOf(RateLimitError)
      expect(failure).toMatchObject({ operation: 'getBalances', retryAfterMs: 3_100, retryable: true })
      expect((failure as Error).message).toMatch(/EAPI:Rate limit exceeded/)
      expect(kraken.checkRateLimit('account').allowed).toBe(false)
    } finally {
      await kraken.close()
      await sim.close()
    }
  })

  it("paces by Kraken's model: the call counter and the per-pair trading counter are separate budgets", async () => {
    const sim = await startRoomySimulator()
    const model = krakenRateModel({ callCounterMax: 3, callCounterDecayPerSecond: 0.01 })
    const kraken = krakenAgainst(sim, { rateLimitBuffer: 0 }, { rateLimitModel: model })
    try {
      await kraken.initialize()
      for (let i = 0; i < 3; i++) await kraken.getBalances()
      const decision = kraken.checkRateLimit('account')
      expect(decision.allowed).toBe(false)
      expect(decision.retryAfterMs).toBeGreaterThan(1_000)
      expect(kraken.checkRateLimit('placeOrder')).toEqual({ allowed: true, retryAfterMs: 0 })
      expect(kraken.checkRateLimit('marketData')).toEqual({ allowed: true, retryAfterMs: 0 })
    } finally {
      await kraken.close()
      await sim.close()
    }
  })
})
