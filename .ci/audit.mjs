// npm audit of the production dependencies (`npm audit --omit=dev`): CI fails on any high or critical advisory and
// lists them. When the advisory endpoint cannot be reached (some registries answer the bulk advisory POST with 405),
// no audit was made: that is said plainly, and fails CI only with NPM_AUDIT_STRICT=1.
import { spawnSync } from 'node:child_process'

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
let report
try {
  report = JSON.parse(run.stdout)
} catch {
  console.log(`npm audit: no JSON report (exit ${run.status}): ${(run.stderr || run.stdout).trim().slice(0, 500)}`)
  process.exit(1)
}

const counts = report.metadata?.vulnerabilities
if (!counts) {
  console.log(
    `npm audit: NOT MADE, the advisory endpoint did not answer: ${report.message ?? report.error?.summary ?? 'unknown error'}`
  )
  process.exit(process.env.NPM_AUDIT_STRICT === '1' ? 1 : 0)
}

const serious = Object.values(report.vulnerabilities ?? {}).filter(
  (v) => v.severity === 'high' || v.severity === 'critical'
)
console.log(
  `npm audit --omit=dev: ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low`
)
for (const v of serious) {
  const titles = v.via.filter((via) => typeof via === 'object').map((via) => `${via.title} (${via.url})`)
  console.log(
    `  ${v.severity}: ${v.name} ${v.range}${titles.length ? `: ${titles.join('; ')}` : ` (through ${v.via.join(', ')})`}`
  )
}
process.exit(serious.length > 0 ? 1 : 0)
