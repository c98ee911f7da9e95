// arbitrageMonitorWorkflow's parameters change through an update with a validator: a refused change fails its caller
// with the field named and leaves no trace (no history event, no change); an accepted one answers the parameters now
// in force. The earlier signal still works for senders that use it (and for histories that recorded it).
// Method: a monitor on the dev server and the simulator, sent the shared update and signal definitions.
import { WorkflowUpdateFailedError } from '@temporalio/client'
import { ApplicationFailure } from '@temporalio/common'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { MonitorView } from '../../workflows/arbitrage-monitor.js'
import {
  monitorOpportunitiesQuery,
  monitorParamsUpdate,
  monitorStopSignal,
  monitorUpdateParamsSignal,
} from '../../workflows/definitions.js'
import { setSpread } from '../support/arbitrage-books.js'
import { startTestStack, type TestStack } from '../support/stack.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ exchanges: ['binance', 'kraken'] })
  await setSpread(stack.sim, '1')
})
afterAll(async () => stack?.close())

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function startMonitor() {
  return stack.client.workflow.start('arbitrageMonitorWorkflow', {
    taskQueue: stack.taskQueue,
    workflowId: `monitor-update-${Date.now()}`,
    args: [{ symbols: ['BTC/USDT'], exchanges: ['binance', 'kraken'], intervalMs: 200, minProfitPct: 0.1 }],
  })
}

async function refusal(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError)
  const cause = (error as WorkflowUpdateFailedError).cause
  expect(cause).toBeInstanceOf(ApplicationFailure)
  return cause as ApplicationFailure
}

describe('monitor parameter update', () => {
  it('refuses an invalid change naming the field, changes nothing, and applies a valid one', async () => {
    const handle = await startMonitor()
    try {
      const before: MonitorView = await handle.query(monitorOpportunitiesQuery)
      for (const [change, field] of [
        [{ intervalMs: 5 }, 'intervalMs'],
        [{ symbols: ['BTCUSDT'] }, 'symbols'],
        [{ exchanges: ['binance', 'nasdaq'] }, 'exchanges'],
        [{ autoExecute: { enabled: true, minProfitPct: Number.NaN } }, 'autoExecute.minProfitPct'],
      ] as const) {
        const failure = await refusal(handle.executeUpdate(monitorParamsUpdate, { args: [change as never] }))
        expect(failure.type).toBe('ValidationError')
        expect(failure.message.startsWith(field)).toBe(true)
        expect(failure.details).toEqual([{ field }])
      }
      expect((await handle.query(monitorOpportunitiesQuery)).params).toEqual(before.params)

      const applied = await handle.executeUpdate(monitorParamsUpdate, {
        args: [{ minProfitPct: 0.3, maxAmount: '0.5' }],
      })
      expect(applied).toEqual({ ...before.params, minProfitPct: 0.3, maxAmount: '0.5' })
      expect((await handle.query(monitorOpportunitiesQuery)).params).toEqual(applied)

      // Refused updates never reached the history; the accepted one did.
      const { events } = await handle.fetchHistory()
      const accepted = (events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)
      expect(accepted).toHaveLength(1)
    } finally {
      await handle.signal(monitorStopSignal)
      await handle.result()
    }
  })

  it('still takes a change by the earlier signal', async () => {
    const handle = await startMonitor()
    try {
      await handle.signal(monitorUpdateParamsSignal, { minProfitPct: 0.4 })
      let params = (await handle.query(monitorOpportunitiesQuery)).params
      for (let i = 0; i < 50 && params.minProfitPct !== 0.4; i++) {
        await sleep(100)
        params = (await handle.query(monitorOpportunitiesQuery)).params
      }
      expect(params.minProfitPct).toBe(0.4)
    } finally {
      await handle.signal(monitorStopSignal)
      await handle.result()
    }
  })
})
