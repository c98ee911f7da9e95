// Order state helpers and deterministic client order ids. SHA-1 and UUIDv5 are checked against node:crypto and
// against published vectors (Python's uuid.uuid5), and each venue's id against that venue's documented format.
import { createHash } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import {
  CLIENT_ORDER_ID_NAMESPACE,
  clientOrderIdFor,
  endedShort,
  isFilled,
  isPartiallyFilled,
  isTerminal,
  isUuid,
  unfilledAmount,
  uuidV5,
} from '../../domain/orders.js'
import { sha1, toHex, utf8Bytes } from '../../domain/sha1.js'
import { EXCHANGE_IDS } from '../../domain/types.js'

describe('order state', () => {
  it('knows terminal statuses', () => {
    for (const status of ['closed', 'canceled', 'expired', 'rejected'] as const) expect(isTerminal(status)).toBe(true)
    expect(isTerminal('open')).toBe(false)
  })

  it('tells filled from partially filled exactly', () => {
    expect(isFilled({ amount: '0.3', filled: '0.3' })).toBe(true)
    expect(isFilled({ amount: '0.3', filled: '0.29999999' })).toBe(false)
    expect(isPartiallyFilled({ amount: '0.3', filled: '0.1' })).toBe(true)
    expect(isPartiallyFilled({ amount: '0.3', filled: '0' })).toBe(false)
    expect(isPartiallyFilled({ amount: '0.3', filled: '0.3' })).toBe(false)
    // 0.3 − 0.1 in floats is 0.19999999999999998
    expect(unfilledAmount({ amount: '0.3', filled: '0.1' })).toBe('0.2')
    expect(unfilledAmount({ amount: '0.3', filled: '0.31' })).toBe('0')
  })

  it('flags orders that ended short of their amount', () => {
    expect(endedShort({ amount: '1', filled: '0.4', status: 'canceled' })).toBe(true)
    expect(endedShort({ amount: '1', filled: '0.4', status: 'open' })).toBe(false)
    expect(endedShort({ amount: '1', filled: '1', status: 'closed' })).toBe(false)
  })
})

describe('sha1', () => {
  // 55 and 56 bytes straddle the one-block padding limit; 64 is exactly one block
  const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(1000), 'Zürich €, 東京 🚀']

  it('matches the FIPS 180 vector', () => {
    expect(toHex(sha1(utf8Bytes('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d')
  })

  it('matches node:crypto across padding boundaries and multi-byte text', () => {
    for (const input of inputs) {
      expect(toHex(sha1(utf8Bytes(input)))).toBe(createHash('sha1').update(input, 'utf8').digest('hex'))
    }
  })

  it('encodes UTF-8 like TextEncoder, lone surrogates included', () => {
    for (const input of [...inputs, 'a\ud800b']) {
      expect(Array.from(utf8Bytes(input))).toEqual(Array.from(new TextEncoder().encode(input)))
    }
  })
})

describe('uuidV5', () => {
  const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8'

  it('matches published name-based UUIDs', () => {
    expect(uuidV5('python.org', DNS)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d')
    expect(uuidV5('www.example.com', DNS)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2')
  })

  it('uses the gateway namespace by default', () => {
    expect(uuidV5('route-1-leg-1')).toBe(uuidV5('route-1-leg-1', CLIENT_ORDER_ID_NAMESPACE))
    expect(uuidV5('route-1-leg-1')).not.toBe(uuidV5('route-1-leg-2'))
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(RangeError)
  })
})

describe('clientOrderIdFor', () => {
  const BINANCE_FORMAT = /^[.A-Z:/a-z0-9_-]{1,36}$/
  const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

  it('is deterministic and valid on every venue', () => {
    const bases = [
      'route-7f3a-leg-1',
      'arb/BTC-USDT:binance->kraken#1',
      'ü'.repeat(50),
      'x'.repeat(36),
      'x'.repeat(37),
    ]
    for (const base of bases) {
      for (const exchange of EXCHANGE_IDS) {
        const id = clientOrderIdFor(exchange, base)
        expect(clientOrderIdFor(exchange, base)).toBe(id)
        if (exchange === 'binance') expect(id).toMatch(BINANCE_FORMAT)
        else expect(id).toMatch(UUID_V5)
      }
    }
  })

  it('keeps a valid Binance id as it is and shortens the rest readably', () => {
    expect(clientOrderIdFor('binance', 'route-7f3a-leg-1')).toBe('route-7f3a-leg-1')
    const long = 'workflow-0123456789-abcdefghij-leg-1'
    expect(clientOrderIdFor('binance', long)).toBe(long)
    const tooLong = `${long}x`
    const id = clientOrderIdFor('binance', tooLong)
    expect(id).toHaveLength(36)
    expect(id.startsWith('workflow-0123456789-')).toBe(true)
    expect(id.endsWith(createHash('sha1').update(tooLong).digest('hex').slice(0, 16))).toBe(true)
    expect(clientOrderIdFor('binance', 'a>b')).toMatch(/^a-b-[0-9a-f]{16}$/)
  })

  it('gives distinct ids to distinct bases', () => {
    const ids = new Set(
      Array.from({ length: 200 }, (_, i) => clientOrderIdFor('coinbase', `workflow-${'y'.repeat(40)}-leg-${i}`)),
    )
    expect(ids.size).toBe(200)
    const prefix = 'z'.repeat(40)
    expect(clientOrderIdFor('binance', `${prefix}1`)).not.toBe(clientOrderIdFor('binance', `${prefix}2`))
  })

  it('passes a UUID base (e.g. uuid4() from the workflow) through to UUID venues', () => {
    const uuid4 = '9F1E1C4E-3F0E-4C5E-8F5C-2A1D5B6E7F80'
    expect(isUuid(uuid4)).toBe(true)
    expect(clientOrderIdFor('coinbase', uuid4)).toBe(uuid4.toLowerCase())
    expect(clientOrderIdFor('kraken', uuid4)).toBe(uuid4.toLowerCase())
    expect(clientOrderIdFor('binance', uuid4)).toBe(uuid4)
  })

  it('refuses an empty base', () => {
    expect(() => clientOrderIdFor('binance', '')).toThrow(RangeError)
  })
})
