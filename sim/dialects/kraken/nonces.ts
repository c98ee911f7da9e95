// Kraken rejects a private call whose nonce is not strictly greater than the last one accepted for the key
// (no nonce window configured), which is why concurrent calls on one key must be serialised.

export interface NonceTracker {
  /** Records the nonce and returns true when it is larger than every earlier one for this key. */
  accept(apiKey: string, nonce: bigint): boolean
}

export function createNonceTracker(): NonceTracker {
  const last = new Map<string, bigint>()
  return {
    accept(apiKey, nonce) {
      const previous = last.get(apiKey)
      if (previous !== undefined && nonce <= previous) return false
      last.set(apiKey, nonce)
      return true
    },
  }
}

/** A nonce as Kraken accepts it: an unsigned 64-bit integer in decimal. */
export function parseNonce(raw: string | undefined): bigint | undefined {
  if (raw === undefined || !/^\d{1,20}$/.test(raw)) return undefined
  const value = BigInt(raw)
  return value < 2n ** 64n ? value : undefined
}
