// Venue-valid client order ids derived deterministically from a base string the workflow chooses (for example
// `${workflowId}-leg-1`), so that an activity retry, a replay and a later lookup all arrive at the same id.
//
// Why name-based UUIDs (RFC 9562 version 5, SHA-1) rather than a random uuid4: the same base always gives the
// same id, in a workflow or an activity, without node:crypto; and they are a standard, checkable against any
// UUID library. A base that already is a UUID (e.g. from `uuid4()` of @temporalio/workflow) is used unchanged.
import { sha1, toHex, utf8Bytes } from './sha1.js'
import type { ExchangeId } from './types.js'

/** Namespace of this gateway's name-based client order ids. Changing it changes every derived id. */
export const CLIENT_ORDER_ID_NAMESPACE = '5f0c2a9e-7d4b-4c1e-9a63-2b8d1e4f6a70'

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// Binance newClientOrderId: up to 36 characters of [.A-Z:/a-z0-9_-].
const BINANCE_ID_PATTERN = /^[.A-Z:/a-z0-9_-]{1,36}$/
const BINANCE_INVALID_CHARS = /[^.A-Z:/a-z0-9_-]/g
const BINANCE_HASH_CHARS = 16

/** True for a canonical 8-4-4-4-12 hex UUID. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value)
}

/** The version-5 (SHA-1, name-based) UUID of `name` in `namespace`, lower case. */
export function uuidV5(name: string, namespace: string = CLIENT_ORDER_ID_NAMESPACE): string {
  if (!isUuid(namespace)) throw new RangeError(`namespace must be a UUID, got ${namespace}`)
  const hexPairs = namespace.replace(/-/g, '').match(/../g) ?? []
  const namespaceBytes = Uint8Array.from(hexPairs, (pair) => parseInt(pair, 16))
  const nameBytes = utf8Bytes(name)
  const message = new Uint8Array(namespaceBytes.length + nameBytes.length)
  message.set(namespaceBytes)
  message.set(nameBytes, namespaceBytes.length)
  const bytes = sha1(message).slice(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = toHex(bytes)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The client order id to send to `exchange` for the workflow-chosen `base`. Deterministic: equal inputs give
 * equal ids.
 *
 * - binance: `base` itself when it is a valid newClientOrderId (≤ 36 of `[.A-Z:/a-z0-9_-]`); otherwise its
 *   first valid characters (others replaced by `-`, at most 19) + `-` + 16 hex of SHA-1(base), so it stays
 *   readable and distinct.
 * - coinbase: `client_oid` must be a UUID: `base` when it is one, else uuidV5(base).
 * - kraken: `cl_ord_id` takes a UUID or free text of at most 18 characters; a UUID is used as for coinbase,
 *   since 18 characters cannot hold a workflow id.
 *
 * @example
 * clientOrderIdFor('binance', 'route-7f3a-leg-1') // 'route-7f3a-leg-1'
 * clientOrderIdFor('coinbase', 'route-7f3a-leg-1') // a fixed version-5 UUID
 */
export function clientOrderIdFor(exchange: ExchangeId, base: string): string {
  if (base === '') throw new RangeError('client order id base must not be empty')
  if (exchange === 'binance') {
    if (BINANCE_ID_PATTERN.test(base)) return base
    const readable = base.replace(BINANCE_INVALID_CHARS, '-').slice(0, 36 - BINANCE_HASH_CHARS - 1)
    return `${readable}-${toHex(sha1(utf8Bytes(base))).slice(0, BINANCE_HASH_CHARS)}`
  }
  return isUuid(base) ? base.toLowerCase() : uuidV5(base)
}

const SHORT_UUID_PATTERN = /^[0-9a-f]{32}$/i

/**
 * The one spelling of `id` that `exchange` treats as the same client order id, so that ids the venue would confuse
 * compare equal here (uniqueness checks, ledger keys, lookups). Connectors send, look up and report this form.
 *
 * - coinbase: client_oid is a UUID, one value whatever its letter case: a UUID is lower-cased. Any other id is
 *   unchanged: the Coinbase connector maps it to a name-based UUID of the exact string, so `Leg-1` and `leg-1` are
 *   two different client_oids there.
 * - kraken: cl_ord_id takes a UUID (long 8-4-4-4-12, or short 32 hex) or free text. A UUID is written in its long,
 *   lower-case form (Kraken reads UUIDs as UUIDs; two spellings of one UUID are conservatively one id); free text is
 *   unchanged.
 * - binance: unchanged (newClientOrderId is compared as sent, letter case included).
 */
export function canonicalClientOrderId(exchange: ExchangeId, id: string): string {
  if (exchange === 'binance') return id
  if (isUuid(id)) return id.toLowerCase()
  if (exchange === 'kraken' && SHORT_UUID_PATTERN.test(id)) {
    const hex = id.toLowerCase()
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
  return id
}
