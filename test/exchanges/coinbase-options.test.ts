// Pure pieces of the Coinbase connector: the UUID a caller's client order id becomes (RFC 4122 v5, checked
// against the RFC's well-known vector) and the validation of Coinbase's order options before anything is sent.
import { describe, expect, it } from 'vitest'

import { advancedOrderParams } from '../../exchanges/coinbase/advanced-order.js'
import { createCoinbaseCcxt } from '../../exchanges/coinbase/ccxt-client.js'
import { isUuid } from '../../domain/client-order-id.js'
import { coinbaseClientOrderId, uuidV5 } from '../../exchanges/coinbase/client-order-id.js'
import { connectorConfig } from '../../exchanges/config.js'
import type { AdvancedOrderRequest } from '../../exchanges/connector.js'
import { InvalidOrderError } from '../../exchanges/errors.js'

const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8'

describe('coinbase client order ids', () => {
  it('computes RFC 4122 version 5 UUIDs', () => {
    expect(uuidV5('www.example.com', DNS_NAMESPACE)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2')
    expect(uuidV5('python.org', DNS_NAMESPACE)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d')
  })

  it('keeps a UUID (lower-cased) and maps anything else to the same UUID every time', () => {
    expect(coinbaseClientOrderId('9F1E1C4E-3F0E-4C5E-8F5C-2A1D5B6E7F80')).toBe('9f1e1c4e-3f0e-4c5e-8f5c-2a1d5b6e7f80')
    const mapped = coinbaseClientOrderId('wf-123-leg-0')
    expect(isUuid(mapped)).toBe(true)
    expect(mapped[14]).toBe('5')
    expect(coinbaseClientOrderId('wf-123-leg-0')).toBe(mapped)
    expect(coinbaseClientOrderId('wf-123-leg-1')).not.toBe(mapped)
  })
})

describe('coinbase order options', () => {
  const limit: AdvancedOrderRequest = { symbol: 'BTC/USD', side: 'buy', type: 'limit', amount: '0.01', price: '60000' }

  it('passes cancel_after for GTT and nothing extra otherwise', () => {
    expect(advancedOrderParams({ ...limit, timeInForce: 'GTT', cancelAfter: 'hour' })).toEqual({ cancel_after: 'hour' })
    expect(advancedOrderParams({ ...limit, timeInForce: 'IOC' })).toEqual({})
    expect(advancedOrderParams({ ...limit, postOnly: true })).toEqual({})
  })

  it.each([
    ['GTT without cancelAfter', { ...limit, timeInForce: 'GTT' as const }, 'GTT needs cancelAfter'],
    [
      'an unknown cancelAfter',
      { ...limit, timeInForce: 'GTT' as const, cancelAfter: 'week' as 'day' },
      'cancelAfter week',
    ],
    ['cancelAfter without GTT', { ...limit, cancelAfter: 'min' as const }, 'GTT orders only'],
    [
      'post-only with IOC',
      { ...limit, postOnly: true, timeInForce: 'IOC' as const },
      'post-only cannot be combined with IOC',
    ],
    ['post-only with FOK', { ...limit, postOnly: true, timeInForce: 'FOK' as const }, 'with FOK'],
    ['an unknown time in force', { ...limit, timeInForce: 'DAY' as 'GTC' }, 'time in force DAY'],
    [
      'a market order with a time in force',
      { ...limit, type: 'market' as const, timeInForce: 'IOC' as const },
      'market orders',
    ],
  ])('refuses %s', (_, request, message) => {
    expect(() => advancedOrderParams(request)).toThrow(InvalidOrderError)
    expect(() => advancedOrderParams(request)).toThrow(message)
  })
})

describe('coinbase ccxt client', () => {
  it('points both APIs at a base URL, paces nothing itself, never re-sends and skips GET /currencies', () => {
    const client = createCoinbaseCcxt(connectorConfig({ baseUrl: 'http://127.0.0.1:4000/', requestTimeoutMs: 1234 }))
    expect(client.id).toBe('coinbaseexchange')
    expect(client.urls['api']).toEqual({ public: 'http://127.0.0.1:4000', private: 'http://127.0.0.1:4000' })
    expect(client.enableRateLimit).toBe(false)
    expect(client.timeout).toBe(1234)
    expect(client.options['maxRetriesOnFailure']).toBe(0)
    expect(client.has['fetchCurrencies']).toBe(false)
  })

  it("selects Coinbase's public sandbox when asked and no base URL is set", () => {
    const client = createCoinbaseCcxt(connectorConfig({ sandbox: true }))
    expect((client.urls['api'] as Record<string, string>)['private']).toBe(
      'https://api-public.sandbox.exchange.coinbase.com'
    )
  })
})
