// The one spelling of a client order id that each venue treats as the same order. Pure: the API, the activities and
// the connectors compare ids in this form.
import type { ExchangeId } from './types.js'

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True for a canonical 8-4-4-4-12 hex UUID. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value)
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
