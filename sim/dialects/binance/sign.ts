// Binance request signing (HMAC-SHA256, hex) as the venue verifies it: the signed payload is the query string
// concatenated, without a separator, to the request body, both exactly as sent and with the `signature`
// parameter removed (binance-spot-api-docs rest-api.md "SIGNED endpoint security").

import { createHmac, timingSafeEqual } from 'node:crypto'

/** Hex HMAC-SHA256 of `payload` keyed with the secret (utf-8), the signature Binance expects. */
export function binanceSignature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('hex')
}

/** Removes `signature=…` from a raw query or form body, keeping every other byte in place. */
function withoutSignature(raw: string): string {
  if (raw === '') return raw
  return raw
    .split('&')
    .filter((part) => !part.startsWith('signature='))
    .join('&')
}

function signatureIn(raw: string): string | undefined {
  const part = raw.split('&').find((p) => p.startsWith('signature='))
  return part === undefined ? undefined : decodeURIComponent(part.slice('signature='.length))
}

export interface SignedParts {
  /** Raw query string without '?'. */
  query: string
  /** Raw form body. */
  body: string
}

/** The payload Binance signs: query + body, exactly as sent, minus the signature itself. */
export function signedPayload(parts: SignedParts): string {
  return withoutSignature(parts.query) + withoutSignature(parts.body)
}

/** The signature the client sent, from the query or the body. */
export function sentSignature(parts: SignedParts): string | undefined {
  return signatureIn(parts.query) ?? signatureIn(parts.body)
}

/** True when `signature` is the HMAC of `payload` under `secret` (compared in constant time). */
export function verifyBinanceSignature(secret: string, payload: string, signature: string): boolean {
  const expected = Buffer.from(binanceSignature(secret, payload), 'utf8')
  const given = Buffer.from(signature.toLowerCase(), 'utf8')
  return expected.length === given.length && timingSafeEqual(expected, given)
}
