// Goal: Kraken's own "no such market" answer reaches the caller as UnknownSymbolError, a type, so that nothing past
// the connector needs to read the venue's wording (the API answers it 404 by type).
// Method: the unmodified ccxt client sends an order for a pair the simulator does not list (ccxt files the answer
// under its generic ExchangeError); the connector's refinement classes that real error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { InvalidOrderError, UnknownSymbolError } from '../../exchanges/errors.js'
import { refineKrakenError } from '../../exchanges/kraken/errors.js'
import { type KrakenClient, krakenClient, startUnthrottledSimulator } from '../sim/dialects/kraken-harness.js'
import type { TestSimulator } from '../support/simulator.js'

describe('Kraken unknown asset pair', () => {
  let sim: TestSimulator
  let kraken: KrakenClient

  beforeAll(async () => {
    sim = await startUnthrottledSimulator()
    kraken = krakenClient(sim)
  })
  afterAll(async () => {
    await kraken.close()
    await sim.close()
  })

  it('is refined into UnknownSymbolError, still an invalid request', async () => {
    const answer = await kraken
      .privatePostAddOrder({ pair: 'DOGEEUR', type: 'buy', ordertype: 'market', volume: '1' })
      .catch((err: unknown) => err)
    expect((answer as Error).message).toMatch(/EQuery:Unknown asset pair/)
    const refined = refineKrakenError(answer, { exchange: 'kraken', operation: 'placeOrder', secrets: [] })
    expect(refined).toBeInstanceOf(UnknownSymbolError)
    expect(refined).toBeInstanceOf(InvalidOrderError)
    expect((refined as UnknownSymbolError).name).toBe('UnknownSymbolError')
  })
})
