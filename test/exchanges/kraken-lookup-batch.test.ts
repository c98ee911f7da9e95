// Lookups by client order id share Kraken's scarce private-call budget: the ones waiting together cost one read of the
// open and one of the closed orders in all, and each is answered only by a read that started after it was asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { krakenRateModel } from '../../exchanges/rate-limit/kraken.js'
import { createLookupBatcher, type PendingLookup } from '../../exchanges/kraken/lookup-batch.js'
import type { KrakenConnector } from '../../exchanges/connector.js'
import {
  BTC_USD_BOOK,
  closeKrakenSession,
  krakenAgainst,
  openKrakenSession,
  type KrakenSession,
} from './kraken-harness.js'

describe('createLookupBatcher', () => {
  it('answers the lookups waiting together with one read', async () => {
    const reads: string[][] = []
    const batcher = createLookupBatcher<string>(async (pending) => {
      reads.push(pending.map((p) => p.clientOrderId))
      return new Map(pending.map((p) => [p, p.clientOrderId === 'gone' ? undefined : `order ${p.clientOrderId}`]))
    })
    const answers = await Promise.all(
      ['a', 'b', 'gone'].map((id) => batcher.lookup({ symbol: 'BTC/USD', clientOrderId: id }))
    )
    expect(answers).toEqual(['order a', 'order b', undefined])
    expect(reads).toEqual([['a'], ['b', 'gone']])
  })

  it('never answers a lookup with a read that started before it was asked', async () => {
    let release!: () => void
    const started: string[][] = []
    const batcher = createLookupBatcher<string>(async (pending: PendingLookup[]) => {
      started.push(pending.map((p) => p.clientOrderId))
      if (started.length === 1) await new Promise<void>((resolve) => (release = resolve))
      return new Map(pending.map((p) => [p, `read ${started.length}`]))
    })
    const first = batcher.lookup({ symbol: 'BTC/USD', clientOrderId: 'x' })
    await Promise.resolve()
    const second = batcher.lookup({ symbol: 'BTC/USD', clientOrderId: 'y' })
    const third = batcher.lookup({ symbol: 'BTC/USD', clientOrderId: 'z' })
    release()
    expect(await first).toBe('read 1')
    expect(await second).toBe('read 2')
    expect(await third).toBe('read 2')
    expect(started).toEqual([['x'], ['y', 'z']])
  })

  it('passes a failed read to every lookup that waited for it', async () => {
    const batcher = createLookupBatcher<string>(async () => {
      throw new Error('venue unavailable')
    })
    const lookups = ['a', 'b'].map((id) => batcher.lookup({ symbol: 'BTC/USD', clientOrderId: id }))
    await expect(Promise.all(lookups)).rejects.toThrow('venue unavailable')
    await expect(lookups[1]).rejects.toThrow('venue unavailable')
  })
})

describe('Kraken lookups by client order id on the Starter budget', () => {
  let session: KrakenSession
  let starter: KrakenConnector
  beforeAll(async () => {
    session = await openKrakenSession()
    await session.sim.control.setBook('kraken', 'BTC/USD', BTC_USD_BOOK)
    // Same account, the Starter tier's call counter (15, decaying 0.33/s) in force on the client side.
    starter = krakenAgainst(session.sim, {}, { rateLimitModel: krakenRateModel() })
    await starter.initialize()
  })
  afterAll(async () => {
    await starter?.close()
    if (session) await closeKrakenSession(session)
  })

  it('finds twelve orders looked up at once, within the budget, each the right one', async () => {
    const placed = []
    for (let i = 0; i < 12; i++) {
      const type = i % 3 === 0 ? 'limit' : 'market'
      placed.push(
        await session.kraken.placeOrder({
          symbol: 'BTC/USD',
          side: 'buy',
          type,
          amount: '0.01',
          ...(type === 'limit' ? { price: '50000' } : {}),
        })
      )
    }
    // One lookup each would be 24 private calls: over the counter's 15, so the last ones would wait for its decay
    // longer than the request timeout and be refused (RateLimitError).
    const found = await Promise.all(
      placed.map((o) => starter.getOrder({ symbol: 'BTC/USD', clientOrderId: o.clientOrderId }))
    )
    expect(found.map((o) => [o.clientOrderId, o.id, o.status])).toEqual(
      placed.map((o) => [o.clientOrderId, o.id, o.status])
    )
    await expect(
      starter.findOrder({ symbol: 'BTC/USD', clientOrderId: 'f0f0f0f0-0000-4000-8000-000000000000' })
    ).resolves.toBeUndefined()
  })
})
