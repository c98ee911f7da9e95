// Coinbase Exchange request signing: base64(HMAC-SHA256(base64decode(secret), timestamp + METHOD + target + body)).
// The target is the raw request path *with* its query string, as ccxt signs it (wire-formats §2.3).
import { createHmac, timingSafeEqual } from 'node:crypto'

export interface SignedParts {
  timestamp: string
  method: string
  /** Path plus '?query' exactly as sent. */
  target: string
  body: string
}

export function coinbaseSignature(secretBase64: string, parts: SignedParts): string {
  const prehash = parts.timestamp + parts.method.toUpperCase() + parts.target + parts.body
  return createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(prehash).digest('base64')
}

/** Constant-time comparison of a received signature against the expected one. */
export function signatureMatches(secretBase64: string, parts: SignedParts, received: string): boolean {
  const expected = Buffer.from(coinbaseSignature(secretBase64, parts), 'base64')
  const actual = Buffer.from(received, 'base64')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
