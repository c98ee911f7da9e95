// Goal: `npm run cluster` lays out a Temporal cluster that can run beside the dev server and the simulator, gives each
// service process its own ports, provisions what is missing the way this machine allows, and runs PostgreSQL as a
// user it accepts. Method: the pure decisions (layout, config text, install plan, command lines). The cluster itself
// is checked end to end by test/cluster/check.ts (npm run cluster:check), which needs minutes of Go builds.
import { describe, expect, it } from 'vitest'

import { clusterLayout, SERVICES } from '../../../bin/cluster/layout.js'
import { pgCommand, serverOptions } from '../../../bin/cluster/postgres.js'
import { schemaTargets, sqlToolArgs } from '../../../bin/cluster/schema.js'
import { dynamicConfigYaml, serverConfigYaml } from '../../../bin/cluster/server-config.js'
import { readinessPort, serviceDaemon } from '../../../bin/cluster/services.js'
import { uiConfigYaml } from '../../../bin/cluster/ui.js'
import { planAptInstall, type AptFacts } from '../../../bin/provision/apt-plan.js'
import { goBinaryName } from '../../../bin/provision/go-install.js'

const layout = clusterLayout('/repo')

function everyPort(l = layout): number[] {
  const services = SERVICES.flatMap((name) => Object.values(l.services[name]))
  return [...services, l.frontendHttpPort, l.ui.port, l.pg.port]
}

describe('clusterLayout', () => {
  it('puts every port apart: no two processes share one, none is the dev server’s or the simulator’s', () => {
    const ports = everyPort()
    expect(new Set(ports).size).toBe(ports.length)
    for (const taken of [7233, 7234, 7235, 7239, 8233, 8100, 8101, 8102, 8103, 5432, 3000]) {
      expect(ports).not.toContain(taken)
    }
    expect(layout.frontendAddress).toBe('127.0.0.1:7333')
  })

  it('moves the whole block with TEMPORAL_CLUSTER_PORT, and refuses a value that is not a port', () => {
    const moved = clusterLayout('/repo', { TEMPORAL_CLUSTER_PORT: '17333', TEMPORAL_CLUSTER_PG_PORT: '56000' })
    expect(moved.frontendAddress).toBe('127.0.0.1:17333')
    expect(moved.services.history.grpc).toBe(17334)
    expect(moved.pg.port).toBe(56000)
    expect(new Set(everyPort(moved)).size).toBe(everyPort(moved).length)
    expect(() => clusterLayout('/repo', { TEMPORAL_CLUSTER_PORT: 'seven' })).toThrow(/TEMPORAL_CLUSTER_PORT/)
    expect(() => clusterLayout('/repo', { TEMPORAL_CLUSTER_UI_PORT: '70000' })).toThrow(/TEMPORAL_CLUSTER_UI_PORT/)
  })

  it('keeps its files under .temporal/ of the project (ignored by git)', () => {
    expect(layout.pg.dataDir).toBe('/repo/.temporal/pg/data')
    expect(layout.configDir).toBe('/repo/.temporal/cluster/config')
    expect(layout.binDir).toBe('/repo/.temporal/bin')
  })
})

describe('the server config', () => {
  it('gives each service process its own metrics port and points every store at the project’s PostgreSQL', () => {
    for (const service of SERVICES) {
      const text = serverConfigYaml(layout, service)
      expect(text).toContain(`listenAddress: "127.0.0.1:${layout.services[service].metrics}"`)
      for (const other of SERVICES.filter((name) => name !== service)) {
        expect(text).not.toContain(`127.0.0.1:${layout.services[other].metrics}`)
      }
      expect(text.match(/connectAddr: "127\.0\.0\.1:55432"/g)).toHaveLength(2)
      expect(text).toContain('databaseName: "temporal"')
      expect(text).toContain('databaseName: "temporal_visibility"')
      expect(text).toContain('numHistoryShards: 4')
      expect(text).toContain(`filepath: "${layout.dynamicConfigFile}"`)
      // pprof's one fixed port would make the second process fail to start
      expect(text).toContain('port: 0')
    }
    expect(dynamicConfigYaml(layout)).toMatch(/system\.enableActivityEagerExecution:\n {2}- value: true/)
  })

  it('starts each service alone, and waits for the worker on its membership port (it serves no gRPC)', () => {
    const frontend = serviceDaemon(layout, '/bin/temporal-server', 'frontend')
    expect(frontend.args).toEqual([
      '--root',
      '/repo/.temporal/cluster',
      '--config',
      'config',
      '--env',
      'frontend',
      '--allow-no-auth',
      'start',
      '--service',
      'frontend',
    ])
    expect(readinessPort(layout, 'frontend')).toBe(7333)
    expect(readinessPort(layout, 'worker')).toBe(layout.services.worker.membership)
  })

  it('points the UI at the cluster’s frontend', () => {
    const text = uiConfigYaml(layout, 'default')
    expect(text).toContain('temporalGrpcAddress: 127.0.0.1:7333')
    expect(text).toContain('port: 8333')
  })
})

describe('PostgreSQL', () => {
  it('runs its programs as the postgres user when this process is root, as itself otherwise', () => {
    expect(pgCommand({ as: 'self' }, 'pg_ctl', ['status'])).toEqual(['/usr/lib/postgresql/15/bin/pg_ctl', 'status'])
    expect(pgCommand({ as: 'user', user: 'postgres', uid: 101, gid: 104 }, 'initdb', ['-D', 'x'])).toEqual([
      'runuser',
      '-u',
      'postgres',
      '--',
      '/usr/lib/postgresql/15/bin/initdb',
      '-D',
      'x',
    ])
  })

  it('listens on loopback and its own port only, without a Unix socket', () => {
    expect(serverOptions(layout)).toContain('-c listen_addresses=127.0.0.1')
    expect(serverOptions(layout)).toContain('-c port=55432')
    expect(serverOptions(layout)).toContain("-c unix_socket_directories=''")
  })

  it('sets up both databases with the schemas embedded in temporal-sql-tool', () => {
    expect(schemaTargets(layout)).toEqual([
      { database: 'temporal', schemaName: 'postgresql/v12/temporal' },
      { database: 'temporal_visibility', schemaName: 'postgresql/v12/visibility' },
    ])
    expect(sqlToolArgs(layout, 'temporal', ['setup-schema', '-v', '0.0'])).toEqual([
      '--plugin',
      'postgres12',
      '--ep',
      '127.0.0.1',
      '-p',
      '55432',
      '-u',
      'temporal',
      '--db',
      'temporal',
      'setup-schema',
      '-v',
      '0.0',
    ])
  })
})

describe('planAptInstall', () => {
  const missing: AptFacts = { present: false, aptGet: true, root: false, sudo: false }

  it('uses what is there', () => {
    expect(planAptInstall('postgresql', { ...missing, present: true })).toEqual({ action: 'use' })
  })

  it('runs apt-get directly as root, through passwordless sudo otherwise', () => {
    const asRoot = planAptInstall('postgresql', { ...missing, root: true })
    expect(asRoot).toMatchObject({ action: 'install' })
    expect(asRoot.action === 'install' && asRoot.steps.map((s) => s.command)).toEqual([
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', '--no-install-recommends', 'postgresql'],
    ])
    const withSudo = planAptInstall('postgresql', { ...missing, sudo: true })
    expect(withSudo.action === 'install' && withSudo.steps[1]!.command.slice(0, 4)).toEqual([
      'sudo',
      '-n',
      'env',
      'DEBIAN_FRONTEND=noninteractive',
    ])
  })

  it('names the command to run when it cannot install', () => {
    expect(planAptInstall('postgresql', missing)).toEqual({
      action: 'unavailable',
      problem: expect.stringContaining('sudo apt-get update && sudo apt-get install -y postgresql'),
    })
    expect(planAptInstall('postgresql', { ...missing, aptGet: false })).toMatchObject({ action: 'unavailable' })
  })
})

describe('goBinaryName', () => {
  it('is the package path’s last element, skipping a major-version suffix', () => {
    expect(goBinaryName('go.temporal.io/server/cmd/server@v1.29.1')).toBe('server')
    expect(goBinaryName('go.temporal.io/server/cmd/tools/sql@v1.29.1')).toBe('sql')
    expect(goBinaryName('github.com/temporalio/ui-server/v2/cmd/server@v2.42.1')).toBe('server')
    expect(goBinaryName('example.com/tool/v3@v3.0.0')).toBe('tool')
  })
})
