// Captured workflow histories for the replay suite (test/replay/replay.test.ts).
// Recapture with: UPDATE_HISTORIES=1 npx vitest run --project temporal test/e2e test/workflows
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Client } from '@temporalio/client'
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js'

export const HISTORIES_DIR = fileURLToPath(new URL('../histories/', import.meta.url))

/** A fixture: the history as the CLI and UI write it, plus the workflow id (workflows that derive ids from it, such
 * as the monitor's child ids, replay only under their own id). */
export interface HistoryFixture {
  workflowId: string
  history: unknown
}

export async function captureHistory(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.UPDATE_HISTORIES !== '1') return
  const history = await client.workflow.getHandle(workflowId).fetchHistory()
  const fixture: HistoryFixture = { workflowId, history: JSON.parse(historyToJSON(history)) }
  writeFileSync(`${HISTORIES_DIR}${name}.json`, JSON.stringify(fixture, null, 2))
}
