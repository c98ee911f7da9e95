// PATCH /api/arbitrage/monitor/:id changes a running monitor's parameters through the monitor's own validator: a
// change it refuses is a 400 naming the field and changes nothing; a valid change is in force when the answer comes.
// Method: the whole stack (Hono -> Temporal -> worker -> ccxt -> simulator) with a monitor that auto-executes once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { setSpread } from '../support/arbitrage-books.js'
import { startTestStack, type TestStack } from '../support/stack.js'
import { waitFor } from '../support/wait-for.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ exchanges: ['binance', 'kraken'] })
  await setSpread(stack.sim, '1')
})
afterAll(async () => stack?.close())

describe('changing a running monitor', () => {
  it('refuses a bad change with a 400 naming the field, and applies a good one', async () => {
    const started = await stack.request('POST', '/api/arbitrage/monitor', {
      symbols: ['BTC/USDT'],
      exchanges: ['binance', 'kraken'],
      intervalMs: 1000,
      minProfitPct: 0.1,
      maxAmount: '0.1',
      autoExecute: { enabled: true, minProfitPct: 0.5, maxExecutions: 1 },
    })
    expect(started.status).toBe(201)
    const path = `/api/arbitrage/monitor/${started.body.workflowId}`
    const state = async () => (await stack.request('GET', path)).body.state
    try {
      const executed = await waitFor('the first automatic execution', async () => {
        const current = await state()
        return current?.executions === 1 ? current : undefined
      })
      const before = executed.params
      expect(before.autoExecute).toEqual({ enabled: true, minProfitPct: 0.5, maxExecutions: 1 })

      // Valid field by field, but the cap counts over the monitor's life: 0 with one execution already started
      // would silently mean "none", so the monitor's validator refuses it.
      const belowStarted = await stack.request('PATCH', path, { autoExecute: { enabled: true, maxExecutions: 0 } })
      expect(belowStarted.status).toBe(400)
      expect(belowStarted.body.error).toMatchObject({ code: 'validation_error', field: 'autoExecute.maxExecutions' })
      expect(belowStarted.body.error.message).toMatch(/below the 1 executions this monitor has already started/)
      // Refused at the edge, before the monitor is asked.
      const tooFast = await stack.request('PATCH', path, { intervalMs: 10 })
      expect(tooFast.status).toBe(400)
      expect(tooFast.body.error.field).toBe('intervalMs')
      expect((await state()).params).toEqual(before)

      const changed = await stack.request('PATCH', path, {
        intervalMs: 2000,
        maxAmount: null,
        autoExecute: { enabled: false },
      })
      expect(changed.status).toBe(202)
      // In force as soon as the answer comes: no wait for a scan.
      expect((await state()).params).toEqual({
        symbols: ['BTC/USDT'],
        exchanges: ['binance', 'kraken'],
        intervalMs: 2000,
        minProfitPct: 0.1,
        autoExecute: { enabled: false, minProfitPct: 0.1 },
      })
    } finally {
      await stack.request('DELETE', path)
    }
    expect((await stack.request('PATCH', path, { intervalMs: 3000 })).body.error.code).toBe('not_running')
  })
})
