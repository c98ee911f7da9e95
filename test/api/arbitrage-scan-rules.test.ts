// GET /api/arbitrage/opportunities lists only sizes both venues accept: a spread whose size is under a venue's
// minimum notional is no opportunity (executing it would have one leg refused and the other unwound at a loss).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PUBLIC_READ_CACHE_MS } from '../../api/venue-reader.js'
import { startTestStack, type TestStack } from '../support/stack.js'

let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(async () => stack?.close())

describe('arbitrage scan and venue rules', () => {
  it('does not list a spread whose size is below a venue minimum, and lists it once it is large enough', async () => {
    // 0.00005 BTC at 63000 is 3.15 USDT: under Binance's 5 USDT minimum notional.
    await stack.sim.control.setBook('binance', 'BTC/USDT', {
      bids: [['62900', '5']],
      asks: [
        ['63000', '0.00005'],
        ['65000', '5'],
      ],
    })
    await stack.sim.control.setBook('kraken', 'BTC/USDT', {
      bids: [
        ['64000', '0.00005'],
        ['62000', '5'],
      ],
      asks: [['64100', '5']],
    })
    const small = await stack.request(
      'GET',
      '/api/arbitrage/opportunities/BTC-USDT?minProfitPct=0.1&exchanges=binance,kraken'
    )
    expect(small.status).toBe(200)
    expect(small.body.opportunities).toEqual([])

    await stack.sim.control.setBook('binance', 'BTC/USDT', {
      bids: [['62900', '5']],
      asks: [
        ['63000', '0.01'],
        ['65000', '5'],
      ],
    })
    await stack.sim.control.setBook('kraken', 'BTC/USDT', {
      bids: [
        ['64000', '0.01'],
        ['62000', '5'],
      ],
      asks: [['64100', '5']],
    })
    // the API serves a venue's public book up to PUBLIC_READ_CACHE_MS old
    await new Promise((resolve) => setTimeout(resolve, PUBLIC_READ_CACHE_MS + 50))
    const large = await stack.request(
      'GET',
      '/api/arbitrage/opportunities/BTC-USDT?minProfitPct=0.1&exchanges=binance,kraken'
    )
    expect(large.body.opportunities[0]).toMatchObject({
      buyExchange: 'binance',
      sellExchange: 'kraken',
      amount: '0.01',
    })
  })
})
