// Drives the planned executions through the HTTP API: each lane (one pinned symbol) runs its executions one
// after the other, re-pinning its books first; the single and failover orders share a pool of the remaining
// concurrency. Some POSTs are sent twice at once under the same Idempotency-Key, as a client retrying would.
import type { Rng } from '../../sim/engine/rng.js'
import type { ControlClient } from '../support/simulator.js'
import type { ApiClient } from './api-client.js'
import type { PlannedExecution } from './model.js'
import { pinArbitrageLane, pinSmartLane, type ArbitrageLane, type SmartLane } from './venues.js'

export interface Progress {
  /** The suite POSTed it at least once. */
  sent?: boolean
  acceptedAt?: number
  closedAt?: number
}

export interface DriveOptions {
  api: ApiClient
  control: ControlClient
  plan: PlannedExecution[]
  rng: Rng
  concurrency: number
  /** No execution is started after this instant (ms). */
  stopStartingAt: number
  /** How long one execution may hold its slot before the driver moves on (it is still checked at the end). */
  slotMs: number
  log: (line: string) => void
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Share of executions whose POST goes out twice at once. */
const DOUBLE_POST_SHARE = 0.1

async function prepareLane(control: ControlClient, lane: string): Promise<void> {
  const [kind, symbol] = lane.split(' ') as [string, string]
  if (kind === 'smart') await pinSmartLane(control, symbol as SmartLane)
  else await pinArbitrageLane(control, symbol as ArbitrageLane)
}

export async function drive(options: DriveOptions): Promise<Map<string, Progress>> {
  const { api, control, plan, rng, log } = options
  const progress = new Map<string, Progress>(plan.map((e) => [e.workflowId, {}]))
  const doublePost = new Set(plan.filter(() => rng.chance(DOUBLE_POST_SHARE)).map((e) => e.workflowId))
  let done = 0

  async function runOne(execution: PlannedExecution): Promise<void> {
    const record = progress.get(execution.workflowId)!
    record.sent = true
    const slotEnd = Date.now() + options.slotMs
    if (execution.lane)
      await prepareLane(control, execution.lane).catch((error: Error) =>
        log(`chaos: pinning ${execution.lane} failed: ${error.message}`)
      )
    const second = doublePost.has(execution.workflowId)
      ? api.submit(execution, slotEnd).catch(() => undefined)
      : undefined
    record.acceptedAt = await api.submit(execution, slotEnd)
    await second
    while (record.acceptedAt !== undefined && Date.now() < slotEnd) {
      if ((await api.poll(execution)).closed) {
        record.closedAt = Date.now()
        break
      }
      await sleep(500)
    }
    done += 1
    if (done % 50 === 0) log(`chaos: ${done} of ${plan.length} executions driven`)
  }

  async function runQueue(queue: PlannedExecution[]): Promise<void> {
    while (queue.length > 0 && Date.now() < options.stopStartingAt) await runOne(queue.shift()!)
  }

  const lanes = new Map<string, PlannedExecution[]>()
  const pool: PlannedExecution[] = []
  for (const execution of plan) {
    if (execution.lane) lanes.set(execution.lane, [...(lanes.get(execution.lane) ?? []), execution])
    else pool.push(execution)
  }
  const poolWorkers = Math.max(2, options.concurrency - lanes.size)
  await Promise.all([
    ...[...lanes.values()].map((queue) => runQueue(queue)),
    ...Array.from({ length: poolWorkers }, () => runQueue(pool)),
  ])
  return progress
}
