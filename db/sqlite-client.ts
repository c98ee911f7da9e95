// Opens the SQLite history (the embedded default) and brings its schema up to date with db/migrations.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'

import type { GatewayDb, OpenedDatabase } from './client.js'
import * as schema from './schema.js'
import { cacheStatements } from './statement-cache.js'

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

export function openSqlite(path: string): OpenedDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(path)
  // busy_timeout rides out the short write locks, also those of the other api and worker processes sharing the
  // file (every write is one short autocommit statement). WAL lets the API read while workers write.
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  cacheStatements(sqlite)
  const orm = drizzle(sqlite, { schema })
  // Several processes may open a new file at the same moment (npm run worker twice, and npm run api): the first
  // steps can lose a race that busy_timeout does not cover, and simply succeed when run again.
  whileRacing(() => sqlite.pragma('journal_mode = WAL'))
  whileRacing(() => migrate(orm, { migrationsFolder: MIGRATIONS }))

  // better-sqlite3 runs each statement synchronously, so a transaction's awaits only wait for microtasks; the queue
  // keeps this process's own transactions one after another (SQLite has no nested BEGIN), and BEGIN IMMEDIATE takes
  // the file's write lock before the first read, so other processes wait (busy_timeout) rather than interleave.
  // One connection serves the whole process: a single-statement write another task of this process makes in those
  // microtasks joins the open transaction. It commits with it; only a body that throws (a bug: the bodies read, then
  // write) would roll such a write back with its own.
  let queue: Promise<unknown> = Promise.resolve()
  const db: GatewayDb = {
    dialect: 'sqlite',
    orm: orm as unknown as GatewayDb['orm'],
    t: schema,
    ping: async () => void sqlite.prepare('select 1').get(),
    serialized(_key, body) {
      const run = queue.then(async () => {
        sqlite.exec('BEGIN IMMEDIATE')
        try {
          const result = await body(inside)
          sqlite.exec('COMMIT')
          return result
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
          throw error
        }
      })
      queue = run.catch(() => undefined)
      return run
    },
  }
  const inside: GatewayDb = { ...db, serialized: (_key, body) => body(inside) }
  return { db, dialect: 'sqlite', close: async () => void sqlite.close() }
}

const RACE_ATTEMPTS = 8

/**
 * Runs `step` again when it lost a race with another process opening the same file:
 * - switching a new file to WAL needs an exclusive lock; two connections both upgrading from a read lock would
 *   deadlock, so SQLite answers SQLITE_BUSY at once instead of waiting;
 * - drizzle reads the applied migrations outside its transaction, so the loser runs them again after the winner
 *   and fails ("table ... already exists", "duplicate column"); run again, it finds them applied.
 */
function whileRacing(step: () => unknown): void {
  for (let attempt = 1; ; attempt++) {
    try {
      step()
      return
    } catch (error) {
      const lostRace = /already exists|duplicate column|SQLITE_BUSY|database is locked/i.test(
        `${(error as { code?: string }).code ?? ''} ${(error as Error).message} ${String((error as Error).cause ?? '')}`
      )
      if (!lostRace || attempt === RACE_ATTEMPTS) throw error
      // better-sqlite3 is synchronous; so is this short pause before trying again.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 * attempt)
    }
  }
}
