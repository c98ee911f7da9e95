// Finds the Temporal CLI, installing it into the project when it is missing. Used by `npm start`, the test
// global setup and .ci/run, so that a fresh clone needs nothing installed by hand.
//
// Order: $TEMPORAL_CLI, then `temporal` on PATH, then .temporal/bin/temporal (ignored by git), then build it with
// `go install` (CLI v1.5.1 is the newest tag that `go install` can build: later tags use a replace directive),
// then, on a machine with internet and no Go, the official download.

import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const TEMPORAL_CLI_VERSION = 'v1.5.1'
const GO_PACKAGE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`
const DOWNLOAD_URL = 'https://temporal.download/cli/archive/v1.5.1?platform=linux&arch=amd64'

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
export async function ensureTemporalCli({ projectRoot, env = process.env, log = console.log }: EnsureCliOptions): Promise<string> {
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
    failures.push(`download from ${DOWNLOAD_URL} failed: ${(error as Error).message}`)
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

function goInstall(target: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const gobin = join(target, '..')
  log(`Temporal CLI not found: building ${GO_PACKAGE} with go install (a few minutes the first time)...`)
  const started = Date.now()
  return new Promise((resolvePromise, reject) => {
    const child = spawn('go', ['install', GO_PACKAGE], {
      env: { ...env, CGO_ENABLED: '0', GOBIN: gobin, GOFLAGS: env.GOFLAGS ?? '-mod=mod' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let lastLine = ''
    const onData = (chunk: Buffer) => {
      const lines = chunk.toString().split('\n').filter(Boolean)
      lastLine = lines.at(-1) ?? lastLine
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    // go prints nothing while it compiles; a heartbeat shows the build is alive.
    const progress = setInterval(() => {
      const seconds = Math.round((Date.now() - started) / 1000)
      log(`  ...still building the Temporal CLI (${seconds}s) ${lastLine ? `- ${lastLine.slice(0, 100)}` : ''}`)
    }, 15_000)
    child.on('error', (error) => {
      clearInterval(progress)
      reject(new Error(`go install could not start: ${error.message}`))
    })
    child.on('close', (code) => {
      clearInterval(progress)
      if (code === 0) {
        log(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)}s: ${target}`)
        resolvePromise()
      } else reject(new Error(`go install ${GO_PACKAGE} exited with ${code}: ${lastLine}`))
    })
  })
}

async function download(target: string, log: (line: string) => void): Promise<void> {
  log(`Downloading the Temporal CLI ${TEMPORAL_CLI_VERSION} from ${DOWNLOAD_URL} ...`)
  const archive = `${target}.tar.gz`
  const response = await fetch(DOWNLOAD_URL, { signal: AbortSignal.timeout(120_000) })
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`)
  const { writeFile } = await import('node:fs/promises')
  await writeFile(archive, Buffer.from(await response.arrayBuffer()))
  const untar = spawnSync('tar', ['-xzf', archive, '-C', join(target, '..'), 'temporal'], { encoding: 'utf8' })
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`)
}
