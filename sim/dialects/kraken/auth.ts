// Private request authentication: API key, signature, nonce, and Kraken's lockout after repeated bad keys.
import type { SimCredentials } from '../../engine/types.js'
import type { SimRequest } from '../../dialect.js'
import { KrakenError } from './errors.js'
import { type NonceTracker, parseNonce } from './nonces.js'
import { signatureMatches } from './signature.js'

export interface LockoutPolicy {
  /** Consecutive EAPI:Invalid key answers before the caller is locked out. */
  attempts: number
  durationMs: number
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { attempts: 10, durationMs: 60_000 }

export interface Authenticator {
  /** The API key (engine owner) of a correctly signed request with a fresh nonce; throws KrakenError otherwise. */
  authenticate(request: SimRequest, nonce: string | undefined): string
}

const header = (request: SimRequest, name: string): string | undefined => {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

// A well-formed API-Sign is the base64 of a 64-byte HMAC-SHA512.
const SIGNATURE_SHAPE = /^[A-Za-z0-9+/]{86}==$/

export function createAuthenticator(
  credentials: () => SimCredentials[],
  nonces: NonceTracker,
  now: () => number,
  lockout: LockoutPolicy | false
): Authenticator {
  const failures = new Map<string, { count: number; lockedUntil: number }>()

  const rejectKey = (caller: string): KrakenError => {
    const entry = failures.get(caller) ?? { count: 0, lockedUntil: 0 }
    entry.count += 1
    if (lockout && entry.count >= lockout.attempts) entry.lockedUntil = now() + lockout.durationMs
    failures.set(caller, entry)
    return new KrakenError('EAPI:Invalid key')
  }

  return {
    authenticate(request, rawNonce) {
      const caller = request.ip
      const locked = failures.get(caller)
      if (locked && locked.lockedUntil > now()) throw new KrakenError('EGeneral:Temporary lockout')
      const apiKey = header(request, 'api-key')
      const account = apiKey === undefined ? undefined : credentials().find((c) => c.apiKey === apiKey)
      if (!account) throw rejectKey(caller)
      const signature = header(request, 'api-sign')
      if (signature === undefined || !SIGNATURE_SHAPE.test(signature)) throw new KrakenError('EAPI:Invalid signature')
      // Kraken answers a signature made with the wrong secret as an unknown key
      const signed = signatureMatches(signature, request.path, rawNonce ?? '', request.body, account.secret)
      if (!signed) throw rejectKey(caller)
      failures.delete(caller)
      const nonce = parseNonce(rawNonce)
      if (nonce === undefined || !nonces.accept(account.apiKey, nonce)) throw new KrakenError('EAPI:Invalid nonce')
      return account.apiKey
    },
  }
}
