// What orders cost on the cluster, for the sizing in ops/deploy/README.md: CPU of each Temporal service process, of
// PostgreSQL (the postmaster, its live backends, and the backends it has reaped) and of the gateway's roles, and the
// database's transactions and row writes, read before and after a batch of orders (test/cluster/check.ts).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import type { ClusterLayout } from '../../bin/cluster/layout.js'
import { psql } from '../../bin/cluster/postgres.js'

const TICKS_PER_SECOND = 100 // getconf CLK_TCK on Linux

/** utime + stime (and the reaped children's cutime + cstime when asked), in ms. */
function cpuMs(pid: number, reapedChildren = false): number {
  // The command name may hold spaces: fields are counted after its closing parenthesis.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const at = (field: number) => Number(fields[field - 3]) // fields[0] is field 3 (state)
  const ticks = at(14) + at(15) + (reapedChildren ? at(16) + at(17) : 0)
  return (ticks * 1000) / TICKS_PER_SECOND
}

function childrenOf(parent: number): number[] {
  const tasks = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim()
  return tasks === '' ? [] : tasks.split(' ').map(Number)
}

function postgresCpuMs(layout: ClusterLayout): number {
  const postmaster = Number(readFileSync(join(layout.pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
  // A backend may end between the listing and the read (psql's own, for one): its time then moves to cutime.
  const live = (pid: number) => {
    try {
      return cpuMs(pid)
    } catch {
      return 0
    }
  }
  return cpuMs(postmaster, true) + childrenOf(postmaster).reduce((sum, pid) => sum + live(pid), 0)
}

interface DbCounters {
  commits: number
  inserted: number
  updated: number
  deleted: number
}

function dbCounters(layout: ClusterLayout, database: string): DbCounters {
  const row = psql(
    layout,
    'postgres',
    `select xact_commit, tup_inserted, tup_updated, tup_deleted from pg_stat_database where datname = '${database}'`
  )
  const [commits, inserted, updated, deleted] = row.split('|').map(Number) as [number, number, number, number]
  return { commits, inserted, updated, deleted }
}

export interface CpuSnapshot {
  at: number
  servicesMs: Record<string, number>
  postgresMs: number
  rolesMs: Record<string, number>
}

/** Processes by name: the Temporal services, and the gateway's roles (api, worker). */
export function cpuSnapshot(
  layout: ClusterLayout,
  services: Record<string, number>,
  roles: Record<string, number>
): CpuSnapshot {
  const byName = (pids: Record<string, number>) =>
    Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]))
  return { at: Date.now(), servicesMs: byName(services), postgresMs: postgresCpuMs(layout), rolesMs: byName(roles) }
}

/**
 * The databases' counters. PostgreSQL 15 publishes a backend's counts when its transaction ends, at most once a
 * second, and an idle backend's within 10 s: read them again after that long.
 */
export function dbSnapshot(layout: ClusterLayout): Record<string, DbCounters> {
  return Object.fromEntries(
    Object.values(layout.pg.databases).map((database) => [database, dbCounters(layout, database)])
  )
}

const per = (value: number, count: number) => (value / count).toFixed(1)

/** CPU between two snapshots, divided by `count`: per order over a batch, or per second over an idle spell. */
export function cpuPer(before: CpuSnapshot, after: CpuSnapshot, count: number, unit: string): string {
  const group = (b: Record<string, number>, a: Record<string, number>) => {
    const names = Object.keys(a)
    const total = names.reduce((sum, name) => sum + a[name]! - b[name]!, 0)
    return `${per(total, count)} ms (${names.map((name) => `${name} ${per(a[name]! - b[name]!, count)}`).join(', ')})`
  }
  return (
    `CPU ${unit}: Temporal ${group(before.servicesMs, after.servicesMs)}, ` +
    `PostgreSQL ${per(after.postgresMs - before.postgresMs, count)} ms, ` +
    `gateway ${group(before.rolesMs, after.rolesMs)}`
  )
}

/** The databases' transactions (reads included) and row writes between two snapshots, divided by `count`. */
export function dbPer(
  before: Record<string, DbCounters>,
  after: Record<string, DbCounters>,
  count: number,
  unit: string
): string[] {
  return Object.keys(after).map((database) => {
    const a = after[database]!
    const b = before[database]!
    return (
      `${database} ${unit}: ${per(a.commits - b.commits, count)} transactions, rows ${per(a.inserted - b.inserted, count)} ` +
      `inserted, ${per(a.updated - b.updated, count)} updated, ${per(a.deleted - b.deleted, count)} deleted`
    )
  })
}
