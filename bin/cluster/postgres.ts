// The cluster's own PostgreSQL: Debian's server programs (installed with apt-get when missing), a private database
// cluster under .temporal/pg (initdb + pg_ctl, not the system service, so it needs no systemd and belongs to the
// project), listening on 127.0.0.1 only, on a fixed port, with no Unix socket, trusting local connections.
//
// PostgreSQL refuses to run as root. A root session runs its programs as Debian's `postgres` user (created by the
// package) through runuser, and hands it the .temporal/pg directory; anyone else runs them as themselves.
import { spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { ensureAptPackage } from '../provision/apt-install.js'
import { runStep } from '../provision/run-step.js'
import { POSTGRES_MAJOR, type ClusterLayout } from './layout.js'

const PG_BIN = `/usr/lib/postgresql/${POSTGRES_MAJOR}/bin`
export const PG_SYSTEM_USER = 'postgres'

/** Who runs PostgreSQL's server programs: this process's user, or `postgres` when this process is root. */
export type PgRunner = { as: 'self' } | { as: 'user'; user: string; uid: number; gid: number }

/** The command line of a server program (initdb, pg_ctl) for that runner. */
export function pgCommand(runner: PgRunner, program: string, args: string[]): [string, ...string[]] {
  const path = join(PG_BIN, program)
  return runner.as === 'self' ? [path, ...args] : ['runuser', '-u', runner.user, '--', path, ...args]
}

/** postgres's options, given on every start so that a changed port applies to an existing data directory. */
export function serverOptions(layout: ClusterLayout): string {
  return [
    `-c listen_addresses=127.0.0.1`,
    `-c port=${layout.pg.port}`,
    // No Unix socket: /var/run/postgresql belongs to the system service, and TCP on loopback is all Temporal uses.
    `-c unix_socket_directories=''`,
    // Four services with up to 24 connections each, the SQL tool, psql and the scale test's roles.
    `-c max_connections=200`,
  ].join(' ')
}

function installed(): boolean {
  return existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'))
}

function pgRunner(): PgRunner {
  if (process.getuid?.() !== 0) return { as: 'self' }
  const id = (flag: string) => spawnSync('id', [flag, PG_SYSTEM_USER], { encoding: 'utf8' })
  const uid = id('-u')
  const gid = id('-g')
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(`running as root, PostgreSQL needs a user to run as, and there is no '${PG_SYSTEM_USER}' user`)
  }
  return { as: 'user', user: PG_SYSTEM_USER, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

async function run(command: [string, ...string[]], what: string, log: (line: string) => void): Promise<string[]> {
  const result = await runStep({ command, log, status: () => what })
  if (result.code !== 0) {
    throw new Error(`${what} failed: \`${command.join(' ')}\` exited with ${result.code}:\n${result.tail.join('\n')}`)
  }
  return result.tail
}

/** The data directory and its log belong to the runner; a root session hands them to it. */
function prepareDirectory(layout: ClusterLayout, runner: PgRunner): void {
  const pgDir = dirname(layout.pg.dataDir)
  mkdirSync(pgDir, { recursive: true })
  if (runner.as === 'self') return
  if (statSync(pgDir).uid !== runner.uid) chownSync(pgDir, runner.uid, runner.gid)
  const reach = spawnSync('runuser', ['-u', runner.user, '--', 'test', '-w', pgDir])
  if (reach.status !== 0) {
    throw new Error(
      `the '${runner.user}' user cannot write ${pgDir}: a directory above it is closed to other users ` +
        '(PostgreSQL refuses to run as root, so it runs as that user)'
    )
  }
}

export interface RunningPostgres {
  port: number
  /** postgres://temporal@127.0.0.1:<port>/<database> */
  url(database: string): string
}

function isRunning(layout: ClusterLayout, runner: PgRunner): boolean {
  const [file, ...args] = pgCommand(runner, 'pg_ctl', ['-D', layout.pg.dataDir, 'status'])
  return spawnSync(file, args, { stdio: 'ignore' }).status === 0
}

/** Installs, initialises and starts the project's PostgreSQL as needed; reuses what is there. */
export async function ensurePostgres(layout: ClusterLayout, log: (line: string) => void): Promise<RunningPostgres> {
  await ensureAptPackage({ packageName: 'postgresql', isPresent: installed, log })
  const runner = pgRunner()
  const { dataDir, logFile, port, user } = layout.pg
  prepareDirectory(layout, runner)
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`PostgreSQL: creating the database cluster in ${dataDir}`)
    // The bootstrap superuser is Temporal's user; trust is for 127.0.0.1 only (listen_addresses), nobody else.
    await run(
      pgCommand(runner, 'initdb', ['-D', dataDir, '-U', user, '--auth=trust', '--encoding=UTF8', '--locale=C']),
      'initdb',
      log
    )
  }
  const running = () => ({ port, url: (database: string) => `postgres://${user}@127.0.0.1:${port}/${database}` })
  if (isRunning(layout, runner)) {
    log(`PostgreSQL: already running (${dataDir}), port ${port}`)
    return running()
  }
  log(`PostgreSQL: starting on 127.0.0.1:${port} (log ${logFile})`)
  await run(
    pgCommand(runner, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', serverOptions(layout), 'start']),
    'pg_ctl start',
    log
  )
  return running()
}

/** Stops the project's PostgreSQL when it runs (fast shutdown: sessions are ended, committed data is kept). */
export async function stopPostgres(layout: ClusterLayout, log: (line: string) => void): Promise<boolean> {
  if (!installed() || !existsSync(join(layout.pg.dataDir, 'PG_VERSION'))) return false
  const runner = pgRunner()
  if (!isRunning(layout, runner)) return false
  await run(pgCommand(runner, 'pg_ctl', ['-D', layout.pg.dataDir, '-m', 'fast', '-w', 'stop']), 'pg_ctl stop', log)
  return true
}

/** Runs one SQL statement with psql over TCP (trust: no password) and returns its unaligned, tuples-only output. */
export function psql(layout: ClusterLayout, database: string, sql: string): string {
  const result = spawnSync(
    join(PG_BIN, 'psql'),
    ['-h', '127.0.0.1', '-p', String(layout.pg.port), '-U', layout.pg.user, '-d', database, '-tAqc', sql],
    { encoding: 'utf8', timeout: 30_000 }
  )
  if (result.status !== 0) throw new Error(`psql on ${database}: ${result.stderr.trim() || `exit ${result.status}`}`)
  return result.stdout.trim()
}
