// `npm run worker:bundle [path]`: builds the workflow bundle once (default data/workflow-bundle.js) for workers
// started with WORKFLOW_BUNDLE=<path>. Rebuild after every change to workflows/.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

import { writeWorkflowBundle } from './worker.js'

const path = process.argv[2] ?? 'data/workflow-bundle.js'
mkdirSync(dirname(path), { recursive: true })
await writeWorkflowBundle(path)
console.log(`workflow bundle written to ${path} (start workers with WORKFLOW_BUNDLE=${path})`)
