// Every query in db/ is written once against db/schema.ts's types and run on either engine's tables (db.t), so the
// SQLite schema and db/schema-pg.ts must name the same tables and columns under the same keys, with the same
// nullability, keys, JS types and indexes; and each engine's migrations must build exactly the schema its queries use.
import Database from 'better-sqlite3'
import { getTableColumns, getTableName, is, type Column } from 'drizzle-orm'
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core'
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'

import { openDatabase } from '../../db/client.js'
import * as sqliteSchema from '../../db/schema.js'
import * as pgSchema from '../../db/schema-pg.js'
import { dropSharedTestDatabases, sharedDatabaseTarget } from '../support/shared-test-database.js'
import { DIALECTS, type Dialect } from '../support/test-databases.js'

afterAll(dropSharedTestDatabases)

/** The tables a schema module exports, by export name (the key queries use: db.t.orderAttempts). */
function tablesOf(dialect: Dialect): Map<string, SQLiteTable | PgTable> {
  const module: Record<string, unknown> = dialect === 'sqlite' ? sqliteSchema : pgSchema
  const tables = new Map<string, SQLiteTable | PgTable>()
  for (const [key, value] of Object.entries(module)) {
    if (is(value, SQLiteTable) || is(value, PgTable)) tables.set(key, value)
  }
  return tables
}

const configOf = (table: SQLiteTable | PgTable) =>
  is(table, SQLiteTable) ? sqliteTableConfig(table) : pgTableConfig(table as PgTable)

/** What a query relies on in a table, in the same words for both dialects. */
function shapeOf(table: SQLiteTable | PgTable) {
  const config = configOf(table)
  const columns = Object.fromEntries(
    Object.entries(getTableColumns(table)).map(([key, column]: [string, Column]) => [
      key,
      {
        name: column.name,
        notNull: column.notNull,
        primary: column.primary,
        // 'number' for times and counts (SQLite integer, PostgreSQL bigint/integer/serial), 'json', 'string'...
        dataType: column.dataType,
        enumValues: column.enumValues ?? null,
        // Primary keys aside: drizzle counts every SQLite integer primary key (a rowid) as defaulted, PostgreSQL's
        // only when serial.
        hasDefault: column.hasDefault && !column.primary,
      },
    ])
  )
  const indexes = config.indexes
    .map((index) => ({
      name: index.config.name,
      unique: index.config.unique,
      columns: index.config.columns.map((c) => (c as { name: string }).name),
    }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)))
  const foreignKeys = config.foreignKeys.map((fk) => {
    const { columns: from, foreignColumns, foreignTable } = fk.reference()
    return {
      columns: from.map((c) => c.name),
      references: `${getTableName(foreignTable)}(${foreignColumns.map((c) => c.name).join(',')})`,
    }
  })
  return {
    name: config.name,
    columns,
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    indexes,
    foreignKeys,
  }
}

describe('db/schema.ts and db/schema-pg.ts', () => {
  const sqlite = tablesOf('sqlite')
  const postgres = tablesOf('postgres')

  it('export the same tables under the same names', () => {
    expect(sqlite.size).toBeGreaterThanOrEqual(9)
    expect([...postgres.keys()].sort()).toEqual([...sqlite.keys()].sort())
  })

  it.each([...sqlite.keys()])(
    '%s: same table and column names, nullability, primary keys, JS types, defaults, indexes and foreign keys',
    (key) => {
      expect(shapeOf(postgres.get(key)!)).toEqual(shapeOf(sqlite.get(key)!))
    }
  )
})

interface DatabaseColumn {
  notNull: boolean
  primary: boolean
}
type DatabaseSchema = Record<string, { columns: Record<string, DatabaseColumn>; indexes: string[] }>

/** The tables, columns and index names a migrated SQLite file holds, read with SQLite's own pragmas. */
function sqliteSchemaOf(file: string): DatabaseSchema {
  const sqlite = new Database(file, { readonly: true })
  try {
    const tables = sqlite
      .prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite_%'")
      .all() as { name: string }[]
    const schema: DatabaseSchema = {}
    for (const { name } of tables) {
      const columns = sqlite.pragma(`table_info(${JSON.stringify(name)})`) as {
        name: string
        notnull: number
        pk: number
      }[]
      const indexes = sqlite.pragma(`index_list(${JSON.stringify(name)})`) as { name: string; origin: string }[]
      schema[name] = {
        columns: Object.fromEntries(
          columns.map((c) => [c.name, { notNull: c.notnull === 1 || c.pk > 0, primary: c.pk > 0 }])
        ),
        // 'c': made by CREATE INDEX (not the automatic index of a primary key or a UNIQUE column).
        indexes: indexes.filter((i) => i.origin === 'c').map((i) => i.name),
      }
    }
    return schema
  } finally {
    sqlite.close()
  }
}

/** The same from PostgreSQL's information_schema and catalog, for the public schema. */
async function postgresSchemaOf(url: string): Promise<DatabaseSchema> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const columns = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
      "select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public'"
    )
    const primary = await client.query<{ table_name: string; column_name: string }>(
      `select kcu.table_name, kcu.column_name
         from information_schema.table_constraints tc
         join information_schema.key_column_usage kcu
           on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name
        where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = 'public'`
    )
    const indexes = await client.query<{ tablename: string; indexname: string }>(
      `select i.tablename, i.indexname from pg_indexes i
        where i.schemaname = 'public'
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.contype in ('p', 'u'))`
    )
    const keys = new Set(primary.rows.map((r) => `${r.table_name}.${r.column_name}`))
    const schema: DatabaseSchema = {}
    for (const row of columns.rows) {
      schema[row.table_name] ??= { columns: {}, indexes: [] }
      schema[row.table_name]!.columns[row.column_name] = {
        notNull: row.is_nullable === 'NO',
        primary: keys.has(`${row.table_name}.${row.column_name}`),
      }
    }
    for (const row of indexes.rows) schema[row.tablename]?.indexes.push(row.indexname)
    return schema
  } finally {
    await client.end()
  }
}

/** What the drizzle schema of `dialect` says the database holds, in the same form. */
function expectedSchemaOf(dialect: Dialect): DatabaseSchema {
  const schema: DatabaseSchema = {}
  for (const table of tablesOf(dialect).values()) {
    const config = configOf(table)
    schema[config.name] = {
      columns: Object.fromEntries(config.columns.map((c) => [c.name, { notNull: c.notNull, primary: c.primary }])),
      indexes: config.indexes.map((i) => i.config.name!),
    }
  }
  return schema
}

const sorted = (schema: DatabaseSchema): DatabaseSchema =>
  Object.fromEntries(
    Object.entries(schema)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, table]) => [name, { columns: table.columns, indexes: [...table.indexes].sort() }])
  )

describe.each(DIALECTS)('%s migrations', (dialect) => {
  it('bring a fresh database to the drizzle schema: every table, column, primary key and index, nothing else', async () => {
    const target = await sharedDatabaseTarget(dialect)
    const opened = await openDatabase(target)
    await opened.close()
    const actual = dialect === 'sqlite' ? sqliteSchemaOf(target) : await postgresSchemaOf(target)
    // drizzle's own bookkeeping (SQLite keeps it beside the tables; PostgreSQL in its own `drizzle` schema)
    delete actual.__drizzle_migrations
    expect(sorted(actual)).toEqual(sorted(expectedSchemaOf(dialect)))
  })
})
