import { describe, expect, it } from 'vitest'

import { decodeTxid, encodeTxid } from '../../../sim/dialects/kraken/index.js'

describe('Kraken txids from engine ids', () => {
  it('look like Kraken ids and decode back to the engine id', () => {
    for (const id of [0, 1, 2, 41, 1_000_000, 2 ** 53 - 1]) {
      const txid = encodeTxid('order', id)
      expect(txid).toMatch(/^O[A-Z2-7]{5}-[A-Z2-7]{5}-[A-Z2-7]{6}$/)
      expect(decodeTxid('order', txid)).toBe(id)
    }
  })

  it('are deterministic and distinct for neighbouring ids', () => {
    expect(encodeTxid('order', 7)).toBe(encodeTxid('order', 7))
    const ids = new Set(Array.from({ length: 500 }, (_, i) => encodeTxid('order', i)))
    expect(ids.size).toBe(500)
  })

  it('keep order and trade ids apart', () => {
    const trade = encodeTxid('trade', 5)
    expect(trade.startsWith('T')).toBe(true)
    expect(decodeTxid('trade', trade)).toBe(5)
    expect(decodeTxid('order', trade)).toBeUndefined()
    expect(decodeTxid('posting', trade)).toBeUndefined()
  })

  it('reject malformed or altered ids', () => {
    const txid = encodeTxid('order', 12)
    const altered = txid.slice(0, -1) + (txid.endsWith('A') ? 'B' : 'A')
    expect(decodeTxid('order', altered)).toBeUndefined()
    expect(decodeTxid('order', 'OQCLML-BW3P3-BUCMWZ')).toBeUndefined()
    expect(decodeTxid('order', 'not-a-txid')).toBeUndefined()
    expect(decodeTxid('order', '')).toBeUndefined()
  })
})
