// The harness the database tests run on, against the real PostgreSQL the unit project's global setup provides: every
// call gives a new, empty database of its own, and the cleanup drops them (also one a test left connected, and those
// of a process that ended without cleaning up) while keeping a live process's.
import { spawnSync } from 'node:child_process'

import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'

import {
  createDatabase,
  databaseUrl,
  dropDatabases,
  dropOrphanedTestDatabases,
  listTestDatabases,
  testDatabaseName,
} from '../support/postgres-test-databases.js'
import { DIALECTS, dropTestDatabases, freshDatabaseTarget } from '../support/test-databases.js'

afterAll(dropTestDatabases)

function adminUrl(): string {
  const postgres = inject('postgres')
  if (!postgres.ok) throw new Error(postgres.problem)
  return postgres.adminUrl
}

async function connect(url: string): Promise<pg.Client & { errors: Error[] }> {
  const client = Object.assign(new pg.Client({ connectionString: url }), { errors: [] as Error[] })
  // A dropped database ends its sessions: the client hears it as an error event, which must not crash the test.
  client.on('error', (error) => client.errors.push(error))
  await client.connect()
  return client
}

const nameOf = (url: string) => new URL(url).pathname.slice(1)

describe('freshDatabaseTarget', () => {
  it('covers SQLite and PostgreSQL; SQLite is in memory', async () => {
    expect(DIALECTS).toEqual(['sqlite', 'postgres'])
    expect(await freshDatabaseTarget('sqlite')).toBe(':memory:')
  })

  it('gives each call a new, empty PostgreSQL database that the test can write and read', async () => {
    const first = await freshDatabaseTarget('postgres')
    const second = await freshDatabaseTarget('postgres')
    expect(first).toMatch(/^postgres:\/\/[^/]+@127\.0\.0\.1:\d+\/gw_test_\d+_\d+_[0-9a-f]+$/)
    expect(nameOf(second)).not.toBe(nameOf(first))

    const a = await connect(first)
    const b = await connect(second)
    try {
      const tables = `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`
      expect((await a.query(tables)).rows).toEqual([{ n: 0 }])
      await a.query('CREATE TABLE fills (id serial PRIMARY KEY, amount numeric NOT NULL)')
      await a.query('INSERT INTO fills (amount) VALUES ($1), ($2)', ['0.10000001', '2.5'])
      const rows = await a.query('SELECT amount FROM fills ORDER BY id')
      expect(rows.rows).toEqual([{ amount: '0.10000001' }, { amount: '2.5' }])
      expect((await b.query(tables)).rows).toEqual([{ n: 0 }])
    } finally {
      await Promise.all([a.end(), b.end()])
    }
  })

  it('drops every database this process created, even one a test left connected', async () => {
    const target = await freshDatabaseTarget('postgres')
    const leftOpen = await connect(target)
    await leftOpen.query('CREATE TABLE t (x int)')

    await dropTestDatabases()

    expect(await listTestDatabases(adminUrl())).not.toContain(nameOf(target))
    await expect(leftOpen.query('SELECT 1')).rejects.toThrow()
    await leftOpen.end().catch(() => {})
  })
})

describe('the teardown sweep', () => {
  it("drops the databases of processes that have ended and keeps a live process's", async () => {
    const ended = spawnSync(process.execPath, ['-e', '0'])
    expect(ended.status).toBe(0)
    const orphan = testDatabaseName(ended.pid)
    const live = testDatabaseName()
    const admin = adminUrl()
    await createDatabase(admin, orphan)
    await createDatabase(admin, live)
    try {
      const dropped = await dropOrphanedTestDatabases(admin)
      expect(dropped).toContain(orphan)
      expect(dropped).not.toContain(live)
      const left = await listTestDatabases(admin)
      expect(left).toContain(live)
      expect(left).not.toContain(orphan)
      const client = await connect(databaseUrl(admin, live))
      await client.end()
    } finally {
      await dropDatabases(admin, [orphan, live])
    }
  })
})
