// What the numbers were measured on, written next to them.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, loadavg, release, totalmem } from 'node:os'

export interface Machine {
  /** Logical CPUs this process may use (what `nproc` prints). */
  cpus: number
  cpuModel: string
  memoryGiB: number
  kernel: string
  node: string
  /** 1-minute load average when the run started: other work on the machine skews the figures. */
  loadAverage1m: number
  commit?: string
  /** True when the working tree had uncommitted changes. */
  dirty?: boolean
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'))
    return line?.split(':')[1]?.trim() ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return undefined
  }
}

export function describeMachine(projectRoot: string): Machine {
  const commit = git(['rev-parse', '--short', 'HEAD'], projectRoot)
  const status = git(['status', '--porcelain', '--untracked-files=no'], projectRoot)
  return {
    cpus: availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    ...(commit === undefined ? {} : { commit }),
    ...(status === undefined ? {} : { dirty: status !== '' }),
  }
}
