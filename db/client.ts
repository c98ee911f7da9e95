// Opens the SQLite database and brings its schema up to date with the drizzle-kit migrations in db/migrations.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'

import * as schema from './schema.js'

export type GatewayDb = BetterSQLite3Database<typeof schema>

export interface OpenedDatabase {
  db: GatewayDb
  close(): void
}

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

/** `path` is a file path, or ':memory:' for tests that need no file. */
export function openDatabase(path: string): OpenedDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(path)
  // WAL lets the API read while the worker writes; busy_timeout rides out the short write locks.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = drizzle(sqlite, { schema })
  migrate(db, { migrationsFolder: MIGRATIONS })
  return { db, close: () => sqlite.close() }
}
