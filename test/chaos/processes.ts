// One role process of the platform (bin/*-main.ts, bin/sim.ts) started as the README's roles run it, with its
// output in a log file, and its ready line ("<role> ready: ... (pid N)") awaited. The pid in that line is the
// process that really serves (for temporal: the Temporal CLI server, not its node wrapper): that is what a kill
// aims at. See /work/notes/ROLES.md.
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, type WriteStream } from 'node:fs'
import { join } from 'node:path'

export interface RoleSpec {
  /** Label for logs and messages, e.g. worker-1. */
  name: string
  /** Entry file relative to the project root, e.g. bin/worker-main.ts. */
  entry: string
  env: NodeJS.ProcessEnv
  /** Prefix of the ready line, e.g. 'worker ready:'. */
  readyPrefix: string
  readyTimeoutMs: number
}

export interface RoleProcess {
  readonly name: string
  /** The node process we spawned. */
  readonly child: ChildProcess
  /** The pid named in the ready line. */
  readonly servingPid: number
  /** The ready line's text after the prefix, e.g. the URL. */
  readonly readyText: string
  /** Resolves when the spawned process exits. */
  readonly exited: Promise<void>
  isAlive(): boolean
}

const READY_PID = /\(pid (\d+)\)\s*$/

/** Every process this suite spawned and that has not exited yet: nothing may outlive the run. */
const spawned = new Set<ChildProcess>()

/** SIGKILLs whatever this suite spawned that still runs (the temporal wrapper takes its CLI child with it). */
export function killAllSpawned(): void {
  for (const child of spawned) child.kill('SIGKILL')
}

export async function startRole(spec: RoleSpec, projectRoot: string, logDir: string): Promise<RoleProcess> {
  const log: WriteStream = createWriteStream(join(logDir, `${spec.name}.log`), { flags: 'a' })
  log.write(`\n==== ${new Date().toISOString()} start ${spec.entry}\n`)
  // `node --import tsx` rather than npm/npx: no wrapper between our pid and the role (ROLES.md, "Killing").
  const child = spawn(process.execPath, ['--import', 'tsx', spec.entry], {
    cwd: projectRoot,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  spawned.add(child)
  let alive = true
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      alive = false
      spawned.delete(child)
      log.end(`==== exit ${signal ?? code}\n`)
      resolve()
    })
  })
  let tail = ''
  const ready = new Promise<{ pid: number; text: string }>((resolve, reject) => {
    let buffer = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      let newline: number
      while ((newline = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 1)
        if (!line.startsWith(spec.readyPrefix)) continue
        const pid = READY_PID.exec(line)
        if (pid)
          resolve({ pid: Number(pid[1]), text: line.slice(spec.readyPrefix.length).replace(READY_PID, '').trim() })
      }
    })
    const keepTail = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-1500)
    }
    child.stdout!.on('data', keepTail)
    child.stderr!.on('data', keepTail)
    void exited.then(() => reject(new Error(`${spec.name} exited before it was ready:\n${tail}`)))
    setTimeout(
      () => reject(new Error(`${spec.name} not ready within ${spec.readyTimeoutMs} ms:\n${tail}`)),
      spec.readyTimeoutMs
    ).unref()
  })
  child.stdout!.pipe(log, { end: false })
  child.stderr!.pipe(log, { end: false })
  try {
    const { pid, text } = await ready
    log.write(`==== ${new Date().toISOString()} ready (serving pid ${pid})\n`)
    return { name: spec.name, child, servingPid: pid, readyText: text, exited, isAlive: () => alive }
  } catch (error) {
    if (alive) child.kill('SIGKILL')
    throw error
  }
}

/** SIGKILL of the serving process (ours or, for temporal, the CLI the wrapper started). */
export function killServing(role: RoleProcess): void {
  try {
    process.kill(role.servingPid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the spawned process has exited. */
export async function stopRole(role: RoleProcess, graceMs = 5_000): Promise<void> {
  if (!role.isAlive()) return
  role.child.kill('SIGTERM')
  const force = setTimeout(() => {
    role.child.kill('SIGKILL')
    if (role.servingPid !== role.child.pid) killServing(role)
  }, graceMs)
  await role.exited
  clearTimeout(force)
}
