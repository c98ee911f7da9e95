// The PostgreSQL side of the test databases: one empty database per call, named after the process that asked for it,
// so that whoever cleans up can tell a finished process's databases from those of a run still going (several vitest
// runs may share the project's PostgreSQL at once).
import { randomBytes } from 'node:crypto'

import pg from 'pg'

const PREFIX = 'gw_test_'
const NAME = /^gw_test_(\d+)_\d+_[0-9a-f]+$/

let created = 0

/** gw_test_<pid>_<counter>_<random>: unique per call; the pid says whose it is. */
export function testDatabaseName(pid: number = process.pid): string {
  created += 1
  return `${PREFIX}${pid}_${created}_${randomBytes(3).toString('hex')}`
}

/** The pid in a test database's name; undefined for any other database. */
export function ownerPid(name: string): number | undefined {
  const match = NAME.exec(name)
  return match ? Number(match[1]) : undefined
}

/** The same server and role as the admin URL, on another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.toString()
}

async function withAdmin<T>(adminUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await use(client)
  } finally {
    await client.end()
  }
}

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`))
}

/** FORCE: a test that forgot to close its connections must not keep its database alive. */
export async function dropDatabases(adminUrl: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return
  await withAdmin(adminUrl, async (client) => {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  })
}

export async function listTestDatabases(adminUrl: string): Promise<string[]> {
  return withAdmin(adminUrl, async (client) => {
    const result = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%' ORDER BY datname`
    )
    return result.rows.map((row) => row.datname)
  })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists, it is only not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Drops the test databases whose process has ended (finished, crashed, or never cleaned up); returns their names. */
export async function dropOrphanedTestDatabases(adminUrl: string, alive = isAlive): Promise<string[]> {
  const orphans = (await listTestDatabases(adminUrl)).filter((name) => {
    const pid = ownerPid(name)
    return pid !== undefined && !alive(pid)
  })
  await dropDatabases(adminUrl, orphans)
  return orphans
}
