// Regressions the API fuzzer (fuzz.test.ts) found: each request here once got a 500 or was acted on.
import { afterAll, beforeEach, describe, expect, it } from 'vitest'

import { createApp } from '../../api/app.js'
import { openDatabase } from '../../db/client.js'
import { createRecordingRunner, type RecordingRunner } from './recording-runner.js'

const database = await openDatabase(':memory:')
afterAll(() => database.close())

let runner: RecordingRunner
let app: ReturnType<typeof createApp>
beforeEach(() => {
  runner = createRecordingRunner()
  app = createApp({
    runner,
    db: database.db,
    exchanges: ['binance', 'kraken'],
    demoMode: { binance: true, kraken: true },
  })
})

async function send(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) })
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } }
}

describe('hostile input that once got a 500 or was acted on', () => {
  it.each([
    '/api/ticker/binance/%25E0%25A4%25A',
    '/api/orderbook/kraken/BTC-%25zz',
    '/api/arbitrage/opportunities/%25C0%25AF',
  ])('refuses a symbol with a malformed escape, %s, with a 400 (not a URIError 500)', async (path) => {
    const { status, body } = await send('GET', path)
    expect(status).toBe(400)
    expect(body.error.code).toBe('validation_error')
    expect(runner.calls).toEqual([])
  })

  const order = JSON.stringify({ exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' })
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined])(
    'refuses a valid order sent as %s with a 415, starting nothing (a cross-site form cannot place an order)',
    async (contentType) => {
      const { status, body } = await send(
        'POST',
        '/api/orders',
        order,
        contentType ? { 'content-type': contentType } : {}
      )
      expect(status).toBe(415)
      expect(body.error.code).toBe('unsupported_media_type')
      expect(runner.calls).toEqual([])
    }
  )

  it('reads application/json whatever its letter case and charset', async () => {
    // The recording runner refuses the start: reaching it (a 500 here) proves the body was accepted as JSON.
    const { status } = await send('POST', '/api/orders', order, { 'content-type': 'Application/JSON; charset=utf-8' })
    expect(status).toBe(500)
    expect(runner.calls.map((c) => c.workflowType)).toEqual(['placeOrderWorkflow'])
  })

  // An Idempotency-Key names what a command or a sweep runs as. Temporal refuses an id past 1000 characters (a 500),
  // and a key the POSTs refuse (spaces, slashes, control characters) named a run or an update all the same.
  const badKeys = ['x'.repeat(2000), 'has spaces/../x', 'key\u007f']

  it.each(badKeys)(
    'refuses a cancel or an amendment under the Idempotency-Key %j with a 400 naming it',
    async (key) => {
      const headers = { 'Idempotency-Key': key, 'content-type': 'application/json' }
      for (const [method, body] of [
        ['DELETE', undefined],
        ['PATCH', '{"price":"60100"}'],
      ] as const) {
        const { status, body: answer } = await send(method, '/api/orders/order-rest-1', body, headers)
        expect(status).toBe(400)
        expect(answer.error).toMatchObject({ code: 'validation_error', field: 'Idempotency-Key' })
      }
      expect(runner.calls).toEqual([])
    }
  )

  it.each(badKeys)('refuses a sweep of open orders under the Idempotency-Key %j with a 400 naming it', async (key) => {
    const { status, body } = await send('DELETE', '/api/orders?exchange=kraken', undefined, { 'Idempotency-Key': key })
    expect(status).toBe(400)
    expect(body.error).toMatchObject({ code: 'validation_error', field: 'Idempotency-Key' })
    expect(runner.calls).toEqual([])
  })

  it.each(['{"exchange":"binance"}', '[]', '{"__proto__":{"x":1}}', 'not json'])(
    'refuses POST /api/reconciliation with a body it cannot take (%s) instead of running a reconciliation',
    async (body) => {
      const { status } = await send('POST', '/api/reconciliation', body, { 'content-type': 'application/json' })
      expect(status).toBe(400)
      expect(runner.calls).toEqual([])
    }
  )
})
