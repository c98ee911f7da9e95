// Goal: several api and worker processes share one SQLite file (DATABASE_PATH): they may all start at once on a
// fresh file (each runs the migrations) and then write concurrently, and no write is lost or refused as busy.
// Method: real processes, each opening the file through db/client.ts at the same moment and writing as fast as it can.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, expect, it } from 'vitest'

import { openDatabase } from '../../db/client.js'
import { listExecutions } from '../../db/executions.js'
import { startRole } from './role-process.js'

const WRITERS = 4
const COUNT = 300
const FRESH_FILES = 20
const dir = mkdtempSync(join(tmpdir(), 'shared-db-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function writer(name: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const role = startRole('test/bin/fixtures/write-history.ts', { ...env, WRITER: name })
  const { code } = await role.exited
  return { code, output: role.stdout() + role.stderr() }
}

it('lets several processes migrate a fresh file at once and write to it concurrently', async () => {
  // Every writer is loaded (a few seconds) before the agreed start.
  const env = {
    ...process.env,
    DIR: dir,
    COUNT: String(COUNT),
    FRESH_FILES: String(FRESH_FILES),
    START_AT: String(Date.now() + 8_000),
  }
  const results = await Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(`w${i}`, env)))
  for (const result of results) expect(result, result.output).toMatchObject({ code: 0 })

  const database = await openDatabase(join(dir, 'gateway.db'))
  try {
    const rows = await listExecutions(database.db, { status: 'completed', limit: WRITERS * COUNT + 1 })
    expect(rows).toHaveLength(WRITERS * COUNT)
  } finally {
    await database.close()
  }
}, 60_000)
