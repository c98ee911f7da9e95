// Goal (issue 7, hole 9): a venue's "client order id in use" answer reaches the caller as DuplicateClientOrderIdError
// carrying the id (the order exists: settle it by lookup), never as the definitive InvalidOrderError it used to be.
// Method: each connector over unmodified ccxt against the simulator, which enforces uniqueness as each venue does
// (Binance and Kraken: among open orders; Coinbase Exchange: not at all).
import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { BinanceConnector, CoinbaseConnector, KrakenConnector } from '../../exchanges/connector.js'
import { DuplicateClientOrderIdError } from '../../exchanges/errors.js'
import type { TestSimulator } from '../support/simulator.js'
import { closeAllVenues, openAllVenues, refusalOf, restingBuy } from './all-venues-harness.js'

let sim: TestSimulator
let binance: BinanceConnector
let kraken: KrakenConnector
let coinbase: CoinbaseConnector

beforeAll(async () => {
  ;({ sim, binance, kraken, coinbase } = await openAllVenues())
})
afterAll(async () => closeAllVenues({ sim, binance, kraken, coinbase }))

describe('a second placement under a client order id in use', () => {
  it('binance spot (-2010 "Duplicate order sent.") -> DuplicateClientOrderIdError, nothing new at the venue', async () => {
    const clientOrderId = `dup-${randomUUID().slice(0, 8)}`
    const first = await binance.placeOrder(restingBuy('BTC/USDT', '0.001', clientOrderId))
    const err = await refusalOf(binance.placeOrder(restingBuy('BTC/USDT', '0.001', clientOrderId)))
    expect(err).toBeInstanceOf(DuplicateClientOrderIdError)
    expect((err as DuplicateClientOrderIdError).clientOrderId).toBe(clientOrderId)
    expect((err as Error).message).toContain('Duplicate order sent.')
    expect(await sim.control.receivedOrders('binance', { clientOrderId })).toHaveLength(1)
    // settled by lookup: the order that exists is the first one
    expect((await binance.getOrder({ symbol: 'BTC/USDT', clientOrderId })).id).toBe(first.id)
  })

  it('binance USD-M (-4116) -> DuplicateClientOrderIdError', async () => {
    const clientOrderId = `dupf-${randomUUID().slice(0, 8)}`
    await binance.placeFuturesOrder(restingBuy('BTC/USDT:USDT', '0.01', clientOrderId))
    const err = await refusalOf(binance.placeFuturesOrder(restingBuy('BTC/USDT:USDT', '0.01', clientOrderId)))
    expect(err).toBeInstanceOf(DuplicateClientOrderIdError)
    expect((err as DuplicateClientOrderIdError).clientOrderId).toBe(clientOrderId)
    expect(await sim.control.receivedOrders('binance', { clientOrderId })).toHaveLength(1)
  })

  it('kraken (EOrder:Duplicate cl_ord_id) -> DuplicateClientOrderIdError, with the canonical id', async () => {
    const clientOrderId = randomUUID()
    const first = await kraken.placeOrder(restingBuy('BTC/USD', '0.01', clientOrderId))
    // another spelling of the same UUID is the same cl_ord_id
    const err = await refusalOf(kraken.placeOrder(restingBuy('BTC/USD', '0.01', clientOrderId.toUpperCase())))
    expect(err).toBeInstanceOf(DuplicateClientOrderIdError)
    expect((err as DuplicateClientOrderIdError).clientOrderId).toBe(clientOrderId)
    expect(await sim.control.receivedOrders('kraken', { clientOrderId })).toHaveLength(1)
    expect((await kraken.getOrder({ symbol: 'BTC/USD', clientOrderId: clientOrderId.toUpperCase() })).id).toBe(first.id)
  })

  it('kraken conditional orders go the same way', async () => {
    const clientOrderId = randomUUID()
    await kraken.placeConditionalOrder({
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'stop-loss',
      amount: '0.01',
      triggerPrice: '40000',
      clientOrderId,
    })
    const err = await refusalOf(
      kraken.placeConditionalOrder({
        symbol: 'BTC/USD',
        side: 'sell',
        type: 'stop-loss',
        amount: '0.01',
        triggerPrice: '40000',
        clientOrderId,
      })
    )
    expect(err).toBeInstanceOf(DuplicateClientOrderIdError)
  })

  // Coinbase Exchange does not check client_oid (see sim/engine/placement.ts): it never answers "duplicate", so only
  // the caller's lookup-before-send keeps an id to one order. This pins that the connector does not pretend otherwise.
  it('coinbase accepts it: two orders under one client_oid (the venue does not protect us)', async () => {
    const clientOrderId = randomUUID()
    await coinbase.placeOrder(restingBuy('BTC/USD', '0.01', clientOrderId))
    await coinbase.placeOrder(restingBuy('BTC/USD', '0.01', clientOrderId))
    expect(await sim.control.receivedOrders('coinbase', { clientOrderId })).toHaveLength(2)
  })
})
