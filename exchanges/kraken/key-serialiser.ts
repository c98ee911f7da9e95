// Kraken rejects a private call whose nonce is not larger than the last one it accepted for the key, so two calls
// in flight on one key may fail when they overtake each other on the way. Private calls therefore run one at a
// time per API key (NautilusTrader guards its Kraken client with a mutex for the same reason), with nonces that
// strictly increase even within one millisecond.

export interface KeySerialiser {
  /** Runs `task` after every earlier task of `key` has settled. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>
}

export function createKeySerialiser(): KeySerialiser {
  const tails = new Map<string, Promise<unknown>>()
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve()
      const result = previous.then(task, task)
      const tail = result.then(
        () => undefined,
        () => undefined
      )
      tails.set(key, tail)
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key)
      })
      return result
    },
  }
}

export interface NonceSource {
  /** ms since the epoch, but always above the previous nonce of the key. */
  next(key: string): number
}

export function createNonceSource(clock: () => number): NonceSource {
  const last = new Map<string, number>()
  return {
    next(key) {
      const nonce = Math.max(clock(), (last.get(key) ?? 0) + 1)
      last.set(key, nonce)
      return nonce
    },
  }
}

// One process, one order of calls per key: connectors built for the same key share these.
export const SHARED_KEY_SERIALISER = createKeySerialiser()
export const SHARED_NONCE_SOURCE = createNonceSource(Date.now)
