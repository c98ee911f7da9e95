// `npm run provision`: what a fresh clone needs besides `npm install` to run every test: the Temporal CLI (found, or
// built with go install) and chromium for the Temporal UI browser test (Debian's, through apt-get where this machine
// allows). .ci/run calls it; the tests' global setup does the same by itself.
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
