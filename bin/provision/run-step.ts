// Runs one long provisioning command (go install, apt-get) with its output captured instead of shown: every few
// seconds a heartbeat line says how long it has run and what it is doing now, and a failure keeps the output's tail
// for the message.
import { spawn } from 'node:child_process'

export interface StepOptions {
  command: readonly [string, ...string[]]
  env?: NodeJS.ProcessEnv
  log: (line: string) => void
  /** Sees every output line (stdout and stderr), so the caller can follow what the command is doing. */
  onLine?: (line: string) => void
  /** What the command is doing now, for the heartbeat. */
  status: () => string
  intervalMs?: number
}

export interface StepResult {
  /** Exit code; null when a signal ended the command. */
  code: number | null
  elapsedMs: number
  /** The last lines of output, for a failure message. */
  tail: string[]
}

const TAIL_LINES = 20

/** `  [95s] building the Temporal CLI: compiling packages, 143 so far (now go.temporal.io/server/common)` */
export function progressLine(elapsedMs: number, status: string): string {
  return `  [${Math.round(elapsedMs / 1000)}s] ${status}`
}

/** Runs `command` to its end; rejects (with spawn's error) only when it cannot be started at all. */
export function runStep({
  command,
  env = process.env,
  log,
  onLine,
  status,
  intervalMs = 10_000,
}: StepOptions): Promise<StepResult> {
  const started = Date.now()
  const tail: string[] = []
  return new Promise((resolve, reject) => {
    const [file, ...args] = command
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    const take = (line: string) => {
      if (line.trim() === '') return
      tail.push(line.trimEnd())
      if (tail.length > TAIL_LINES) tail.shift()
      onLine?.(line.trimEnd())
    }
    // One line buffer per stream: a line may arrive in pieces, and stdout's and stderr's pieces must not mix.
    const partial = { stdout: '', stderr: '' }
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].on('data', (chunk: Buffer) => {
        const lines = (partial[stream] + chunk.toString()).split('\n')
        partial[stream] = lines.pop() ?? ''
        lines.forEach(take)
      })
    }
    const heartbeat = setInterval(() => log(progressLine(Date.now() - started, status())), intervalMs)
    child.on('error', (error) => {
      clearInterval(heartbeat)
      reject(error)
    })
    child.on('close', (code) => {
      clearInterval(heartbeat)
      take(partial.stdout)
      take(partial.stderr)
      resolve({ code, elapsedMs: Date.now() - started, tail })
    })
  })
}
