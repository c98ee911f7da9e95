// Coinbase Exchange accepts only UUIDs as client_oid. A caller's id in any other form (e.g. "<workflow>-<leg>")
// is mapped to a name-based UUID (RFC 4122 version 5 layout over SHA-1), so every retry and every lookup with the
// same caller id lands on the same Coinbase order.
import { createHash } from 'node:crypto'

import { isUuid } from '../../domain/client-order-id.js'

/** RFC 4122 URL namespace: a fixed, public namespace so the mapping is reproducible anywhere. */
const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'
const NAME_PREFIX = 'coinbase-client-order-id:'

/** UUIDv5 of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string = NAMESPACE_URL): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  const bytes = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest().subarray(0, 16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x50
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The client_oid Coinbase gets for a caller's client order id: itself when already a UUID. */
export function coinbaseClientOrderId(clientOrderId: string): string {
  return isUuid(clientOrderId) ? clientOrderId.toLowerCase() : uuidV5(NAME_PREFIX + clientOrderId)
}
