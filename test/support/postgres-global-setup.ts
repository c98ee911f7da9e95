// The database tests run on SQLite and on PostgreSQL. This makes sure the project's own PostgreSQL is running (the one
// `npm run cluster` uses, bin/cluster/postgres.ts: Debian's package installed with apt-get when missing, a private
// cluster under .temporal/pg on 127.0.0.1) and hands its admin URL to the tests (test/support/test-databases.ts).
// When it is already running this costs a few process spawns. TEST_POSTGRES_URL (a role that may CREATE DATABASE,
// on a server of this machine's own: databases are told apart by pid) uses that server instead.
//
// PostgreSQL is left running afterwards: `npm run cluster` and other vitest runs on this machine may be using it, and
// the setup cannot tell; `npm run cluster:stop` stops it. What a run leaves behind is its test databases, which the
// teardown drops (those of processes that have ended, so a run still going keeps its own).
import type { TestProject } from 'vitest/node'

import { clusterLayout } from '../../bin/cluster/layout.js'
import { ensurePostgres } from '../../bin/cluster/postgres.js'
import { dropOrphanedTestDatabases } from './postgres-test-databases.js'

export type ProvidedPostgres = { ok: true; adminUrl: string } | { ok: false; problem: string }

async function adminUrl(): Promise<string> {
  const given = process.env.TEST_POSTGRES_URL
  if (given) return given
  const layout = clusterLayout(new URL('../..', import.meta.url).pathname, process.env)
  const postgres = await ensurePostgres(layout, (line) => console.log(line))
  return postgres.url('postgres')
}

async function dropOrphans(url: string): Promise<void> {
  const dropped = await dropOrphanedTestDatabases(url)
  if (dropped.length > 0) console.log(`PostgreSQL: dropped ${dropped.length} test databases of ended processes`)
}

export default async function setup(project: TestProject) {
  let url: string
  try {
    url = await adminUrl()
    await dropOrphans(url)
  } catch (error) {
    // Only the PostgreSQL tests need it: they fail with this reason, and the rest of the project runs.
    const problem = (error as Error).message
    console.warn(`The PostgreSQL database tests will fail: ${problem}`)
    project.provide('postgres', { ok: false, problem })
    return
  }
  project.provide('postgres', { ok: true, adminUrl: url })
  return () =>
    dropOrphans(url).catch((error: Error) => console.warn(`PostgreSQL: test databases left behind: ${error.message}`))
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres
  }
}
