// `npm run bench`: domain decisions, the Binance connector, and orders end to end through the API, Temporal and
// the simulator, with the floors they are compared with. Prints progress, a table and the goals of issue 10 (met or
// not), and writes bench/results/latest.json (with BENCH_RECORD=1 also bench/results/<date>.json and the goals
// table in BENCHMARKS.md). Exits 1 with a FAIL line when a case did not measure working requests.
//
//   BENCH_QUICK=1   about a tenth of the iterations (a smoke run; its numbers are noisier)
//   BENCH_ONLY=...  comma-separated groups to run: domain, connector, e2e
//   BENCH_RECORD=1  also write the dated results file that gets committed
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

import { runConnectorBenchmarks, type ConnectorSizes } from './connector.js'
import { runDomainBenchmarks, type DomainSizes } from './domain.js'
import { runEndToEndBenchmarks, type EndToEndSizes } from './end-to-end.js'
import { BenchFailure } from './support/failure.js'
import { formatGoals, judgeGoals } from './support/goals.js'
import { describeMachine } from './support/machine.js'
import type { CaseResult } from './support/measure.js'
import { formatTable } from './support/table.js'
import { LIMIT_SCALE } from './support/venue-limits.js'

const PROJECT_ROOT = new URL('..', import.meta.url).pathname
const RESULTS_DIR = join(PROJECT_ROOT, 'bench', 'results')
const GROUPS = ['domain', 'connector', 'e2e'] as const
type Group = (typeof GROUPS)[number]

interface Sizes {
  domain: DomainSizes
  connector: ConnectorSizes
  e2e: EndToEndSizes
}

const FULL: Sizes = {
  domain: { warmup: 200, rank: 5000, split: 2000, arbitrage: 5000 },
  connector: { warmup: 20, calls: 200 },
  e2e: {
    warmup: 10,
    floorRuns: 100,
    sequentialOrders: 100,
    smartOrders: 30,
    marketReads: 200,
    sustainedSeconds: 60,
    sustainedConcurrency: 16,
  },
}

const QUICK: Sizes = {
  domain: { warmup: 50, rank: 500, split: 200, arbitrage: 500 },
  connector: { warmup: 5, calls: 30 },
  e2e: {
    warmup: 3,
    floorRuns: 15,
    sequentialOrders: 15,
    smartOrders: 5,
    marketReads: 30,
    sustainedSeconds: 10,
    sustainedConcurrency: 16,
  },
}

const log = (line: string) => console.log(line)

function selectedGroups(raw: string | undefined): Group[] {
  if (raw === undefined || raw.trim() === '') return [...GROUPS]
  const names = raw.split(',').map((name) => name.trim())
  const unknown = names.filter((name) => !(GROUPS as readonly string[]).includes(name))
  if (unknown.length > 0)
    throw new BenchFailure(`BENCH_ONLY: unknown group ${unknown.join(', ')} (use ${GROUPS.join(', ')})`)
  return names as Group[]
}

async function main(): Promise<void> {
  const quick = process.env.BENCH_QUICK === '1'
  const groups = selectedGroups(process.env.BENCH_ONLY)
  const sizes = quick ? QUICK : FULL
  const machine = describeMachine(PROJECT_ROOT)
  log(
    `Benchmarks${quick ? ' (BENCH_QUICK)' : ''}: ${groups.join(', ')} on ${machine.cpus} x ${machine.cpuModel}, ` +
      `node ${machine.node}, load ${machine.loadAverage1m}`
  )

  const started = performance.now()
  const results: CaseResult[] = []
  let gatewayRssMb: number | undefined
  let workflowsPerRead: number | undefined
  for (const group of groups) {
    const groupStarted = performance.now()
    log(`\n== ${group}`)
    if (group === 'domain') results.push(...(await runDomainBenchmarks(sizes.domain)))
    if (group === 'connector') results.push(...(await runConnectorBenchmarks(sizes.connector)))
    if (group === 'e2e') {
      const report = await runEndToEndBenchmarks(sizes.e2e, log)
      results.push(...report.results)
      gatewayRssMb = report.gatewayRssMb
      workflowsPerRead = report.workflowsPerRead
    }
    log(`   ${group} done in ${((performance.now() - groupStarted) / 1000).toFixed(1)} s`)
  }
  const totalSeconds = (performance.now() - started) / 1000

  log('')
  log(formatTable(results))
  log(
    `\nTotal ${totalSeconds.toFixed(1)} s. Venue rate limits at ${LIMIT_SCALE}x the published ones (see bench/README.md).`
  )
  const goals = judgeGoals({ results, gatewayRssMb, workflowsPerRead })
  const goalsTable = formatGoals(goals)
  log(`\nGoals (issue 10):\n${goalsTable}`)

  const date = new Date().toISOString().slice(0, 10)
  const report = {
    date,
    quick,
    groups,
    venueRateLimitScale: LIMIT_SCALE,
    machine,
    loadAverage1mAfter: round(loadavg()[0] ?? 0),
    totalSeconds: Math.round(totalSeconds * 10) / 10,
    ...(gatewayRssMb !== undefined && { gatewayRssMb: round(gatewayRssMb) }),
    ...(workflowsPerRead !== undefined && { workflowsPerRead }),
    goals,
    results: results.map((r) => ({
      ...r,
      ...Object.fromEntries(
        (['p50Ms', 'p90Ms', 'p99Ms', 'maxMs', 'meanMs', 'opsPerSec', 'wallMs'] as const).map((key) => [
          key,
          round(r[key]),
        ])
      ),
      ...(r.cpuMsPerOp === undefined
        ? {}
        : { cpuMsPerOp: Object.fromEntries(Object.entries(r.cpuMsPerOp).map(([name, ms]) => [name, round(ms)])) }),
    })),
  }
  mkdirSync(RESULTS_DIR, { recursive: true })
  const json = `${JSON.stringify(report, null, 2)}\n`
  writeFileSync(join(RESULTS_DIR, 'latest.json'), json)
  log(`Wrote bench/results/latest.json`)
  if (process.env.BENCH_RECORD === '1') {
    writeFileSync(join(RESULTS_DIR, `${date}.json`), json)
    log(`Wrote bench/results/${date}.json`)
    writeGoalsIntoBenchmarksMd(goalsTable, date, machine)
    log('Wrote the goals table into BENCHMARKS.md')
  }
}

const round = (value: number): number => Math.round(value * 1000) / 1000

const GOALS_START = '<!-- bench:goals:start -->'
const GOALS_END = '<!-- bench:goals:end -->'

/** Replaces the generated part of BENCHMARKS.md (between its markers) with this run's goals. */
function writeGoalsIntoBenchmarksMd(table: string, date: string, machine: ReturnType<typeof describeMachine>): void {
  const path = join(PROJECT_ROOT, 'BENCHMARKS.md')
  const text = readFileSync(path, 'utf8')
  const start = text.indexOf(GOALS_START)
  const end = text.indexOf(GOALS_END)
  if (start < 0 || end < start) throw new BenchFailure(`BENCHMARKS.md has no ${GOALS_START} ... ${GOALS_END} section`)
  const generated =
    `${GOALS_START}\n_Generated by \`BENCH_RECORD=1 npm run bench\` on ${date} (${machine.cpus} x ${machine.cpuModel}, ` +
    `node ${machine.node}); figures in bench/results/${date}.json._\n\n${table}\n`
  writeFileSync(path, text.slice(0, start) + generated + text.slice(end))
}

try {
  await main()
  // The Temporal runtime keeps native handles alive after the worker stopped.
  process.exit(0)
} catch (error) {
  console.error(`\nFAIL: ${error instanceof Error ? error.message : String(error)}`)
  if (error instanceof Error && error.name !== 'BenchFailure' && error.stack) console.error(error.stack)
  process.exit(1)
}
