// Deterministic identifiers in Coinbase's shapes. The engine numbers its orders; Coinbase names them with UUIDs, so
// the dialect derives a name-based UUID (RFC 4122 version 5 layout over SHA-1) from the engine id and remembers the
// reverse mapping. Profiles, users and accounts are derived from the API key the same way.
import { createHash } from 'node:crypto'

const NAMESPACE = 'sim.coinbase-exchange'

/** UUID (version 5 layout) from a name: same name, same UUID, across processes. */
export function nameUuid(name: string): string {
  const bytes = createHash('sha1').update(`${NAMESPACE}:${name}`).digest().subarray(0, 16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x50
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value)
}

export const profileIdOf = (apiKey: string): string => nameUuid(`profile:${apiKey}`)
/** Coinbase user ids are 24 hex characters. */
export const userIdOf = (apiKey: string): string =>
  createHash('sha1').update(`${NAMESPACE}:user:${apiKey}`).digest('hex').slice(0, 24)
export const accountIdOf = (apiKey: string, currency: string): string => nameUuid(`account:${apiKey}:${currency}`)

export interface OrderIdRegistry {
  uuidOf(engineId: number): string
  /** The engine id behind a UUID this registry (or `refresh`) has seen. */
  engineIdOf(uuid: string): number | undefined
}

/**
 * `knownEngineIds` lists every engine order id (used on a miss, e.g. after a UUID came from another dialect
 * instance over the same engine).
 */
export function createOrderIdRegistry(knownEngineIds: () => number[]): OrderIdRegistry {
  const byUuid = new Map<string, number>()
  const uuidOf = (engineId: number): string => {
    const uuid = nameUuid(`order:${engineId}`)
    byUuid.set(uuid, engineId)
    return uuid
  }
  return {
    uuidOf,
    engineIdOf(uuid) {
      const key = uuid.toLowerCase()
      if (!byUuid.has(key)) for (const id of knownEngineIds()) uuidOf(id)
      return byUuid.get(key)
    },
  }
}
