// Coinbase Exchange signing: the three vectors of wire-formats §6 (computed with ccxt 4.5.84's sign() and
// cross-checked with Python's hmac) must come out of the dialect's function, and verification must reject any
// change to the signed parts.
import { describe, expect, it } from 'vitest'

import { coinbaseSignature, signatureMatches } from '../../../sim/dialects/coinbase/signature.js'

const SECRET = 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY='
const TIMESTAMP = '1700000000'

describe('coinbase signature', () => {
  it.each([
    {
      method: 'POST',
      target: '/orders',
      body: '{"type":"limit","side":"buy","product_id":"BTC-USD","price":"30000","size":"0.01"}',
      expected: 'xxUXQVhxmIqgAFhV6g61Gz2drXapN95KEjxiRVEwdO4=',
    },
    {
      method: 'GET',
      target: '/fills?product_id=BTC-USD&limit=10',
      body: '',
      expected: 'wNFQp2Lu7AjNYFXkjbVYD3ShUMAVZBWVunQBMuOtPvE=',
    },
    { method: 'GET', target: '/accounts', body: '', expected: 'ehuvZFGPQg7DTtslo0+a48kI0hzJ7zMX85uXPorvpvg=' },
  ])('$method $target matches the published vector', ({ method, target, body, expected }) => {
    const parts = { timestamp: TIMESTAMP, method, target, body }
    expect(coinbaseSignature(SECRET, parts)).toBe(expected)
    expect(signatureMatches(SECRET, parts, expected)).toBe(true)
  })

  it('rejects a signature when the query, body, method or timestamp differ', () => {
    const signed = { timestamp: TIMESTAMP, method: 'GET', target: '/fills?product_id=BTC-USD&limit=10', body: '' }
    const signature = coinbaseSignature(SECRET, signed)
    expect(signatureMatches(SECRET, { ...signed, target: '/fills' }, signature)).toBe(false)
    expect(signatureMatches(SECRET, { ...signed, body: '{}' }, signature)).toBe(false)
    expect(signatureMatches(SECRET, { ...signed, method: 'DELETE' }, signature)).toBe(false)
    expect(signatureMatches(SECRET, { ...signed, timestamp: '1700000001' }, signature)).toBe(false)
    expect(signatureMatches(SECRET, signed, 'not-a-signature')).toBe(false)
  })
})
