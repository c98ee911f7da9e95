// The execution history's database, whichever engine holds it: a SQLite file (the embedded default, DATABASE_PATH)
// or PostgreSQL (DATABASE_URL, when several machines share one history). Every query in db/ is written once,
// against this interface, and runs on both.
//
// Why one query per function for two engines: drizzle has no dialect-neutral database type, but its query builders
// of both dialects take the same calls and produce each engine's SQL from the table objects given to them. So `t`
// holds the open engine's own tables (db/schema.ts or db/schema-pg.ts, which name the same tables and columns, a test
// checks it), and `orm` is typed as the SQLite builder (awaited, never .get()/.all()/.run(), which PostgreSQL's lacks).
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'

import type * as schema from './schema.js'

export type Dialect = 'sqlite' | 'postgres'

type Tables = typeof schema

export interface GatewayDb {
  readonly dialect: Dialect
  readonly orm: BaseSQLiteDatabase<'async', unknown, typeof schema>
  readonly t: Tables
  /**
   * Runs a read-then-write as one transaction that no other process interleaves with: SQLite's IMMEDIATE
   * transaction (one writer at a time), PostgreSQL's transaction-scoped advisory lock on `key`. Inside `body`, `tx`
   * is the transaction; a nested serialized call joins it (and takes its own key's lock on PostgreSQL).
   */
  serialized<T>(key: string, body: (tx: GatewayDb) => Promise<T>): Promise<T>
  /** One round trip to the engine: what GET /health calls the database being up. */
  ping(): Promise<void>
}

export interface OpenedDatabase {
  db: GatewayDb
  dialect: Dialect
  close(): Promise<void>
}

/** Whether `target` names a PostgreSQL database (postgres:// or postgresql://) rather than a SQLite file. */
export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//.test(target)

/** `target`: a `postgres://` URL, a SQLite file path, or ':memory:' for tests that need no file. */
export async function openDatabase(target: string): Promise<OpenedDatabase> {
  if (isPostgresUrl(target)) {
    const { openPostgres } = await import('./postgres-client.js')
    return openPostgres(target)
  }
  const { openSqlite } = await import('./sqlite-client.js')
  return openSqlite(target)
}

/** What the roles say about where the history is, without the password of a URL. */
export function describeDatabase(target: string): string {
  if (!isPostgresUrl(target)) return target
  const url = new URL(target)
  if (url.password) url.password = '***'
  return url.toString()
}
