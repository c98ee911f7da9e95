// Idempotency-Key -> workflow id. The same key always names the same workflow, so a retried POST returns the
// order the first one placed instead of placing another. The request's hash travels in the workflow's memo, so a
// key reused for a different request is refused instead of silently answered with the other order.
import { createHash, randomUUID } from 'node:crypto'

import { badRequest } from './errors.js'

const KEY = /^[A-Za-z0-9_.:-]{1,128}$/

export function workflowIdFor(prefix: string, idempotencyKey: string | undefined): string {
  return keyedId(prefix, idempotencyKey) ?? `${prefix}-${randomUUID()}`
}

/**
 * The id an Idempotency-Key names under `prefix` (a run's, or a command's update id), undefined without a key. A key
 * is held to one rule wherever it is read: besides naming what to fix, it keeps every id within Temporal's limits.
 */
export function keyedId(prefix: string, idempotencyKey: string | undefined): string | undefined {
  if (idempotencyKey === undefined) return undefined
  if (!KEY.test(idempotencyKey)) {
    throw badRequest('Idempotency-Key: 1 to 128 characters of letters, digits and _ . : -', 'Idempotency-Key')
  }
  return `${prefix}-${idempotencyKey}`
}

/** Stable hash of a JSON value (object keys sorted). */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex').slice(0, 32)
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}
