// A sustained-load case: `concurrency` calls in flight for `durationMs`, with a progress line every few seconds.
// Latencies and throughput as in measure.ts; every failed call is counted (the goal is zero), not thrown.
import { performance } from 'node:perf_hooks'

import type { CpuSample } from './cpu.js'
import { cpuPerCall, summarise, type CaseResult } from './measure.js'

export interface SustainedOptions {
  durationMs: number
  concurrency: number
  sampleCpu?: () => CpuSample
  log: (line: string) => void
  progressEveryMs?: number
}

export interface SustainedResult extends CaseResult {
  errors: number
  firstError?: string
}

export async function measureSustained(
  group: string,
  name: string,
  options: SustainedOptions,
  call: () => Promise<void>
): Promise<SustainedResult> {
  const latencies: number[] = []
  let errors = 0
  let firstError: string | undefined
  const started = performance.now()
  const deadline = started + options.durationMs
  const cpuBefore = options.sampleCpu?.()
  const progress = setInterval(() => {
    const seconds = (performance.now() - started) / 1000
    options.log(
      `   ${seconds.toFixed(0)} s of ${options.durationMs / 1000}: ${latencies.length} done ` +
        `(${(latencies.length / seconds).toFixed(1)}/s), ${errors} errors`
    )
  }, options.progressEveryMs ?? 10_000)
  const worker = async () => {
    while (performance.now() < deadline) {
      const callStarted = performance.now()
      try {
        await call()
        latencies.push(performance.now() - callStarted)
      } catch (error) {
        errors++
        firstError ??= error instanceof Error ? error.message : String(error)
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker))
  } finally {
    clearInterval(progress)
  }
  const result: SustainedResult = {
    ...summarise(
      group,
      name,
      { warmup: 0, count: latencies.length, concurrency: options.concurrency },
      latencies,
      performance.now() - started
    ),
    errors,
    ...(firstError !== undefined && { firstError }),
  }
  if (cpuBefore !== undefined && options.sampleCpu !== undefined) {
    result.cpuMsPerOp = cpuPerCall(cpuBefore, options.sampleCpu(), result.count)
  }
  return result
}
