// The cluster's programs, provisioned like the Temporal CLI (bin/temporal/cli.ts): found (on PATH at the pinned
// version, or in .temporal/bin), else built with `go install` from the module proxy. The server and its SQL tool come
// from one module and build together; the UI server is the one the CLI bundles, built alone.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

import { goInstall, type GoProgram } from '../provision/go-install.js'
import { TEMPORAL_SERVER_VERSION, TEMPORAL_UI_VERSION } from './layout.js'

export interface ServerBinaries {
  server: string
  sqlTool: string
}

interface Options {
  binDir: string
  env?: NodeJS.ProcessEnv
  log?: (line: string) => void
}

const SERVER_PROGRAMS: GoProgram[] = [
  { goPackage: `go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}`, name: 'temporal-server' },
  { goPackage: `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`, name: 'temporal-sql-tool' },
]
const UI_PROGRAM: GoProgram = {
  goPackage: `github.com/temporalio/ui-server/v2/cmd/server@${TEMPORAL_UI_VERSION}`,
  name: 'temporal-ui-server',
}

/** `<binary> --version` prints its version (urfave/cli): `temporal version 1.29.1`, `Temporal UI version 2.42.1`. */
function reportsVersion(path: string, version: string): boolean {
  const probe = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 })
  return probe.status === 0 && probe.stdout.includes(version.replace(/^v/, ''))
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8', env })
  const path = found.stdout.trim()
  return found.status === 0 && path ? path : undefined
}

function find(name: string, version: string, { binDir, env = process.env }: Options): string | undefined {
  const fromPath = onPath(name, env)
  if (fromPath && reportsVersion(fromPath, version)) return fromPath
  const local = join(binDir, name)
  return existsSync(local) && reportsVersion(local, version) ? local : undefined
}

async function build(programs: GoProgram[], label: string, options: Options): Promise<void> {
  const env = options.env ?? process.env
  if (!onPath('go', env)) {
    throw new Error(
      `${label} is missing and Go is not installed to build it: install Go >= 1.25, or put ` +
        `${programs.map((p) => p.name).join(' and ')} (${programs[0]!.goPackage}) on PATH`
    )
  }
  mkdirSync(options.binDir, { recursive: true })
  await goInstall({ programs, binDir: options.binDir, label, env, log: options.log })
}

/** The Temporal server and temporal-sql-tool at TEMPORAL_SERVER_VERSION (both print it: `... version 1.29.1`). */
export async function ensureServerBinaries(options: Options): Promise<ServerBinaries> {
  const found = () => {
    const server = find('temporal-server', TEMPORAL_SERVER_VERSION, options)
    const sqlTool = find('temporal-sql-tool', TEMPORAL_SERVER_VERSION, options)
    return server && sqlTool ? { server, sqlTool } : undefined
  }
  const existing = found()
  if (existing) return existing
  // Both are built even when one was found: they come from one module and compile mostly the same packages.
  await build(SERVER_PROGRAMS, `the Temporal server ${TEMPORAL_SERVER_VERSION} and temporal-sql-tool`, options)
  const built = found()
  if (!built)
    throw new Error(`go install finished but ${options.binDir} has no working temporal-server and temporal-sql-tool`)
  return built
}

/** The Temporal UI server at TEMPORAL_UI_VERSION. */
export async function ensureUiServer(options: Options): Promise<string> {
  const existing = find(UI_PROGRAM.name, TEMPORAL_UI_VERSION, options)
  if (existing) return existing
  await build([UI_PROGRAM], `the Temporal UI server ${TEMPORAL_UI_VERSION}`, options)
  const built = find(UI_PROGRAM.name, TEMPORAL_UI_VERSION, options)
  if (!built) throw new Error(`go install finished but ${join(options.binDir, UI_PROGRAM.name)} does not run`)
  return built
}
