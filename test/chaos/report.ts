// The run's output: one line per check (with its first violations), the outcomes per kind, then the figures the
// issue asks for and a closing line CI can read.
import type { CheckResult, ChaosObservation } from './model.js'

export interface RunFigures {
  workerKills: number
  holdKills: number
  temporalKills: number
  restarts: number
  seconds: number
}

const SHOWN_VIOLATIONS = 5

export function countOf(results: CheckResult[], name: string, match?: RegExp): number {
  const violations = results.find((r) => r.name === name)?.violations ?? []
  return match ? violations.filter((v) => match.test(v)).length : violations.length
}

export function printReport(
  observation: ChaosObservation,
  results: CheckResult[],
  figures: RunFigures,
  print: (line: string) => void
): number {
  print('')
  print('== chaos checks')
  for (const result of results) {
    const ok = result.violations.length === 0
    print(`${ok ? 'ok  ' : 'FAIL'} ${result.name}${ok ? '' : `: ${result.violations.length}`}`)
    for (const violation of result.violations.slice(0, SHOWN_VIOLATIONS)) print(`       ${violation}`)
    if (result.violations.length > SHOWN_VIOLATIONS)
      print(`       ... and ${result.violations.length - SHOWN_VIOLATIONS} more`)
  }

  print('== outcomes')
  const byKind = new Map<string, Map<string, number>>()
  for (const e of observation.executions) {
    const outcomes = byKind.get(e.planned.kind) ?? new Map<string, number>()
    const key = e.outcome ?? e.status.toLowerCase()
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1)
    byKind.set(e.planned.kind, outcomes)
  }
  for (const [kind, outcomes] of byKind) {
    const took = observation.executions
      .filter((e) => e.planned.kind === kind && e.acceptedAt !== undefined && e.closedAt !== undefined)
      .map((e) => (e.closedAt! - e.acceptedAt!) / 1000)
      .sort((a, b) => a - b)
    const timing =
      took.length === 0
        ? ''
        : ` (took p50 ${took[Math.floor(took.length / 2)]!.toFixed(1)} s, max ${took.at(-1)!.toFixed(1)} s)`
    print(`  ${kind.padEnd(10)} ${[...outcomes].map(([outcome, n]) => `${outcome} ${n}`).join(', ')}${timing}`)
  }

  const closed = observation.executions.filter((e) => e.status === 'COMPLETED').length
  const faultLabels = new Map<string, number>()
  for (const w of observation.faults) faultLabels.set(w.label, (faultLabels.get(w.label) ?? 0) + 1)
  const duplicates = countOf(results, 'nothing duplicated (one order per client order id, no overfill)')
  const lost =
    countOf(results, 'ledger equals the venues', /not in the ledger|no such order/) +
    countOf(results, 'every outcome matches the venues') +
    observation.executions.filter((e) => e.status === 'NOT_FOUND').length
  const notStarted = observation.executions.filter((e) => e.status === 'NOT_STARTED').length
  const unresolved = countOf(results, 'no outcome left unresolved')
  const failed = results.filter((r) => r.violations.length > 0).length

  print('== figures')
  print(
    `  executions ${observation.executions.length} (closed ${closed}, never sent ${notStarted}), venue orders ${observation.venueOrders.length}, ledger rows ${observation.ledger.length}`
  )
  print(
    `  kills      ${figures.workerKills} worker SIGKILLs (${figures.holdKills} inside a held venue answer), ${figures.temporalKills} Temporal server SIGKILL`
  )
  print(`  restarts   ${figures.restarts}`)
  print(
    `  faults     ${observation.faults.length}: ${[...faultLabels].map(([label, n]) => `${label} x${n}`).join('; ')}`
  )
  print(`  duplicates ${duplicates}`)
  print(`  lost       ${lost}`)
  print(`  unresolved ${unresolved}`)
  print(`  seconds    ${figures.seconds}`)
  print(`chaos: ${results.length - failed} passed, ${failed} failed`)
  return failed
}
