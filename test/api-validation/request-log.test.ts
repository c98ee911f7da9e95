// Goal: every API request leaves one JSON line (method, path without the query, status, duration, token name,
// workflow id) carrying a request id that the response echoes; an accepted order leaves an audit intent line and an
// audit outcome line naming the token that asked; the bearer token itself never reaches the log.
// Method: the real Hono app in-process with the real pino logger writing to memory; the workflow runner is a
// stand-in that answers a placed order at once (these lines are about the API; test/e2e/logs.test.ts runs the
// real processes against Temporal).
import type { WorkflowHandle } from '@temporalio/client'
import { afterAll, describe, expect, it } from 'vitest'

import { createApp } from '../../api/app.js'
import type { WorkflowRunner } from '../../api/workflow-runner.js'
import { createLogger, memoryDestination } from '../../bin/logger.js'
import { openDatabase } from '../../db/client.js'

const database = await openDatabase(':memory:')
afterAll(() => database.close())
const TOKEN = 'a-long-enough-secret-token-for-logs'
const auth = { Authorization: `Bearer ${TOKEN}` }

/** Starts nothing; every order it is given is placed at once. */
function placingRunner(): WorkflowRunner & { started: string[] } {
  const started: string[] = []
  return {
    started,
    get client(): never {
      throw new Error('no Temporal client in this test')
    },
    taskQueue: 'unused',
    startOrJoin: async (request) => {
      started.push(request.workflowId)
      return { workflowId: request.workflowId } as WorkflowHandle
    },
    awaitResult: async <T>(handle: WorkflowHandle) =>
      ({ done: true, result: { workflowId: handle.workflowId, outcome: 'placed' } as T }) as { done: true; result: T },
    execute: async () => {
      throw new Error('not used')
    },
  }
}

function appWithLog(apiToken?: string) {
  const out = memoryDestination()
  const runner = placingRunner()
  const app = createApp({
    runner,
    db: database.db,
    exchanges: ['binance'],
    demoMode: { binance: true },
    ...(apiToken ? { apiToken } : {}),
    logger: createLogger({ destination: out }),
  })
  return { app, runner, out, lines: () => out.lines() as any[] }
}

const order = { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '0.01', price: '50000' }

describe('request lines', () => {
  it('writes one line per request with its request id, echoed in the response', async () => {
    const { app, lines } = appWithLog()
    const response = await app.request('/api/executions?apiKey=from-the-query-123', {
      headers: { 'X-Request-Id': 'client-id-42' },
    })
    expect(response.headers.get('X-Request-Id')).toBe('client-id-42')
    const logged = lines()
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({
      level: 'info',
      msg: 'request',
      requestId: 'client-id-42',
      method: 'GET',
      path: '/api/executions',
      status: response.status,
      tokenName: null,
      workflowId: null,
    })
    expect(typeof logged[0].durationMs).toBe('number')
    expect(JSON.stringify(logged)).not.toContain('from-the-query-123')
  })

  it('replaces an unusable incoming request id with a generated one, also on errors', async () => {
    const { app, lines } = appWithLog()
    const response = await app.request('/no/such/route', { headers: { 'X-Request-Id': 'bad id {"x":1}' } })
    expect(response.status).toBe(404)
    const id = response.headers.get('X-Request-Id')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(lines()).toEqual([expect.objectContaining({ requestId: id, status: 404, path: '/no/such/route' })])
  })

  it('logs an internal error with the request id of the request that met it', async () => {
    const { app, lines } = appWithLog()
    // The stand-in runner has no Temporal client: the health check's Temporal probe throws.
    const response = await app.request('/health', { headers: { 'X-Request-Id': 'req-health' } })
    expect(response.status).toBe(500)
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'error',
        requestId: 'req-health',
        msg: 'GET /health failed',
        err: expect.objectContaining({ type: 'Error' }),
      }),
      expect.objectContaining({
        level: 'error',
        requestId: 'req-health',
        msg: 'request',
        path: '/health',
        status: 500,
      }),
    ])
  })

  it('names the token, never its secret, and logs refused requests too', async () => {
    const { app, lines } = appWithLog(TOKEN)
    expect(
      (await app.request('/api/executions', { headers: { Authorization: 'Bearer wrong-token-123456' } })).status
    ).toBe(401)
    expect((await app.request('/api/executions', { headers: auth })).status).toBe(200)
    expect(lines().map((line) => [line.status, line.tokenName])).toEqual([
      [401, null],
      [200, 'default'],
    ])
    expect(JSON.stringify(lines())).not.toContain(TOKEN)
    expect(JSON.stringify(lines())).not.toContain('wrong-token-123456')
  })
})

describe('audit lines', () => {
  it('records the intent and the outcome of an order with the token, request id and workflow id', async () => {
    const { app, runner, lines } = appWithLog(TOKEN)
    const response = await app.request('/api/orders', {
      method: 'POST',
      headers: {
        ...auth,
        'content-type': 'application/json',
        'Idempotency-Key': 'audit-key-1',
        'X-Request-Id': 'req-audit-1',
      },
      body: JSON.stringify(order),
    })
    expect(response.status).toBe(201)
    const [workflowId] = runner.started
    expect(workflowId).toBeDefined()
    const logged = lines()
    const intent = logged.find((line) => line.audit === 'intent')
    const outcome = logged.find((line) => line.audit === 'outcome')
    const request = logged.find((line) => line.msg === 'request')
    expect(intent).toMatchObject({
      tokenName: 'default',
      requestId: 'req-audit-1',
      workflowId,
      workflowType: 'placeOrderWorkflow',
      strategy: 'order',
      exchange: 'binance',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      amount: '0.01',
      price: '50000',
    })
    expect(outcome).toMatchObject({
      tokenName: 'default',
      requestId: 'req-audit-1',
      workflowId,
      outcome: 'placed',
      status: 201,
    })
    expect(request).toMatchObject({
      method: 'POST',
      path: '/api/orders',
      status: 201,
      tokenName: 'default',
      workflowId,
    })
    expect(logged.map((line) => line.audit ?? line.msg)).toEqual(['intent', 'outcome', 'request'])
  })

  it('writes no intent for a request refused before a workflow starts', async () => {
    const { app, runner, lines } = appWithLog()
    const response = await app.request('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...order, amount: '-1' }),
    })
    expect(response.status).toBe(400)
    expect(runner.started).toEqual([])
    expect(lines().filter((line) => line.audit)).toEqual([])
    expect(lines()).toEqual([expect.objectContaining({ status: 400, workflowId: null })])
  })
})
