// Long-lived processes that outlive `npm run cluster`: started in a session of their own (Ctrl-C on the terminal
// does not reach them), output appended to a log file, pid in a pid file. A pid file is believed only while that pid
// still runs a program of the same name (/proc/<pid>/cmdline), so a reused pid is never mistaken for the server.
import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname } from 'node:path'

export interface DaemonSpec {
  name: string
  command: string
  args: string[]
  cwd: string
  logFile: string
  pidFile: string
  env?: NodeJS.ProcessEnv
}

/** A zombie (exited, not yet reaped) has an empty command line: gone too. */
function commandLine(pid: number): string[] | undefined {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
    return argv.length > 0 ? argv : undefined
  } catch {
    return undefined
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}

/** The pid of the daemon when it runs now, otherwise undefined (and a stale pid file is removed). */
export function runningPid(spec: Pick<DaemonSpec, 'command' | 'pidFile'>): number | undefined {
  if (!existsSync(spec.pidFile)) return undefined
  const pid = Number(readFileSync(spec.pidFile, 'utf8').trim())
  const argv = Number.isInteger(pid) && pid > 0 ? commandLine(pid) : undefined
  if (argv !== undefined && basename(argv[0]!) === basename(spec.command)) return pid
  rmSync(spec.pidFile, { force: true })
  return undefined
}

export function startDaemon(spec: DaemonSpec): number {
  mkdirSync(dirname(spec.logFile), { recursive: true })
  mkdirSync(dirname(spec.pidFile), { recursive: true })
  const out = openSync(spec.logFile, 'a')
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', out, out],
    })
    if (child.pid === undefined) throw new Error(`${spec.name}: ${spec.command} could not be started`)
    child.unref()
    writeFileSync(spec.pidFile, `${child.pid}\n`)
    return child.pid
  } finally {
    closeSync(out)
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** SIGTERM, then SIGKILL after graceMs; resolves once the process is gone. False when it was not running. */
export async function stopDaemon(spec: Pick<DaemonSpec, 'command' | 'pidFile'>, graceMs = 20_000): Promise<boolean> {
  const pid = runningPid(spec)
  if (pid === undefined) return false
  signal(pid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (commandLine(pid) !== undefined) {
    if (Date.now() > deadline) signal(pid, 'SIGKILL')
    await sleep(200)
  }
  rmSync(spec.pidFile, { force: true })
  return true
}
