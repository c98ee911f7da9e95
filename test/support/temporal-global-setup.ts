// Starts ONE real Temporal dev server (in memory, headless, free port) for the whole test run. The CLI is found or
// installed by the same code `npm start` uses; chromium for the UI browser test by the same code as .ci/run.
import type { TestProject } from 'vitest/node'

import { ensureChromium, type ChromiumResult } from '../../bin/provision/chromium.js'
import { ensureTemporalCli } from '../../bin/temporal/cli.js'
import { freePort, startDevServer } from '../../bin/temporal/dev-server.js'
import { SA } from '../../temporal.config.js'

export default async function setup(project: TestProject) {
  const cliPath = await ensureTemporalCli({ projectRoot: new URL('../..', import.meta.url).pathname })
  // Only the browser test needs it: when it cannot be had, that test fails with the reason and the rest run.
  const chromium = await ensureChromium()
  if (!chromium.ok) console.warn(`The Temporal UI browser test will fail: ${chromium.problem}`)
  project.provide('chromium', chromium)
  // The UI is on too (a free port), so a browser test can check what operators see.
  const server = await startDevServer({ cliPath, searchAttributes: Object.values(SA), uiPort: await freePort() })
  project.provide('temporalAddress', server.address)
  project.provide('temporalUiUrl', server.uiUrl!)
  return () => server.stop()
}

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string
    temporalUiUrl: string
    chromium: ChromiumResult
  }
}
