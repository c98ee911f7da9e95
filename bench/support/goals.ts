// The goals of issue 10, judged from one run's results: each with its figure, its ratio to the floors where one
// applies, and met or not. Printed at the end of `npm run bench`; BENCH_RECORD=1 writes them into BENCHMARKS.md.
import type { CaseResult } from './measure.js'

export interface GoalRow {
  goal: string
  target: string
  figure: string
  floors: string
  met: boolean | undefined
}

export interface RunFacts {
  results: readonly CaseResult[]
  gatewayRssMb?: number
  workflowsPerRead?: number
}

const find = (results: readonly CaseResult[], group: RegExp, name: RegExp) =>
  results.find((r) => group.test(r.group) && name.test(r.name))
const cpuTotal = (r: CaseResult | undefined) => Object.values(r?.cpuMsPerOp ?? {}).reduce((sum, ms) => sum + ms, 0)
const fmt = (value: number, digits = 1) => value.toFixed(digits)
const notRun = (goal: string, target: string): GoalRow => ({
  goal,
  target,
  figure: 'not run',
  floors: '',
  met: undefined,
})

export function judgeGoals({ results, gatewayRssMb, workflowsPerRead }: RunFacts): GoalRow[] {
  const memory = /in-memory dev server$/
  const floorA = find(results, /floors/, /floor A/)
  const floorB = find(results, memory, /floor B: empty/)
  const order = find(results, memory, /POST \/api\/orders .*sequential/)
  const fileOrder = find(results, /file-backed/, /POST \/api\/orders .*sequential/)
  const fileFloorB = find(results, /file-backed/, /floor B: empty/)
  const smart = find(results, memory, /smart-order/)
  const floorSustained = find(results, memory, /floor B sustained/)
  const sustained = find(results, memory, /POST \/api\/orders sustained/) as
    (CaseResult & { errors?: number }) | undefined
  const ticker = find(results, memory, /ticker/)
  const book = find(results, memory, /orderbook/)
  const rank1000 = find(results, /domain/, /rankVenues.*1,?000 levels/)
  const rank200 = find(results, /domain/, /rankVenues.*200 levels/)

  const ratios = (r: CaseResult, b: CaseResult | undefined) =>
    `${floorA ? `${fmt(r.p50Ms / floorA.p50Ms)} x A` : ''}${b ? `, ${fmt(r.p50Ms / b.p50Ms, 2)} x B` : ''}`
  const rows: GoalRow[] = []

  const orderGoal = 'single-venue order, p50'
  if (order && floorB) {
    rows.push({
      goal: orderGoal,
      target: '<= 40 ms and <= 1.2 x floor B',
      figure: `${fmt(order.p50Ms)} ms (floor B ${fmt(floorB.p50Ms)} ms)`,
      floors: ratios(order, floorB),
      met: order.p50Ms <= 40 && order.p50Ms <= 1.2 * floorB.p50Ms,
    })
  } else rows.push(notRun(orderGoal, '<= 40 ms and <= 1.2 x floor B'))
  if (fileOrder) {
    rows.push({
      goal: `${orderGoal}, file-backed dev server (npm start)`,
      target: '<= 40 ms and <= 1.2 x floor B',
      figure: `${fmt(fileOrder.p50Ms)} ms (floor B ${fileFloorB ? fmt(fileFloorB.p50Ms) : '?'} ms)`,
      floors: ratios(fileOrder, fileFloorB),
      met: fileFloorB !== undefined && fileOrder.p50Ms <= 40 && fileOrder.p50Ms <= 1.2 * fileFloorB.p50Ms,
    })
  }
  rows.push(
    smart
      ? {
          goal: 'smart order over 3 venues, p50',
          target: '<= 80 ms',
          figure: `${fmt(smart.p50Ms)} ms`,
          floors: ratios(smart, floorB),
          met: smart.p50Ms <= 80,
        }
      : notRun('smart order over 3 venues, p50', '<= 80 ms')
  )
  rows.push(
    sustained
      ? {
          goal: `sustained orders, ${fmt(sustained.wallMs / 1000, 0)} s`,
          target: '>= 100 orders/s, 0 errors',
          figure: `${fmt(sustained.opsPerSec)} orders/s, ${sustained.errors ?? 0} errors, p50 ${fmt(sustained.p50Ms)} ms`,
          floors: floorSustained ? `floor B ${fmt(floorSustained.opsPerSec)} workflows/s` : '',
          met: sustained.opsPerSec >= 100 && (sustained.errors ?? 0) === 0,
        }
      : notRun('sustained orders, 60 s', '>= 100 orders/s, 0 errors')
  )
  const cpuCase = sustained ?? order
  rows.push(
    cpuCase
      ? {
          goal: 'CPU per order, node + Temporal',
          target: '<= 20 ms',
          figure: `${fmt(cpuTotal(cpuCase))} ms (${Object.entries(cpuCase.cpuMsPerOp ?? {})
            .map(([k, v]) => `${k} ${fmt(v)}`)
            .join(' + ')}; ${sustained ? 'sustained' : 'sequential'})`,
          floors: [
            floorA ? `floor A ${fmt(cpuTotal(floorA))} ms (ccxt + simulator)` : '',
            floorSustained ? `floor B ${fmt(cpuTotal(floorSustained))} ms (sustained)` : '',
          ]
            .filter(Boolean)
            .join(', '),
          met: cpuTotal(cpuCase) <= 20,
        }
      : notRun('CPU per order, node + Temporal', '<= 20 ms')
  )
  rows.push(
    ticker && book
      ? {
          goal: 'market-data read (ticker, book), p50',
          target: '<= 5 ms, no workflow per read',
          figure: `ticker ${fmt(ticker.p50Ms, 2)} ms, book ${fmt(book.p50Ms, 2)} ms; ${fmt(workflowsPerRead ?? Number.NaN, 2)} workflows per read`,
          floors: '',
          met: ticker.p50Ms <= 5 && book.p50Ms <= 5 && workflowsPerRead === 0,
        }
      : notRun('market-data read (ticker, book), p50', '<= 5 ms, no workflow per read')
  )
  rows.push(
    rank1000
      ? {
          goal: 'routing decision, 3 venues x 1,000 levels',
          target: '<= 100 us, linear in levels',
          figure: `${fmt(rank1000.p50Ms * 1000, 0)} us${rank200 ? ` (200 levels: ${fmt(rank200.p50Ms * 1000, 0)} us)` : ''}`,
          floors: '',
          // linear: five times the levels costs at most about five times as much (x 7.5 allows for fixed costs' noise)
          met: rank1000.p50Ms <= 0.1 && (rank200 === undefined || rank1000.p50Ms <= 7.5 * rank200.p50Ms),
        }
      : notRun('routing decision, 3 venues x 1,000 levels', '<= 100 us, linear in levels')
  )
  rows.push(
    gatewayRssMb !== undefined
      ? {
          goal: 'worker resident memory after the run',
          target: '< 300 MB',
          figure: `${fmt(gatewayRssMb, 0)} MB (the bench process after the sustained run: API, worker, load generator, and the domain and connector groups before them)`,
          floors: '',
          met: gatewayRssMb < 300,
        }
      : notRun('worker resident memory after the run', '< 300 MB')
  )
  return rows
}

export function formatGoals(rows: readonly GoalRow[]): string {
  const lines = ['| goal | target | figure | ratio to floors | met |', '|---|---|---|---|---|']
  for (const row of rows) {
    lines.push(
      `| ${row.goal} | ${row.target} | ${row.figure} | ${row.floors} | ${row.met === undefined ? 'not run' : row.met ? 'yes' : 'no'} |`
    )
  }
  return lines.join('\n')
}
