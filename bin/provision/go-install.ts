// Builds Go programs into the project with `go install` (CGO off, pinned versions from the module proxy), with a
// heartbeat while it runs. Several packages of one module build in one `go install`, so that the packages they share
// compile once. `go install` names a binary after its package's last path element (`server`, `sql`): each lands in
// a scratch GOBIN first and is then moved to the name the project uses (`temporal-server`, ...).
import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'

import { describeGoBuild, GO_BUILD_STARTED, trackGoBuild } from './go-build-progress.js'
import { runStep } from './run-step.js'

export interface GoProgram {
  /** `module/path/cmd/x@version` */
  goPackage: string
  /** The binary's name in binDir. */
  name: string
}

export interface GoInstallOptions {
  programs: readonly GoProgram[]
  binDir: string
  /** For the messages, e.g. 'the Temporal server'. */
  label: string
  env?: NodeJS.ProcessEnv
  log?: (line: string) => void
}

/** The name `go install` gives the binary of `module/cmd/x@v1`: `x` (a trailing major-version element is skipped). */
export function goBinaryName(goPackage: string): string {
  const elements = goPackage.split('@')[0]!.split('/')
  const last = elements.at(-1)!
  return /^v\d+$/.test(last) && elements.length > 1 ? elements.at(-2)! : last
}

/** Resolves once every program is in binDir; rejects with the command and the tail of its output otherwise. */
export async function goInstall({
  programs,
  binDir,
  label,
  env = process.env,
  log = console.log,
}: GoInstallOptions): Promise<void> {
  const scratch = join(binDir, `.go-install-${process.pid}`)
  mkdirSync(scratch, { recursive: true })
  const command: [string, ...string[]] = ['go', 'install', '-v', ...programs.map((p) => p.goPackage)]
  log(`Building ${label} with ${command.join(' ')} (several minutes the first time)...`)
  let progress = GO_BUILD_STARTED
  try {
    const result = await runStep({
      command,
      env: { ...env, CGO_ENABLED: '0', GOBIN: scratch, GOFLAGS: env.GOFLAGS ?? '-mod=mod' },
      log,
      onLine: (line) => (progress = trackGoBuild(progress, line)),
      status: () => describeGoBuild(progress, label),
    }).catch((error: Error) => {
      throw new Error(`go install could not start: ${error.message}`)
    })
    const seconds = Math.round(result.elapsedMs / 1000)
    if (result.code !== 0) {
      throw new Error(`${command.join(' ')} exited with ${result.code} after ${seconds}s:\n${result.tail.join('\n')}`)
    }
    for (const program of programs)
      renameSync(join(scratch, goBinaryName(program.goPackage)), join(binDir, program.name))
    const work =
      progress.modules + progress.packages === 0
        ? "all from Go's caches"
        : `${progress.modules} modules fetched, ${progress.packages} packages compiled`
    log(`${label} built in ${seconds}s (${work}): ${programs.map((p) => join(binDir, p.name)).join(', ')}`)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
