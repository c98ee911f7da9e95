// Authentication of private requests: key, timestamp window, passphrase, then the signature over the raw target.
// Every refusal is a 401 (ccxt's HTTP map → AuthenticationError); texts as Coinbase Exchange sends them.
import type { SimRequest, SimResponse } from '../../dialect.js'
import type { SimCredentials } from '../../engine/types.js'
import { coinbaseError } from './errors.js'
import { signatureMatches } from './signature.js'

/** Coinbase: "Your timestamp must be within 30 seconds of the API service time." */
export const TIMESTAMP_WINDOW_MS = 30_000

export type AuthResult = { credentials: SimCredentials } | { error: SimResponse }

function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

export function authenticate(request: SimRequest, accounts: SimCredentials[], now: number): AuthResult {
  const apiKey = header(request, 'cb-access-key')
  const signature = header(request, 'cb-access-sign')
  const timestamp = header(request, 'cb-access-timestamp')
  const passphrase = header(request, 'cb-access-passphrase')
  if (!apiKey) return { error: coinbaseError(400, 'CB-ACCESS-KEY header is required') }
  if (!signature) return { error: coinbaseError(400, 'CB-ACCESS-SIGN header is required') }
  if (!timestamp) return { error: coinbaseError(400, 'CB-ACCESS-TIMESTAMP header is required') }
  if (!passphrase) return { error: coinbaseError(400, 'CB-ACCESS-PASSPHRASE header is required') }
  const credentials = accounts.find((account) => account.apiKey === apiKey)
  if (!credentials) return { error: coinbaseError(401, 'Invalid API Key') }
  // Decimal seconds are allowed by Coinbase.
  const timestampMs = Number(timestamp) * 1000
  if (!Number.isFinite(timestampMs) || Math.abs(timestampMs - now) > TIMESTAMP_WINDOW_MS) {
    return { error: coinbaseError(401, 'request timestamp expired') }
  }
  if (passphrase !== credentials.passphrase) return { error: coinbaseError(401, 'Invalid Passphrase') }
  const signed = { timestamp, method: request.method, target: request.target, body: request.body }
  if (!signatureMatches(credentials.secret, signed, signature)) {
    return { error: coinbaseError(401, 'invalid signature') }
  }
  return { credentials }
}
