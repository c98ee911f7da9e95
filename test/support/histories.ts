// Captured workflow histories for the replay suite (test/workflows/replay.test.ts).
// Recapture with: UPDATE_HISTORIES=1 npm test   (each scenario saves the history of the run it just made)
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Client } from '@temporalio/client'
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js'

export const HISTORIES_DIR = fileURLToPath(new URL('../histories/', import.meta.url))

export async function captureHistory(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.UPDATE_HISTORIES !== '1') return
  const history = await client.workflow.getHandle(workflowId).fetchHistory()
  writeFileSync(`${HISTORIES_DIR}${name}.json`, historyToJSON(history))
}
