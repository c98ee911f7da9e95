// Floor B of the benchmarks (bench/README.md): the shape of an order's execution with nothing in it. The same
// steps of local and regular activities, on the same server, worker and settings, each doing nothing; what an order
// costs above this is the gateway's own work (API, SQLite, risk, ccxt, the venue).
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow'

import type { Activities } from '../activities/index.js'
import { ACTIVITY_OPTIONS } from '../temporal.config.js'

/** One step of the shape: `count` calls of one kind, started together and awaited together. */
export interface FloorStep {
  kind: 'local' | 'activity'
  count: number
}

const local = proxyLocalActivities<Pick<Activities, 'benchNoop'>>(ACTIVITY_OPTIONS.record)
const remote = proxyActivities<Pick<Activities, 'benchNoop'>>(ACTIVITY_OPTIONS.record)

export async function benchFloorWorkflow(steps: FloorStep[]): Promise<number> {
  let calls = 0
  for (const step of steps) {
    const proxy = step.kind === 'local' ? local : remote
    await Promise.all(Array.from({ length: step.count }, () => proxy.benchNoop()))
    calls += step.count
  }
  return calls
}
