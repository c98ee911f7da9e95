// The database tests run once per dialect: `describe.each(DIALECTS)` and a fresh target per test (or per file), handed
// to openDatabase(target). SQLite is in memory; PostgreSQL is a new, empty database on the server the unit project's
// global setup provides (test/support/postgres-global-setup.ts).
//
// Cleanup: `afterAll(dropTestDatabases)` drops this process's databases when its file is done; whatever a process
// leaves behind (a crash, a file without that hook) is dropped by the global setup's teardown once the process ended.
import { inject } from 'vitest'

import { createDatabase, databaseUrl, dropDatabases, testDatabaseName } from './postgres-test-databases.js'

export const DIALECTS = ['sqlite', 'postgres'] as const
export type Dialect = (typeof DIALECTS)[number]

const mine: string[] = []

function adminUrl(): string {
  const postgres = inject('postgres')
  if (postgres === undefined) {
    throw new Error("no PostgreSQL was provided: test/support/postgres-global-setup.ts is the unit project's only")
  }
  if (!postgres.ok) throw new Error(`PostgreSQL is not available for the tests: ${postgres.problem}`)
  return postgres.adminUrl
}

/** ':memory:' for SQLite; for PostgreSQL the URL of a database created empty for this call. */
export async function freshDatabaseTarget(dialect: Dialect): Promise<string> {
  if (dialect === 'sqlite') return ':memory:'
  const admin = adminUrl()
  const name = testDatabaseName()
  await createDatabase(admin, name)
  mine.push(name)
  return databaseUrl(admin, name)
}

/** Drops every database this process created (even where connections are still open). */
export async function dropTestDatabases(): Promise<void> {
  if (mine.length === 0) return
  await dropDatabases(adminUrl(), mine.splice(0))
}
