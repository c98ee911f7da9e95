// Goal (issue 7, hole 10): ids a venue would read as one client order id compare equal after canonicalClientOrderId,
// and ids it keeps apart stay apart, so the uniqueness check, the ledger and the connector agree with the venue.
import { describe, expect, it } from 'vitest'

import { canonicalClientOrderId } from '../../domain/client-order-id.js'

const UUID = '9f1e1c4e-3f0e-4c5e-8f5c-2a1d5b6e7f80'

describe('canonicalClientOrderId', () => {
  it('coinbase: a UUID in any letter case is one client_oid', () => {
    expect(canonicalClientOrderId('coinbase', UUID.toUpperCase())).toBe(UUID)
    expect(canonicalClientOrderId('coinbase', 'ABCDEF01-2345-6789-ABCD-EF0123456789')).toBe(
      'abcdef01-2345-6789-abcd-ef0123456789'
    )
    expect(canonicalClientOrderId('coinbase', UUID)).toBe(UUID)
  })

  it('coinbase: a non-UUID id is kept as is (the connector hashes the exact string into a client_oid)', () => {
    expect(canonicalClientOrderId('coinbase', 'Leg-1')).toBe('Leg-1')
    expect(canonicalClientOrderId('coinbase', 'Leg-1')).not.toBe(canonicalClientOrderId('coinbase', 'leg-1'))
  })

  it('kraken: long and short UUIDs in any case are one cl_ord_id, written long and lower-case', () => {
    const short = UUID.replace(/-/g, '')
    expect(canonicalClientOrderId('kraken', UUID.toUpperCase())).toBe(UUID)
    expect(canonicalClientOrderId('kraken', short)).toBe(UUID)
    expect(canonicalClientOrderId('kraken', short.toUpperCase())).toBe(UUID)
  })

  it('kraken: free text is kept as is', () => {
    expect(canonicalClientOrderId('kraken', 'My-Order-7')).toBe('My-Order-7')
  })

  it('binance: every id is kept as is (newClientOrderId is case-sensitive)', () => {
    expect(canonicalClientOrderId('binance', UUID.toUpperCase())).toBe(UUID.toUpperCase())
    expect(canonicalClientOrderId('binance', 'Route-7F3A-leg-1')).toBe('Route-7F3A-leg-1')
  })

  it('is idempotent', () => {
    for (const exchange of ['binance', 'coinbase', 'kraken'] as const) {
      for (const id of [UUID.toUpperCase(), UUID.replace(/-/g, '').toUpperCase(), 'Leg-1']) {
        const once = canonicalClientOrderId(exchange, id)
        expect(canonicalClientOrderId(exchange, once)).toBe(once)
      }
    }
  })
})
