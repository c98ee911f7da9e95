// The API under hostile input: fast-check sends FUZZ_RUNS (default 10,000) generated requests over every route and
// method the app lists (app.routes, so a new route is fuzzed without touching this file), with hostile path
// parameters, queries, headers and bodies (see fuzz-requests.ts). The app runs in-process on an in-memory database,
// with the real connectors against a real simulator for its reads (its VenueReader), and a runner that records
// workflow starts.
// Every answer must be below 500, every refusal a JSON error envelope without a stack trace; a write may act only on
// a valid request (fuzz-oracle.ts; the generator sends none), reads may answer 2xx; no workflow starts, no venue
// receives an order, and the resident memory grows by less than MEMORY_BOUND_MB.
import v8 from 'node:v8'
import vm from 'node:vm'

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createApp } from '../../api/app.js'
import { buildOpenApiDocument } from '../../api/openapi/index.js'
import { createVenueReader } from '../../api/venue-reader.js'
import { openDatabase, type OpenedDatabase } from '../../db/client.js'
import { EXCHANGE_IDS } from '../../domain/types.js'
import { createConnectorRegistry, loadExchangeSettings, type ConnectorRegistry } from '../../exchanges/registry.js'
import { createContract } from '../support/openapi-contract.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'
import { createFuzzRunner, RUNNING_ORDER_ID, type FuzzRunner } from './fuzz-runner.js'
import { canAct, mayAct, matchRoute } from './fuzz-oracle.js'
import { hostileRequest, validBodiesOf, type FuzzRequest, type RouteSpec } from './fuzz-requests.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)
const ORDER_RUNS = Math.ceil(RUNS / 2)
/** POST /api/orders and every route of an order's life after it (failover's own routes included). */
const ORDER_ROUTES = /^\/api\/(orders|fills)(\/|$)/
const MEMORY_BOUND_MB = 150
/** Well past any body limit the API may configure by default. */
const OVERSIZED_BODY = 1024 * 1024
// A full collection before each sample, so that the bound is on what stays alive, not on garbage not yet collected.
v8.setFlagsFromString('--expose-gc')
const collectGarbage = vm.runInNewContext('gc') as () => void

const reference = createContract(buildOpenApiDocument())

const STACK_TRACE = /\n\s+at\s|node_modules|\.[cm]?[jt]s:\d+:\d+/

let sim: TestSimulator
let registry: ConnectorRegistry
let database: OpenedDatabase
let runner: FuzzRunner
let app: ReturnType<typeof createApp>
let routes: RouteSpec[]
let reads = 0

beforeAll(async () => {
  sim = await startTestSimulator()
  registry = createConnectorRegistry(
    { ...loadExchangeSettings({}), exchanges: [...EXCHANGE_IDS] },
    { simulatorUrls: sim.urls }
  )
  database = await openDatabase(':memory:')
  runner = createFuzzRunner()
  // The production reader on the real connectors, counting the reads it serves.
  const venues = createVenueReader(registry)
  const reader = { read: <T>(...args: Parameters<typeof venues.read>) => (reads++, venues.read<T>(...args)) }
  app = createApp({
    runner,
    reader,
    db: database.db,
    exchanges: [...EXCHANGE_IDS],
    demoMode: registry.demoMode,
    waitMs: 10,
  })
  // Middleware (method ALL) is not a route of its own.
  routes = app.routes.filter((r) => r.method !== 'ALL').map(({ method, path }) => ({ method, path }))
})

afterAll(async () => {
  await registry?.close()
  await sim?.close()
  await database?.close()
})

interface Answer {
  status: number
  contentType: string
  text: string
}

async function send(request: FuzzRequest): Promise<Answer> {
  const response = await app.request(request.path, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  })
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  }
}

/** The problem with an answer, or undefined when it is one the API may give. */
function problemWith(request: FuzzRequest, answer: Answer, startsBefore: number): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}`
  // The API reference's page and files (GET /docs...) are not JSON; the OpenAPI document says what they are.
  const json = answer.contentType.startsWith('application/json')
  const { method, path } = request
  const page = { method, path, status: answer.status, contentType: answer.contentType, body: answer.text }
  if (answer.status < 300 && !json && reference.problems(page).length === 0) return undefined
  if (!answer.contentType.startsWith('application/json'))
    return `answered ${answer.status} as ${answer.contentType || 'no content type'}`
  let body: { error?: { code?: unknown; message?: unknown } }
  try {
    body = JSON.parse(answer.text) as typeof body
  } catch {
    return `answered ${answer.status} with a body that is not JSON`
  }
  const route = matchRoute(routes, request.method, new URL(request.path, 'http://localhost').pathname)
  // The body limit (64 KiB by default) refuses a body the route would read, before reading it (unless the URL limit
  // refused the request first).
  const jsonSent = /^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')
  if (route && jsonSent && (request.body?.length ?? 0) > OVERSIZED_BODY && ![413, 414].includes(answer.status)) {
    return `answered ${answer.status} to a ${request.body!.length}-character body, not 413`
  }
  const acting = runner.starts.length > startsBefore
  if (acting && !mayAct(route, request)) return `started ${runner.starts.at(-1)!.workflowType} for an invalid request`
  if (answer.status < 300) {
    if (request.method !== 'GET' && !mayAct(route, request))
      return `answered ${answer.status} to an invalid ${request.method}`
    return undefined
  }
  if (answer.status < 400) return `answered ${answer.status}`
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string')
    return 'a refusal without the error envelope'
  if (STACK_TRACE.test(answer.text)) return 'a refusal that shows a stack trace'
  return undefined
}

interface Counts {
  requests: number
  by: Record<string, number>
  maxErrorBytes: number
}

/** Sends `runs` hostile requests to `target` (never a valid write) and throws at the first answer it may not give. */
async function sendHostile(target: RouteSpec[], runs: number, each: (counts: Counts) => void = () => undefined) {
  const counts: Counts = { requests: 0, by: {}, maxErrorBytes: 0 }
  await fc.assert(
    fc.asyncProperty(
      hostileRequest(target).filter((request) => {
        if (request.method === 'GET') return true
        const route = matchRoute(routes, request.method, new URL(request.path, 'http://localhost').pathname)
        // A valid write by chance would rightly be accepted: only hostile ones are sent.
        return !mayAct(route, request)
      }),
      async (request) => {
        const startsBefore = runner.starts.length
        const answer = await send(request)
        counts.requests++
        const bucket = `${Math.floor(answer.status / 100)}xx`
        counts.by[bucket] = (counts.by[bucket] ?? 0) + 1
        if (answer.status >= 400) counts.maxErrorBytes = Math.max(counts.maxErrorBytes, answer.text.length)
        each(counts)
        const problem = problemWith(request, answer, startsBefore)
        if (problem) {
          throw new Error(
            `${request.method} ${request.path.slice(0, 300)} [${request.tags.join(', ')}] body ${JSON.stringify(request.body?.slice(0, 300))}: ` +
              `${problem}: ${answer.text.slice(0, 500)}`
          )
        }
      }
    ),
    { numRuns: runs, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined, endOnFailure: true }
  )
  return counts
}

// Read from the engines in-process: a control call after seconds of fuzzing may reuse a keep-alive socket the
// simulator has just closed (ECONNRESET), and the fuzzer injects no faults, so there are no detached orders to miss.
const venueOrders = () => EXCHANGE_IDS.flatMap((venue) => sim.engines[venue].receivedOrders())

describe('the API under hostile requests', () => {
  it(`answers ${RUNS} of them with a 4xx (or a harmless read), starts nothing, orders nothing, in bounded memory`, async () => {
    const rss: number[] = []
    const heap: number[] = []
    // Warm up (markets loaded, code paths compiled) before the memory baseline.
    await send({ route: routes[0]!, method: 'GET', path: '/api/ticker/binance/BTC-USDT', headers: {}, tags: [] })
    collectGarbage()
    const baseline = process.memoryUsage().rss
    const heapBaseline = process.memoryUsage().heapUsed
    const started = Date.now()

    const counts = await sendHostile(routes, RUNS, ({ requests }) => {
      if (requests % 1000 === 0) {
        collectGarbage()
        rss.push(process.memoryUsage().rss)
        heap.push(process.memoryUsage().heapUsed)
      }
    })

    const orders = venueOrders()
    const growthMb = (Math.max(...rss, baseline) - baseline) / 1024 / 1024
    console.log(
      `[fuzz] ${counts.requests} hostile requests over ${routes.length} routes in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `4xx ${counts.by['4xx'] ?? 0}, 2xx reads ${counts.by['2xx'] ?? 0}, 5xx ${counts.by['5xx'] ?? 0}, ` +
        `workflows started ${runner.starts.length} (venue reads ${reads}), venue orders ${orders.length}, ` +
        `rss growth ${growthMb.toFixed(0)} MB (heap ${((Math.max(...heap) - heapBaseline) / 1024 / 1024).toFixed(0)} MB), largest error body ${counts.maxErrorBytes} bytes`
    )
    expect(counts.requests).toBeGreaterThanOrEqual(RUNS)
    expect(counts.by['5xx'] ?? 0).toBe(0)
    expect(runner.starts).toEqual([])
    expect(orders).toEqual([])
    expect(growthMb).toBeLessThan(MEMORY_BOUND_MB)
  }, 180_000)

  // Spread over every route, an order route gets a few hundred of the requests above; these get many more: every
  // kind of order (perpetual, margin, conditional, GTT, expire-at) broken field by field, a resting order's cancel and
  // amendment, the sweep, the ledger's orders and fills.
  it(`answers ${ORDER_RUNS} aimed at the order routes the same way`, async () => {
    const target = routes.filter((route) => ORDER_ROUTES.test(route.path))
    const counts = await sendHostile(target, ORDER_RUNS)
    console.log(
      `[fuzz] ${counts.requests} hostile requests over the ${target.length} order routes: ` +
        `4xx ${counts.by['4xx'] ?? 0}, 2xx reads ${counts.by['2xx'] ?? 0}, 5xx ${counts.by['5xx'] ?? 0}, ` +
        `workflows started or commanded ${runner.starts.length}`
    )
    expect(target.map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/orders',
        'GET /api/orders',
        'DELETE /api/orders',
        'DELETE /api/orders/:workflowId',
        'PATCH /api/orders/:workflowId',
        'GET /api/orders/:workflowId/fills',
        'GET /api/fills',
      ])
    )
    expect(counts.by['5xx'] ?? 0).toBe(0)
    expect(runner.starts).toEqual([])
    expect(venueOrders()).toEqual([])
  }, 180_000)

  it('starts from bodies the routes take, so that what it breaks is the only thing wrong', () => {
    const json = { 'content-type': 'application/json' }
    const writes = routes.filter(canAct)
    expect(validBodiesOf('POST /api/orders')).toHaveLength(8)
    for (const route of writes) {
      for (const body of validBodiesOf(`${route.method} ${route.path}`)) {
        const path = route.path.replace(':workflowId', RUNNING_ORDER_ID).replace(':exchange', 'binance')
        const request = { route, method: route.method, path, headers: json, body: JSON.stringify(body), tags: [] }
        expect({ route: `${route.method} ${route.path}`, body, acts: mayAct(route, request) }).toMatchObject({
          acts: true,
        })
      }
    }
  })
})
