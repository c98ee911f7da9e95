// Opens the PostgreSQL history (DATABASE_URL) through a node-postgres pool and brings its schema up to date with
// db/migrations-pg. Every api and worker process of a scaled-out platform opens the same database.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { sql } from 'drizzle-orm'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'

import { describeDatabase, type GatewayDb, type OpenedDatabase } from './client.js'
import * as schema from './schema.js'
import * as pgSchema from './schema-pg.js'

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations-pg')

/** Session lock held while migrating, so processes starting together apply each migration once. */
const MIGRATION_LOCK = 7_233_001

const INT8_OID = 20

/**
 * Times are epoch milliseconds in bigint columns, and counts are bigint: node-postgres hands int8 over as a string
 * (it may exceed 2^53). Every int8 here is far below 2^53, so it is read as a number, as SQLite gives it.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as never,
}

export async function openPostgres(url: string): Promise<OpenedDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    types,
    // A PostgreSQL that went away should fail a query in seconds (the activity retries), not hang it.
    connectionTimeoutMillis: 10_000,
  })
  // An idle client that loses its server (a restart) emits an error; the pool replaces it on the next query.
  pool.on('error', () => undefined)
  const orm = drizzle({ client: pool, schema: pgSchema })
  try {
    await migrateOnce(pool, orm)
  } catch (error) {
    await pool.end()
    throw new Error(
      `the history's PostgreSQL at ${describeDatabase(url)} could not be opened: ${(error as Error).message}`,
      {
        cause: error,
      }
    )
  }

  const wrap = (client: NodePgDatabase<typeof pgSchema>, inTransaction: boolean): GatewayDb => {
    const db: GatewayDb = {
      dialect: 'postgres',
      orm: client as unknown as GatewayDb['orm'],
      t: pgSchema as unknown as typeof schema,
      ping: async () => void (await pool.query('select 1')),
      async serialized(key, body) {
        const locked = async (tx: NodePgDatabase<typeof pgSchema>) => {
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`)
          return body(inTransaction ? db : wrap(tx, true))
        }
        return inTransaction ? locked(client) : client.transaction(locked)
      },
    }
    return db
  }
  return { db: wrap(orm, false), dialect: 'postgres', close: () => pool.end() }
}

async function migrateOnce(pool: pg.Pool, orm: NodePgDatabase<typeof pgSchema>): Promise<void> {
  const lock = await pool.connect()
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    await migrate(orm, { migrationsFolder: MIGRATIONS })
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
    lock.release()
  }
}
