// `npm run provision`: what a fresh clone needs besides `npm install` to run every test: the Temporal CLI (found, or
// built with go install), chromium for the Temporal UI browser test and PostgreSQL for the database tests (Debian's
// packages, through apt-get where this machine allows; the project's own PostgreSQL cluster is then started, as
// `npm run cluster` does). .ci/run calls it; the tests' global setups do the same by themselves.
import { clusterLayout } from './cluster/layout.js'
import { ensurePostgres } from './cluster/postgres.js'
import { ensureChromium } from './provision/chromium.js'
import { ensureTemporalCli } from './temporal/cli.js'

try {
  console.log(`Temporal CLI: ${await ensureTemporalCli({ projectRoot: new URL('..', import.meta.url).pathname })}`)
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
const chromium = await ensureChromium()
if (!chromium.ok) {
  console.error(chromium.problem)
  process.exit(1)
}
console.log(`chromium: ${chromium.path}`)

try {
  const postgres = await ensurePostgres(
    clusterLayout(new URL('..', import.meta.url).pathname, process.env),
    console.log
  )
  console.log(`PostgreSQL: ${postgres.url('postgres')}`)
} catch (error) {
  console.error(`PostgreSQL: ${(error as Error).message}`)
  process.exit(1)
}
