// Kraken's request signature (docs.kraken.com, spot REST authentication):
// API-Sign = base64(HMAC-SHA512(base64decode(secret), uriPath + SHA256(nonce + postData))).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

export function krakenSignature(uriPath: string, nonce: string, postData: string, secretBase64: string): string {
  const digest = createHash('sha256')
    .update(nonce + postData)
    .digest()
  return createHmac('sha512', Buffer.from(secretBase64, 'base64'))
    .update(Buffer.concat([Buffer.from(uriPath), digest]))
    .digest('base64')
}

/** Constant-time comparison of a received API-Sign with the expected one. */
export function signatureMatches(
  received: string,
  uriPath: string,
  nonce: string,
  postData: string,
  secretBase64: string
): boolean {
  const expected = Buffer.from(krakenSignature(uriPath, nonce, postData, secretBase64))
  const actual = Buffer.from(received)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
