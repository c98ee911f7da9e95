// `npm run temporal:install`: makes sure the Temporal CLI is available (used by .ci/run before the tests).
import { ensureTemporalCli } from './temporal/cli.js'

const path = await ensureTemporalCli({ projectRoot: new URL('..', import.meta.url).pathname })
console.log(`Temporal CLI: ${path}`)
