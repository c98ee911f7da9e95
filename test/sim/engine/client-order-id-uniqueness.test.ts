// Goal: the simulator enforces client order id uniqueness exactly as each venue documents it, so a caller that sends
// one id twice is caught by our own checks, not hidden by a refusal the real venue would not give.
// Binance and Kraken: unique among OPEN orders only. Coinbase Exchange: not checked at all.
import { describe, expect, it } from 'vitest'

import { createVenueEngine } from '../../../sim/engine/index.js'
import type { SimError } from '../../../sim/engine/types.js'
import type { ExchangeId } from '../../../domain/types.js'
import { pinSimpleBook, SPOT } from './fixtures.js'

const code = (value: string) => expect.objectContaining({ code: value }) as SimError

function engineOf(venue: ExchangeId) {
  const engine = createVenueEngine({
    venue,
    markets: [SPOT],
    seed: 1,
    now: () => 1_700_000_000_000,
    initialMids: { [SPOT.symbol]: '64000' },
  })
  engine.credit('alice', 'BTC', '10')
  engine.credit('alice', 'USDT', '1000000')
  pinSimpleBook(engine)
  return engine
}

const resting = { symbol: SPOT.symbol, side: 'buy' as const, type: 'limit' as const, amount: '0.1', price: '60000' }
const taker = { symbol: SPOT.symbol, side: 'buy' as const, type: 'market' as const, amount: '0.1' }

describe.each(['binance', 'kraken'] as const)('%s: a client order id is unique among open orders', (venue) => {
  it('refuses it while its order is open', () => {
    const engine = engineOf(venue)
    engine.placeOrder('alice', { ...resting, clientOrderId: 'open-1' })
    expect(() => engine.placeOrder('alice', { ...resting, clientOrderId: 'open-1' })).toThrowError(
      code('DUPLICATE_CLIENT_ORDER_ID')
    )
  })

  it('accepts it again once its order is closed (filled or cancelled)', () => {
    const engine = engineOf(venue)
    const filled = engine.placeOrder('alice', { ...taker, clientOrderId: 'closed-1' })
    expect(filled.status).toBe('filled')
    expect(engine.placeOrder('alice', { ...resting, clientOrderId: 'closed-1' }).status).toBe('new')
    const open = engine.placeOrder('alice', { ...resting, clientOrderId: 'closed-2' })
    engine.cancelOrder('alice', { id: open.id })
    expect(engine.placeOrder('alice', { ...resting, clientOrderId: 'closed-2' }).status).toBe('new')
    expect(engine.receivedOrders().filter((o) => o.clientOrderId === 'closed-1')).toHaveLength(2)
  })
})

describe('coinbase: client_oid is not checked', () => {
  it('accepts a second open order under the same client_oid', () => {
    const engine = engineOf('coinbase')
    const id = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'
    engine.placeOrder('alice', { ...resting, clientOrderId: id })
    engine.placeOrder('alice', { ...resting, clientOrderId: id })
    expect(engine.receivedOrders().filter((o) => o.clientOrderId === id)).toHaveLength(2)
  })
})
