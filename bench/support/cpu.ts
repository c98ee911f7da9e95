// CPU time of the processes a benchmark runs on, so that latency can be told apart from work: on a 2-core machine
// an order pipeline is CPU-bound long before it runs out of anything else.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** Cumulative CPU ms per named process. */
export type CpuSample = Record<string, number>

function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100
  } catch {
    return 100
  }
}

let ticksPerSecond: number | undefined

/** User + system CPU ms of another process, from /proc (Linux); undefined when it cannot be read. */
export function processCpuMs(pid: number): number | undefined {
  try {
    // fields after the parenthesised command name; utime and stime are the 12th and 13th of them
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    ticksPerSecond ??= clockTicksPerSecond()
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond
  } catch {
    return undefined
  }
}

/** User + system CPU ms of this process, worker threads included. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}
