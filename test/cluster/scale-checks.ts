// What the scale test compares at the end: each run's result as Temporal holds it, every order the venues received
// from the demo accounts (the venues are the truth), and the execution history as each API lists it.
import type { Client } from '@temporalio/client'

import type { VenueOrder } from '../chaos/model.js'

export interface RunResult {
  workflowId: string
  /** Temporal's status of the run (COMPLETED, RUNNING, ...), or why it could not be read. */
  status: string
  outcome?: string
  /** The client order id of the order the run placed. */
  clientOrderId?: string
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Each run's result, waiting for runs still open until `deadline` (a killed worker's runs finish on the others). */
export async function awaitResults(client: Client, workflowIds: string[], deadline: number): Promise<RunResult[]> {
  return Promise.all(
    workflowIds.map(async (workflowId): Promise<RunResult> => {
      const handle = client.workflow.getHandle(workflowId)
      for (;;) {
        const description = await handle.describe().catch((error: Error) => error)
        if (description instanceof Error) return { workflowId, status: `unreadable: ${description.message}` }
        const status = description.status.name
        if (status === 'COMPLETED') {
          const result = (await handle.result()) as { outcome?: string; order?: { clientOrderId?: string } }
          return { workflowId, status, outcome: result.outcome, clientOrderId: result.order?.clientOrderId }
        }
        if (status !== 'RUNNING' || Date.now() > deadline) return { workflowId, status }
        await sleep(1_000)
      }
    })
  )
}

/** Runs that did not end with their order placed. */
export function unfinished(results: RunResult[]): string[] {
  return results
    .filter((result) => result.status !== 'COMPLETED' || result.outcome !== 'placed' || !result.clientOrderId)
    .map((result) => `${result.workflowId}: ${result.status} ${result.outcome ?? ''}`.trim())
}

export interface VenueComparison {
  /** Client order ids the venues received more than once. */
  duplicated: string[]
  /** Runs' orders no venue received. */
  missing: string[]
  /** Orders a venue received that no run accounts for. */
  unaccounted: string[]
}

/** The runs' orders against what the venues received: each exactly once, nothing else. */
export function compareWithVenues(clientOrderIds: string[], venueOrders: VenueOrder[]): VenueComparison {
  const received = new Map<string, number>()
  for (const order of venueOrders) {
    const id = order.clientOrderId ?? `(no client order id: ${order.venue} ${order.side} ${order.amount})`
    received.set(id, (received.get(id) ?? 0) + 1)
  }
  const expected = new Set(clientOrderIds)
  return {
    duplicated: [...received].filter(([, count]) => count > 1).map(([id, count]) => `${id} x${count}`),
    missing: [...expected].filter((id) => !received.has(id)),
    unaccounted: [...received.keys()].filter((id) => !expected.has(id)),
  }
}

/**
 * Every execution id GET /api/executions lists, page by page. A page ends at a createdAt that later rows may share:
 * the next page starts at that same millisecond again (before = it + 1), and ids seen twice count once.
 */
export async function listedExecutionIds(apiUrl: string): Promise<Set<string>> {
  const ids = new Set<string>()
  let before: number | undefined
  for (;;) {
    const query = new URLSearchParams({ strategy: 'order', limit: '200' })
    if (before !== undefined) query.set('before', String(before))
    const response = await fetch(`${apiUrl}/api/executions?${query}`)
    if (!response.ok) throw new Error(`GET /api/executions: ${response.status} ${await response.text()}`)
    const page = (await response.json()) as { executions: { id: string; createdAt: number }[] }
    const fresh = page.executions.filter((execution) => !ids.has(execution.id))
    for (const execution of page.executions) ids.add(execution.id)
    const last = page.executions.at(-1)
    if (page.executions.length < 200 || last === undefined) return ids
    // A whole page in one millisecond (nothing new past the first row's time): step past it rather than loop.
    before = fresh.length === 0 ? last.createdAt : last.createdAt + 1
  }
}

/**
 * Runs whose history shows a worker that went away with their work: a workflow task that timed out (the worker's
 * sticky queue was not served) or an activity that timed out or ran again (Temporal retries it on another worker).
 */
export async function runsTakenOver(client: Client, workflowIds: string[]): Promise<string[]> {
  const taken = await Promise.all(
    workflowIds.map(async (workflowId) => {
      const history = await client.workflow.getHandle(workflowId).fetchHistory()
      const hit = (history.events ?? []).some(
        (event) =>
          event.workflowTaskTimedOutEventAttributes != null ||
          event.activityTaskTimedOutEventAttributes != null ||
          (event.activityTaskStartedEventAttributes?.attempt ?? 1) > 1
      )
      return hit ? workflowId : undefined
    })
  )
  return taken.filter((id) => id !== undefined)
}
