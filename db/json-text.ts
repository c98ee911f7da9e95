// A JSON column's top-level field as text, in the open engine's own words: SQL has no common JSON syntax.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm'

import type { GatewayDb } from './client.js'

export function jsonText(db: GatewayDb, column: AnyColumn, key: string): SQL<string> {
  return db.dialect === 'postgres' ? sql`(${column} ->> ${key}::text)` : sql`json_extract(${column}, ${`$.${key}`})`
}
