// What the checks read at the end: each run as Temporal reports it (status, start and close time, result), every
// order the venues received for the demo accounts, and the ledger in the SQLite file the API and workers share.
import Database from 'better-sqlite3'
import { Client, Connection } from '@temporalio/client'

import type { ExchangeId } from '../../domain/types.js'
import type { ControlClient } from '../support/simulator.js'
import type { ExecutionRecord, ExecutionRow, LedgerRow, PlannedExecution, RunStatus, VenueOrder } from './model.js'
import { VENUES } from './venues.js'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export interface RunsReader {
  /** Waits until no planned run is RUNNING, or `deadline`; returns how many still run. */
  awaitClosed(plan: PlannedExecution[], deadline: number): Promise<number>
  /** Each planned run as Temporal reports it; `sent` names those the suite POSTed at least once. */
  read(plan: PlannedExecution[], sent: Set<string>): Promise<ExecutionRecord[]>
  close(): Promise<void>
}

export async function openRunsReader(address: string): Promise<RunsReader> {
  const connection = await Connection.connect({ address })
  const client = new Client({ connection })

  async function statusOf(workflowId: string) {
    try {
      const description = await client.workflow.getHandle(workflowId).describe()
      return { status: description.status.name as RunStatus, description }
    } catch (error) {
      if ((error as Error).name === 'WorkflowNotFoundError') return { status: 'NOT_FOUND' as RunStatus }
      return { status: 'UNKNOWN' as RunStatus }
    }
  }

  return {
    async awaitClosed(plan, deadline) {
      let open = plan.map((e) => e.workflowId)
      for (;;) {
        const statuses = await Promise.all(open.map(async (id) => [id, (await statusOf(id)).status] as const))
        open = statuses.filter(([, status]) => status === 'RUNNING' || status === 'UNKNOWN').map(([id]) => id)
        if (open.length === 0 || Date.now() >= deadline) return open.length
        await sleep(2_000)
      }
    },
    async read(plan, sent) {
      const records: ExecutionRecord[] = []
      for (const planned of plan) {
        const { status, description } = await statusOf(planned.workflowId)
        const record: ExecutionRecord = {
          planned,
          status: status === 'NOT_FOUND' && !sent.has(planned.workflowId) ? 'NOT_STARTED' : status,
          acceptedAt: description?.startTime.getTime(),
          closedAt: description?.closeTime?.getTime(),
        }
        if (status === 'COMPLETED') {
          const result = (await client.workflow.getHandle(planned.workflowId).result()) as Record<string, unknown>
          record.outcome = typeof result.outcome === 'string' ? result.outcome : undefined
          if (typeof result.flat === 'boolean') record.flat = result.flat
          const dust = result.dust as { amount?: string } | undefined
          if (dust?.amount) record.dust = dust.amount
        }
        records.push(record)
      }
      return records
    },
    close: () => connection.close(),
  }
}

/** Every order each venue received from the demo account (the simulator's own synthetic depth left out). */
export async function readVenueOrders(
  control: ControlClient,
  apiKeys: Record<ExchangeId, string>
): Promise<VenueOrder[]> {
  const orders: VenueOrder[] = []
  for (const venue of VENUES) {
    for (const order of await control.receivedOrders(venue)) {
      if (order.owner !== apiKeys[venue]) continue
      orders.push({
        venue,
        clientOrderId: order.clientOrderId,
        symbol: order.symbol,
        side: order.side,
        status: order.status,
        amount: order.amount,
        filled: order.filled,
      })
    }
  }
  return orders
}

export function readLedger(databasePath: string): { ledger: LedgerRow[]; executionRows: ExecutionRow[] } {
  const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true })
  try {
    const ledger = sqlite
      .prepare(
        `select client_order_id as clientOrderId, execution_id as executionId, exchange, role, side, status, filled
         from order_attempts`
      )
      .all() as LedgerRow[]
    const executionRows = sqlite.prepare('select id, status, outcome from executions').all() as ExecutionRow[]
    return { ledger, executionRows }
  } finally {
    sqlite.close()
  }
}
