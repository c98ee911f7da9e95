// Starts bench/support/sim-process.ts as a child process and hands back its URLs and its pid (for its CPU time).
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

import type { RunningSimulator } from '../../sim/server.js'
import { BenchFailure } from './failure.js'

export interface SimulatorProcess {
  urls: RunningSimulator['urls']
  pid: number
  close(): Promise<void>
}

const READY_TIMEOUT_MS = 60_000

export async function startSimulatorProcess(): Promise<SimulatorProcess> {
  const entry = new URL('./sim-process.ts', import.meta.url).pathname
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const urls = await new Promise<RunningSimulator['urls']>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new BenchFailure('the simulator process did not start within 60 s')),
      READY_TIMEOUT_MS
    )
    child.once('exit', (code) =>
      reject(new BenchFailure(`the simulator process exited (code ${code}) before it was ready`))
    )
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer)
      resolve((JSON.parse(line) as { urls: RunningSimulator['urls'] }).urls)
    })
  })
  return {
    urls,
    pid: child.pid!,
    async close() {
      child.stdin?.end()
      child.kill('SIGTERM')
      await exited
    },
  }
}
