// GET /api/reconciliation (the latest report of each venue), POST /api/reconciliation (one run now) and the /health
// warning, through the Hono app on the real stack.
import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { recordExecutionStart } from '../../db/executions.js'
import { recordOrderIntent, updateOrderAttempt } from '../../db/order-attempts.js'
import { startTestStack, type TestStack } from '../support/stack.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ exchanges: ['binance', 'kraken'] })
})
afterAll(async () => stack?.close())

describe('/api/reconciliation', () => {
  it('has no report before the first run, and no warning in /health', async () => {
    const { status, body } = await stack.request('GET', '/api/reconciliation')
    expect(status).toBe(200)
    expect(body).toEqual({ differences: 0, reports: [] })
    expect((await stack.request('GET', '/health')).body.warnings).toBeUndefined()
  })

  it('refuses an unknown exchange filter', async () => {
    const { status, body } = await stack.request('GET', '/api/reconciliation?exchange=nasdaq')
    expect(status).toBe(400)
    expect(body.error).toMatchObject({ code: 'validation_error', field: 'exchange' })
  })

  it('runs one now on POST, then GET returns the latest report of each venue and /health warns', async () => {
    // A ledger order the venue never got, last touched well beyond the default grace window.
    const executionId = `api-recon-${randomUUID()}`
    const clientOrderId = `ghost${randomUUID().slice(0, 8)}`
    await recordExecutionStart(stack.db, { id: executionId, strategy: 'order', symbol: 'BTC/USDT', request: {} })
    await recordOrderIntent(stack.db, {
      clientOrderId,
      executionId,
      role: 'primary',
      seq: 0,
      exchange: 'kraken',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: '0.01',
    })
    await updateOrderAttempt(stack.db, clientOrderId, { status: 'sent' }, Date.now() - 60 * 60_000)

    const posted = await stack.request('POST', '/api/reconciliation')
    expect(posted.status).toBe(200)
    expect(posted.body.differences).toBe(1)

    const { status, body } = await stack.request('GET', '/api/reconciliation')
    expect(status).toBe(200)
    expect(body.reports.map((r: { exchange: string }) => r.exchange).sort()).toEqual(['binance', 'kraken'])
    const kraken = body.reports.find((r: { exchange: string }) => r.exchange === 'kraken')
    expect(kraken).toMatchObject({
      status: 'ok',
      runId: expect.stringMatching(/^reconciliation-now\//),
      differences: [{ kind: 'unknown_to_venue', clientOrderId, executionId, settled: false }],
      checked: expect.objectContaining({ lookups: 1 }),
    })
    expect(body).toMatchObject({ differences: 1 })

    const filtered = await stack.request('GET', '/api/reconciliation?exchange=binance')
    expect(filtered.body).toMatchObject({ differences: 0, reports: [{ exchange: 'binance', differences: [] }] })

    const health = await stack.request('GET', '/health')
    expect(health.body.warnings).toEqual([expect.stringContaining('kraken: 1 difference(s)')])
  })
})
