import { describe, expect, it } from 'vitest'

import {
  binanceSignature,
  sentSignature,
  signedPayload,
  verifyBinanceSignature,
} from '../../../sim/dialects/binance/sign.js'

// Published vectors, wire-formats §6 (binance-spot-api-docs rest-api.md and ccxt 4.5.84 sign()).
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j'
const ORDER =
  'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559'

describe('Binance signature check', () => {
  it('verifies the documented query-string example', () => {
    const signature = 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71'
    const query = `${ORDER}&signature=${signature}`
    expect(sentSignature({ query, body: '' })).toBe(signature)
    expect(verifyBinanceSignature(SECRET, signedPayload({ query, body: '' }), signature)).toBe(true)
  })

  it('verifies the non-ASCII example over the percent-encoded payload', () => {
    const payload =
      'symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC' +
      '&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559'
    const signature = 'e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3'
    const body = `${payload}&signature=${signature}`
    expect(verifyBinanceSignature(SECRET, signedPayload({ query: '', body }), signature)).toBe(true)
  })

  it('verifies the query + body example signed as their concatenation without a separator', () => {
    const signature = '0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77'
    const parts = {
      query: 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC',
      body: `quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=${signature}`,
    }
    expect(sentSignature(parts)).toBe(signature)
    expect(verifyBinanceSignature(SECRET, signedPayload(parts), signature)).toBe(true)
  })

  it('verifies the ccxt parameter order (timestamp first, recvWindow last)', () => {
    const signature = '6cd35332399b004466463b9ad65a112a14f31fb9ddfd5e19bd7298fbd491dbc7'
    const query = `timestamp=1499827319559&recvWindow=5000&signature=${signature}`
    expect(verifyBinanceSignature(SECRET, signedPayload({ query, body: '' }), signature)).toBe(true)
  })

  it('rejects a signature made with another secret or over other bytes', () => {
    const good = binanceSignature(SECRET, ORDER)
    expect(verifyBinanceSignature('other-secret', ORDER, good)).toBe(false)
    expect(verifyBinanceSignature(SECRET, ORDER.replace('quantity=1', 'quantity=2'), good)).toBe(false)
    expect(verifyBinanceSignature(SECRET, ORDER, good.slice(1))).toBe(false)
  })
})
