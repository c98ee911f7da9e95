// Demo credentials the simulator accepts out of the box. They are not secrets: they exist so that the
// unmodified ccxt clients can sign requests in demo mode and in tests. Each has the shape its exchange expects.

import type { ExchangeId } from '../domain/types.js'
import type { SimCredentials } from './engine/types.js'

export const DEMO_CREDENTIALS: Record<ExchangeId, SimCredentials> = {
  binance: {
    apiKey: 'demo-binance-key-0000000000000000000000000000000000000000000000000',
    secret: 'demo-binance-secret-00000000000000000000000000000000000000000000000',
  },
  coinbase: {
    apiKey: 'demo-coinbase-key-00000000000000000000000',
    // base64 of 64 bytes, like a real Coinbase Exchange secret
    secret: Buffer.from('demo-coinbase-secret'.padEnd(64, '0')).toString('base64'),
    passphrase: 'demo-passphrase',
  },
  kraken: {
    apiKey: 'demo-kraken-key-0000000000000000000000000000000000000000000',
    // base64 of 64 bytes, like a real Kraken private key
    secret: Buffer.from('demo-kraken-secret'.padEnd(64, '0')).toString('base64'),
  },
}
