// Coinbase Exchange's cursor pagination (docs.cdp.coinbase.com, Exchange REST API pagination), for lists keyed by an
// increasing integer such as /fills' trade_id: newest first; `after` asks for the page of older rows, `before` for
// the page of newer ones; CB-BEFORE names the page's first (newest) row and CB-AFTER its last (oldest).
import type { SimResponse } from '../../dialect.js'
import { badRequest } from './errors.js'

export interface CursorQuery {
  before: string | null
  after: string | null
  limit: number
}

const cursorOf = (name: string, value: string | null): number | undefined | SimResponse => {
  if (value === null) return undefined
  return /^\d+$/.test(value) ? Number(value) : badRequest(`${name} must be a pagination id`)
}

/** The page of `rows` (any order) the query names, newest first, with its cursor headers; or a 400 answer. */
export function cursorPage<T>(
  rows: readonly T[],
  idOf: (row: T) => number,
  query: CursorQuery
): { page: T[]; headers: Record<string, string> } | SimResponse {
  const before = cursorOf('before', query.before)
  const after = cursorOf('after', query.after)
  if (typeof before === 'object') return before
  if (typeof after === 'object') return after
  const newestFirst = rows
    .filter((row) => (before === undefined || idOf(row) > before) && (after === undefined || idOf(row) < after))
    .sort((a, b) => idOf(b) - idOf(a))
  // a page before a cursor is the newer rows closest to it
  const page =
    before !== undefined && after === undefined ? newestFirst.slice(-query.limit) : newestFirst.slice(0, query.limit)
  const first = page[0]
  const last = page.at(-1)
  const headers: Record<string, string> = {}
  if (first !== undefined) headers['CB-BEFORE'] = String(idOf(first))
  if (last !== undefined) headers['CB-AFTER'] = String(idOf(last))
  return { page, headers }
}
