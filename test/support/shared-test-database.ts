// A database target that several connections or processes open at once (api and worker processes sharing one
// history): a new SQLite file (':memory:' is private to its connection), or a new PostgreSQL database.
// Cleanup: `afterAll(dropSharedTestDatabases)` removes this process's files and drops its databases.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { dropTestDatabases, freshDatabaseTarget, type Dialect } from './test-databases.js'

const dirs: string[] = []

export async function sharedDatabaseTarget(dialect: Dialect): Promise<string> {
  if (dialect === 'postgres') return freshDatabaseTarget(dialect)
  const dir = mkdtempSync(join(tmpdir(), 'gw-db-test-'))
  dirs.push(dir)
  return join(dir, 'gateway.db')
}

export async function dropSharedTestDatabases(): Promise<void> {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  await dropTestDatabases()
}
