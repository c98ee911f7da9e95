import ccxt from 'ccxt'
import { describe, expect, it } from 'vitest'

import { krakenSignature } from '../../../sim/dialects/kraken/index.js'

// docs.kraken.com/api/docs/guides/spot-rest-auth, "Examples"
const VECTOR = {
  secret: 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==',
  nonce: '1616492376594',
  path: '/0/private/AddOrder',
  body: 'nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25',
  signature: '4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==',
}

describe('Kraken request signature', () => {
  it('reproduces the published Kraken test vector', () => {
    expect(krakenSignature(VECTOR.path, VECTOR.nonce, VECTOR.body, VECTOR.secret)).toBe(VECTOR.signature)
  })

  it('agrees with what ccxt signs for the same request', () => {
    const exchange = new ccxt.kraken({ apiKey: 'vector-key', secret: VECTOR.secret })
    exchange.nonce = () => Number(VECTOR.nonce)
    const params = { ordertype: 'limit', pair: 'XBTUSD', price: '37500', type: 'buy', volume: '1.25' }
    const signed = exchange.sign('AddOrder', 'private', 'POST', params)
    expect(signed.body).toBe(VECTOR.body)
    expect(signed.headers['API-Sign']).toBe(VECTOR.signature)
    expect(krakenSignature(VECTOR.path, VECTOR.nonce, signed.body, VECTOR.secret)).toBe(signed.headers['API-Sign'])
  })

  it('changes when the secret, path or body changes', () => {
    const other = Buffer.from('x'.repeat(64)).toString('base64')
    expect(krakenSignature(VECTOR.path, VECTOR.nonce, VECTOR.body, other)).not.toBe(VECTOR.signature)
    expect(krakenSignature('/0/private/Balance', VECTOR.nonce, VECTOR.body, VECTOR.secret)).not.toBe(VECTOR.signature)
    expect(krakenSignature(VECTOR.path, VECTOR.nonce, `${VECTOR.body}&x=1`, VECTOR.secret)).not.toBe(VECTOR.signature)
  })
})
