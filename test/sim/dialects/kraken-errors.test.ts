// Goal: every refusal reaches ccxt.kraken as Kraken sends it (HTTP 200, {"error":[...]}) and so as the ccxt class
// Kraken's own answer would produce (exchange-wire-formats.md §3.5); rate limits after Kraken's published counters.
// Method: the unmodified ccxt client over HTTP; raw privatePost* calls where ccxt would round or refuse locally.
import ccxt from 'ccxt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { krakenDialect } from '../../../sim/dialects/kraken/index.js'
import { startTestSimulator, type TestSimulator } from '../../support/simulator.js'
import { type KrakenClient, krakenClient, startUnthrottledSimulator } from './kraken-harness.js'

const OTHER_SECRET = Buffer.from('not-the-demo-secret'.padEnd(64, '1')).toString('base64')

describe('Kraken refusals through ccxt', () => {
  let sim: TestSimulator
  let kraken: KrakenClient

  beforeAll(async () => {
    sim = await startUnthrottledSimulator()
    kraken = krakenClient(sim)
    await kraken.loadMarkets()
  })
  afterAll(async () => {
    await kraken.close()
    await sim.close()
  })

  it('answers a wrong secret and an unknown key with EAPI:Invalid key (AuthenticationError)', async () => {
    const wrongSecret = krakenClient(sim, { secret: OTHER_SECRET })
    await expect(wrongSecret.fetchBalance()).rejects.toThrow(ccxt.AuthenticationError)
    const unknownKey = krakenClient(sim, { apiKey: 'nobody' })
    await expect(unknownKey.fetchBalance()).rejects.toThrow(/EAPI:Invalid key/)
  })

  it('answers a malformed API-Sign with EAPI:Invalid signature', async () => {
    const response = await fetch(`${sim.urls.kraken}/0/private/Balance`, {
      method: 'POST',
      headers: { 'API-Key': sim.credentials.kraken.apiKey, 'API-Sign': 'abc' },
      body: `nonce=${Date.now()}`,
    })
    expect(await response.text()).toBe('{"error":["EAPI:Invalid signature"]}')
  })

  it('refuses a nonce that does not increase (InvalidNonce)', async () => {
    await kraken.fetchBalance()
    const stale = krakenClient(sim)
    stale.nonce = () => 1_000
    await expect(stale.fetchBalance()).rejects.toThrow(ccxt.InvalidNonce)
    await expect(stale.fetchBalance()).rejects.toThrow(/EAPI:Invalid nonce/)
  })

  it('refuses an order the account cannot pay for (InsufficientFunds)', async () => {
    await expect(kraken.createOrder('BTC/USD', 'limit', 'buy', 1000, 60000)).rejects.toThrow(ccxt.InsufficientFunds)
  })

  it('refuses volumes below ordermin and off the lot step (InvalidOrder)', async () => {
    const below = kraken.createOrder('BTC/USD', 'limit', 'buy', 0.00005, 60000)
    await expect(below).rejects.toThrow(ccxt.InvalidOrder)
    await expect(below).rejects.toThrow(/EOrder:Order minimum not met/)
    const offStep = kraken.privatePostAddOrder({
      pair: 'XXBTZUSD',
      type: 'buy',
      ordertype: 'limit',
      volume: '0.000100001',
      price: '60000',
    })
    await expect(offStep).rejects.toThrow(ccxt.InvalidOrder)
    await expect(offStep).rejects.toThrow(/EGeneral:Invalid arguments:volume/)
  })

  it('refuses a price finer than pair_decimals with EOrder:Invalid price', async () => {
    const order = kraken.privatePostAddOrder({
      pair: 'XBTUSD',
      type: 'buy',
      ordertype: 'limit',
      volume: '0.01',
      price: '60000.05',
    })
    await expect(order).rejects.toThrow(/EOrder:Invalid price:XBTUSD price can only be specified up to 1 decimals/)
  })

  it('answers an unknown pair with EQuery:Unknown asset pair', async () => {
    const order = kraken.privatePostAddOrder({ pair: 'DOGEEUR', type: 'buy', ordertype: 'market', volume: '1' })
    await expect(order).rejects.toThrow(/EQuery:Unknown asset pair/)
  })

  it('answers an unknown order as InvalidOrder when queried and OrderNotFound when cancelled (quirk 5)', async () => {
    const unknown = 'OAAAAA-BBBBB-CCCCCC'
    const fetched = kraken.fetchOrder(unknown)
    await expect(fetched).rejects.toThrow(ccxt.InvalidOrder)
    await expect(fetched).rejects.toThrow(/EOrder:Unknown order/)
    await expect(kraken.cancelOrder(unknown)).rejects.toThrow(ccxt.OrderNotFound)
  })

  it('refuses a duplicate cl_ord_id among open orders and malformed cl_ord_ids', async () => {
    await kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, 50000, { clientOrderId: 'dup-1' })
    await expect(
      kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, 50000, { clientOrderId: 'dup-1' })
    ).rejects.toThrow(/EOrder:Duplicate cl_ord_id/)
    const tooLong = 'a-free-text-id-longer-than-eighteen'
    await expect(
      kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, 50000, { clientOrderId: tooLong })
    ).rejects.toThrow(/EGeneral:Invalid arguments:cl_ord_id/)
  })

  it('reports maintenance in SystemStatus and EService:Unavailable elsewhere (ExchangeNotAvailable)', async () => {
    await sim.control.setFaults('kraken', { down: true })
    try {
      expect((await kraken.fetchStatus()).status).toBe('maintenance')
      await expect(kraken.fetchBalance()).rejects.toThrow(ccxt.ExchangeNotAvailable)
      await expect(kraken.fetchTicker('BTC/USD')).rejects.toThrow(/EService:Unavailable/)
    } finally {
      await sim.control.clearFaults('kraken')
    }
  })

  it('answers injected server errors with EGeneral:Internal error (ExchangeNotAvailable)', async () => {
    await sim.control.setFaults('kraken', { errorRate: 1 })
    try {
      await expect(kraken.fetchTicker('BTC/USD')).rejects.toThrow(ccxt.ExchangeNotAvailable)
    } finally {
      await sim.control.clearFaults('kraken')
    }
  })
})

describe('Kraken rate limits through ccxt', () => {
  it('refuses a burst above the Starter call counter with EAPI:Rate limit exceeded (DDoSProtection)', async () => {
    const sim = await startTestSimulator()
    const kraken = krakenClient(sim)
    try {
      await kraken.loadMarkets()
      for (let i = 0; i < 15; i++) await kraken.fetchBalance()
      const over = kraken.fetchBalance()
      await expect(over).rejects.toThrow(ccxt.DDoSProtection)
      await expect(over).rejects.toThrow(/EAPI:Rate limit exceeded/)
      // order entry is governed by the trading counter, not the call counter
      const order = await kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, 50000)
      expect(order.id).toMatch(/^O/)
    } finally {
      await kraken.close()
      await sim.close()
    }
  })

  it('refuses orders above the per-pair trading counter with EOrder:Rate limit exceeded', async () => {
    const tradingCounter = { max: 3, decayPerSecond: 0.001 }
    const sim = await startTestSimulator({ dialects: { kraken: krakenDialect({ rateLimits: { tradingCounter } }) } })
    const kraken = krakenClient(sim)
    try {
      await kraken.loadMarkets()
      for (let i = 0; i < 3; i++) await kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, 50000)
      const over = kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, 50000)
      await expect(over).rejects.toThrow(/EOrder:Rate limit exceeded/)
      await expect(over).rejects.toThrow(ccxt.DDoSProtection)
      expect((await kraken.createOrder('ETH/USD', 'limit', 'buy', 0.01, 3000)).id).toMatch(/^O/)
    } finally {
      await kraken.close()
      await sim.close()
    }
  })

  it('locks a caller out after repeated bad keys (EGeneral:Temporary lockout)', async () => {
    const sim = await startTestSimulator({
      dialects: { kraken: krakenDialect({ lockout: { attempts: 2, durationMs: 60_000 } }) },
    })
    const intruder = krakenClient(sim, { secret: OTHER_SECRET })
    const owner = krakenClient(sim)
    try {
      await intruder.loadMarkets()
      await expect(intruder.fetchBalance()).rejects.toThrow(ccxt.AuthenticationError)
      await expect(intruder.fetchBalance()).rejects.toThrow(ccxt.AuthenticationError)
      await expect(intruder.fetchBalance()).rejects.toThrow(/EGeneral:Temporary lockout/)
      await expect(owner.fetchBalance()).rejects.toThrow(ccxt.DDoSProtection)
    } finally {
      await intruder.close()
      await owner.close()
      await sim.close()
    }
  })
})
