// Finds the Temporal CLI, installing it into the project when it is missing. Used by `npm start`, the test
// global setup and .ci/run, so that a fresh clone needs nothing installed by hand.
//
// Order: $TEMPORAL_CLI, then `temporal` on PATH, then .temporal/bin/temporal (ignored by git), then build it with
// `go install` (CLI v1.5.1 is the newest tag that `go install` can build: later tags use a replace directive),
// then, on a machine with internet and no Go, the official download.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'

import { describeGoBuild, GO_BUILD_STARTED, trackGoBuild } from '../provision/go-build-progress.js'
import { progressLine, runStep } from '../provision/run-step.js'

export const TEMPORAL_CLI_VERSION = 'v1.5.1'
const GO_PACKAGE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`

export interface EnsureCliOptions {
  projectRoot: string
  env?: NodeJS.ProcessEnv
  log?: (line: string) => void
}

export function localCliPath(projectRoot: string): string {
  return join(resolve(projectRoot), '.temporal', 'bin', 'temporal')
}

function runsAsTemporal(path: string): boolean {
  const probe = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 })
  return probe.status === 0 && /temporal version/.test(probe.stdout)
}

function onPath(binary: string, env: NodeJS.ProcessEnv): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8', env })
  const path = found.stdout.trim()
  return found.status === 0 && path ? path : undefined
}

/** Returns the path of a working Temporal CLI, building or downloading it if necessary. */
export async function ensureTemporalCli({
  projectRoot,
  env = process.env,
  log = console.log,
}: EnsureCliOptions): Promise<string> {
  const configured = env.TEMPORAL_CLI
  if (configured) {
    if (!runsAsTemporal(configured)) throw new Error(`TEMPORAL_CLI=${configured} is not a working Temporal CLI`)
    return configured
  }
  const fromPath = onPath('temporal', env)
  if (fromPath && runsAsTemporal(fromPath)) return fromPath

  const local = localCliPath(projectRoot)
  if (existsSync(local) && runsAsTemporal(local)) return local

  mkdirSync(join(resolve(projectRoot), '.temporal', 'bin'), { recursive: true })
  const failures: string[] = []
  if (onPath('go', env)) {
    try {
      await goInstall(local, env, log)
      if (runsAsTemporal(local)) return local
      failures.push(`go install finished but ${local} does not run`)
    } catch (error) {
      failures.push(String((error as Error).message))
    }
  } else {
    failures.push('Go is not installed (needed to build the Temporal CLI with go install)')
  }
  try {
    await download(local, log)
    if (runsAsTemporal(local)) return local
    failures.push(`downloaded ${local} does not run`)
  } catch (error) {
    failures.push(`download from ${downloadUrl()} failed: ${(error as Error).message}`)
  }
  throw new Error(
    [
      'Could not find or install the Temporal CLI.',
      ...failures.map((f) => `  - ${f}`),
      `Install it yourself with: CGO_ENABLED=0 GOBIN=${join(resolve(projectRoot), '.temporal', 'bin')} go install ${GO_PACKAGE}`,
      'or point TEMPORAL_CLI at an existing binary.',
    ].join('\n')
  )
}

async function goInstall(target: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  log(`Temporal CLI not found: building ${GO_PACKAGE} with go install (several minutes the first time)...`)
  let progress = GO_BUILD_STARTED
  const command: [string, ...string[]] = ['go', 'install', '-v', GO_PACKAGE]
  const result = await runStep({
    command,
    env: { ...env, CGO_ENABLED: '0', GOBIN: join(target, '..'), GOFLAGS: env.GOFLAGS ?? '-mod=mod' },
    log,
    onLine: (line) => (progress = trackGoBuild(progress, line)),
    status: () => describeGoBuild(progress, 'the Temporal CLI'),
  }).catch((error: Error) => {
    throw new Error(`go install could not start: ${error.message}`)
  })
  const seconds = Math.round(result.elapsedMs / 1000)
  if (result.code !== 0) {
    throw new Error(`${command.join(' ')} exited with ${result.code} after ${seconds}s:\n${result.tail.join('\n')}`)
  }
  const work =
    progress.modules + progress.packages === 0
      ? "all from Go's caches"
      : `${progress.modules} modules fetched, ${progress.packages} packages compiled`
  log(`Temporal CLI built in ${seconds}s (${work}): ${target}`)
}

async function download(target: string, log: (line: string) => void): Promise<void> {
  const url = downloadUrl()
  log(`Downloading the Temporal CLI ${TEMPORAL_CLI_VERSION} from ${url} ...`)
  const archive = `${target}.tar.gz`
  const response = await fetch(url, { signal: AbortSignal.timeout(300_000) })
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`)
  const total = Number(response.headers.get('content-length') ?? 0)
  const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1)
  const started = Date.now()
  let received = 0
  const heartbeat = setInterval(() => {
    const of = total > 0 ? ` of ${megabytes(total)}` : ''
    log(progressLine(Date.now() - started, `downloading the Temporal CLI: ${megabytes(received)}${of} MB`))
  }, 10_000)
  try {
    const chunks: Uint8Array[] = []
    for await (const chunk of response.body) {
      chunks.push(chunk)
      received += chunk.length
    }
    await writeFile(archive, Buffer.concat(chunks))
  } finally {
    clearInterval(heartbeat)
  }
  const untar = spawnSync('tar', ['-xzf', archive, '-C', join(target, '..'), 'temporal'], { encoding: 'utf8' })
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`)
}

/** The official archive for this machine (linux or darwin, amd64 or arm64). */
function downloadUrl(): string {
  const arch = process.arch === 'arm64' ? 'arm64' : 'amd64'
  const platform = process.platform === 'darwin' ? 'darwin' : 'linux'
  return `https://temporal.download/cli/archive/${TEMPORAL_CLI_VERSION}?platform=${platform}&arch=${arch}`
}
