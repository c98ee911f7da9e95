// Spawns a role entry point (bin/*.ts, or a test fixture) as a real process, the way a harness does: `node --import tsx <entry>`, so
// that the child's pid is the role itself. Collects its output and waits for lines in it.
import { spawn, type ChildProcess } from 'node:child_process'

const projectRoot = new URL('../..', import.meta.url).pathname

export interface RoleProcess {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves with the first match of `pattern` on stdout (or stderr); rejects when the process exits first or on timeout. */
  waitFor(pattern: RegExp, options?: { stream?: 'stdout' | 'stderr'; timeoutMs?: number }): Promise<RegExpMatchArray>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export function startRole(entry: string, env: NodeJS.ProcessEnv): RoleProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = { stdout: '', stderr: '' }
  const listeners = new Set<() => void>()
  const append = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    output[stream] += chunk.toString()
    for (const listener of listeners) listener()
  }
  child.stdout!.on('data', append('stdout'))
  child.stderr!.on('data', append('stderr'))
  const both = () => `--- stdout\n${output.stdout}--- stderr\n${output.stderr}`
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      resolve({ code, signal })
      for (const listener of listeners) listener()
    })
  )
  return {
    child,
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    exited,
    waitFor(pattern, { stream = 'stdout', timeoutMs = 60_000 } = {}) {
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer)
          listeners.delete(check)
        }
        const check = () => {
          const match = output[stream].match(pattern)
          if (match) {
            done()
            resolve(match)
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done()
            reject(new Error(`${entry} exited before printing ${pattern}:\n${both()}`))
          }
        }
        const timer = setTimeout(() => {
          listeners.delete(check)
          reject(new Error(`${entry} did not print ${pattern} within ${timeoutMs} ms:\n${both()}`))
        }, timeoutMs)
        listeners.add(check)
        check()
      })
    },
  }
}

/** The environment of this test run without anything that would take an exchange out of demo mode. */
export function demoEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of Object.keys(env)) {
    if (
      /^(BINANCE|COINBASE|KRAKEN|TEMPORAL|SIM)_/.test(name) ||
      ['SIMULATOR_URL', 'DATABASE_PATH', 'PORT', 'HOST'].includes(name)
    ) {
      delete env[name]
    }
  }
  return { ...env, ...extra }
}
