// Replays every captured history (test/histories/*.json, recorded from real runs on the dev server) against the
// current workflow code. A change that breaks determinism for executions already in flight fails here.
// Recapture after an intended change with: UPDATE_HISTORIES=1 npx vitest run --project temporal test/e2e test/workflows
import { readdirSync, readFileSync } from 'node:fs'

import { DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker'
import { beforeAll, describe, expect, it } from 'vitest'

import { bundleWorkflows } from '../../bin/worker.js'
import { HISTORIES_DIR, type HistoryFixture } from '../support/histories.js'

const fixtures = readdirSync(HISTORIES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()

let workflowBundle: WorkflowBundleWithSourceMap

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') })
  workflowBundle = await bundleWorkflows()
})

describe('workflow replay', () => {
  it('has captured histories to replay', () => {
    expect(fixtures.length).toBeGreaterThan(0)
  })

  it.each(fixtures)('replays %s deterministically', async (file) => {
    const { workflowId, history } = JSON.parse(readFileSync(`${HISTORIES_DIR}${file}`, 'utf8')) as HistoryFixture
    await expect(
      Worker.runReplayHistory({ workflowBundle, replayName: file }, history, workflowId)
    ).resolves.toBeUndefined()
  })
})
