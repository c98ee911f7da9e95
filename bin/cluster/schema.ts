// Temporal's two databases on the project's PostgreSQL, set up with the server's own temporal-sql-tool:
// create-database, setup-schema -v 0.0 (the versioning tables), then update-schema to the newest version. The schema
// files are the ones embedded in that same binary (`--schema-name postgresql/v12/...`, the module's
// schema/postgresql/v12/*/versioned), so the schema always matches the server that runs on it. Each step runs only
// when needed; update-schema always runs and does nothing on a database that is current.
import { runStep } from '../provision/run-step.js'
import type { ClusterLayout } from './layout.js'
import { psql } from './postgres.js'

interface SchemaTarget {
  database: string
  /** The embedded versioned schema. */
  schemaName: string
}

export function schemaTargets(layout: ClusterLayout): SchemaTarget[] {
  return [
    { database: layout.pg.databases.main, schemaName: 'postgresql/v12/temporal' },
    { database: layout.pg.databases.visibility, schemaName: 'postgresql/v12/visibility' },
  ]
}

/** temporal-sql-tool's arguments for one database and one command. */
export function sqlToolArgs(layout: ClusterLayout, database: string, command: string[]): string[] {
  const connection = ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(layout.pg.port)]
  return [...connection, '-u', layout.pg.user, '--db', database, ...command]
}

const quoted = (value: string) => `'${value.replaceAll("'", "''")}'`

function databaseExists(layout: ClusterLayout, database: string): boolean {
  return psql(layout, 'postgres', `select 1 from pg_database where datname = ${quoted(database)}`) === '1'
}

function versioningExists(layout: ClusterLayout, database: string): boolean {
  return psql(layout, database, `select to_regclass('public.schema_version') is not null`) === 't'
}

/** The version the database is at, as temporal-sql-tool recorded it. */
export function schemaVersion(layout: ClusterLayout, database: string): string {
  return psql(layout, database, 'select curr_version from schema_version limit 1')
}

export async function ensureSchemas(
  layout: ClusterLayout,
  sqlTool: string,
  log: (line: string) => void
): Promise<void> {
  for (const { database, schemaName } of schemaTargets(layout)) {
    const steps: string[][] = []
    if (!databaseExists(layout, database)) steps.push(['create-database'])
    if (steps.length > 0 || !versioningExists(layout, database)) steps.push(['setup-schema', '-v', '0.0'])
    steps.push(['update-schema', '--schema-name', schemaName])
    for (const command of steps) {
      const args = sqlToolArgs(layout, database, command)
      const result = await runStep({
        command: [sqlTool, ...args],
        log,
        status: () => `temporal-sql-tool ${command[0]} on ${database}`,
      })
      if (result.code !== 0) {
        throw new Error(`temporal-sql-tool ${args.join(' ')} exited with ${result.code}:\n${result.tail.join('\n')}`)
      }
    }
    log(`Schema: ${database} at version ${schemaVersion(layout, database)} (${schemaName})`)
  }
}
