// The readable summary printed at the end of a run: one row per case, grouped.
import type { CpuSample } from './cpu.js'
import type { CaseResult } from './measure.js'

const ms = (value: number): string =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(3)
const rate = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1))

/** `node 53 + temporal 65`, or just the figure when only this process was sampled. */
function cpu(sample: CpuSample | undefined): string {
  if (sample === undefined) return ''
  const entries = Object.entries(sample)
  if (entries.length === 1) return ms(entries[0]?.[1] ?? Number.NaN)
  return entries.map(([name, value]) => `${name} ${ms(value)}`).join(' + ')
}

export function formatTable(results: readonly CaseResult[]): string {
  const header = ['case', 'n', 'conc', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'ops/s', 'cpu ms/op']
  const rows: string[][] = []
  let group: string | undefined
  for (const r of results) {
    if (r.group !== group) {
      group = r.group
      rows.push([`[${group}]`])
    }
    rows.push([
      `  ${r.name}`,
      String(r.count),
      String(r.concurrency),
      ms(r.p50Ms),
      ms(r.p90Ms),
      ms(r.p99Ms),
      ms(r.maxMs),
      rate(r.opsPerSec),
      cpu(r.cpuMsPerOp),
    ])
  }
  // group rows span the line: they do not set the width of the first column
  const cells = rows.filter((row) => row.length > 1)
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((row) => (row[column] ?? '').length))
  )
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
  const rule = widths.map((w) => '-'.repeat(w)).join('  ')
  return [line(header), rule, ...rows.map(line)].map((l) => l.trimEnd()).join('\n')
}
