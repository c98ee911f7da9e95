// Timing of one benchmark case: warm-up calls that are not recorded, then `count` timed calls, sequential or with
// a fixed number in flight. Latencies come from performance.now(); throughput is calls per second of wall time.
import { performance } from 'node:perf_hooks'

import type { CpuSample } from './cpu.js'

export interface CaseOptions {
  /** Untimed calls first (JIT, connection pools, caches). */
  warmup: number
  count: number
  /** Calls in flight at once; 1 (the default) is sequential. */
  concurrency?: number
  /** Cumulative CPU ms per process, sampled around the timed phase. */
  sampleCpu?: () => CpuSample
}

export interface CaseResult {
  group: string
  name: string
  warmup: number
  count: number
  concurrency: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
  meanMs: number
  /** Completed calls per second of wall time over the timed phase. */
  opsPerSec: number
  wallMs: number
  /** CPU ms per call over the timed phase, per process (when sampled). */
  cpuMsPerOp?: CpuSample
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number
}

export function summarise(
  group: string,
  name: string,
  options: CaseOptions,
  latencies: readonly number[],
  wallMs: number
): CaseResult {
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    group,
    name,
    warmup: options.warmup,
    count: sorted.length,
    concurrency: options.concurrency ?? 1,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
    meanMs: sorted.reduce((total, ms) => total + ms, 0) / Math.max(1, sorted.length),
    opsPerSec: (sorted.length / wallMs) * 1000,
    wallMs,
  }
}

/**
 * Runs `call(i)` `warmup` times untimed, then `count` times timed. With concurrency n, n workers each take the next
 * index until `count` calls were made, so exactly n calls are in flight until the tail.
 */
export async function measure(
  group: string,
  name: string,
  options: CaseOptions,
  call: (index: number) => unknown
): Promise<CaseResult> {
  const concurrency = Math.max(1, options.concurrency ?? 1)
  // A synchronous call is not awaited, so that the domain figures carry no microtask hop.
  for (let i = 0; i < options.warmup; i++) {
    const result = call(i)
    if (result instanceof Promise) await result
  }

  const latencies: number[] = []
  let next = 0
  const worker = async () => {
    while (next < options.count) {
      const index = options.warmup + next++
      const started = performance.now()
      const result = call(index)
      if (result instanceof Promise) await result
      latencies.push(performance.now() - started)
    }
  }
  const cpuBefore = options.sampleCpu?.()
  const started = performance.now()
  await Promise.all(Array.from({ length: Math.min(concurrency, options.count) }, worker))
  const result = summarise(group, name, options, latencies, performance.now() - started)
  if (cpuBefore !== undefined && options.sampleCpu !== undefined) {
    const cpuAfter = options.sampleCpu()
    result.cpuMsPerOp = cpuPerCall(cpuBefore, cpuAfter, result.count)
  }
  return result
}

/** CPU ms per call of each sampled process between two samples (no calls: the whole difference). */
export function cpuPerCall(before: CpuSample, after: CpuSample, calls: number): CpuSample {
  return Object.fromEntries(
    Object.entries(after).map(([name, ms]) => [name, (ms - (before[name] ?? 0)) / Math.max(1, calls)])
  )
}
