// The whole way of an order: HTTP POST to the Hono API -> Temporal dev server -> gateway worker -> ccxt connector ->
// simulator (its own process), and the answer back; with the two floors it is compared with, measured in the same
// run: floor A, the raw ccxt createOrder against the same simulator; floor B, an empty workflow of the same shape
// (bench/support/floor.ts) on the same server, worker and settings. Every request must end placed or filled.
import { createBinanceClient } from '../exchanges/binance.js'
import { loadExchangeSettings } from '../exchanges/registry.js'
import { ownCpuMs, processCpuMs, type CpuSample } from './support/cpu.js'
import { BenchFailure } from './support/failure.js'
import { checkFloorShape, ORDER_SHAPE } from './support/floor.js'
import { measure, type CaseResult } from './support/measure.js'
import { startSimulatorProcess, type SimulatorProcess } from './support/sim-child.js'
import { startBenchStack, type BenchStack } from './support/stack.js'
import { measureSustained } from './support/sustained.js'

export interface EndToEndSizes {
  warmup: number
  floorRuns: number
  sequentialOrders: number
  smartOrders: number
  marketReads: number
  sustainedSeconds: number
  sustainedConcurrency: number
}

const ORDER_AMOUNT = '0.0002'
/** Longer than the API's own 30 s wait, so that a slow run shows up as a 202, not as a client timeout. */
const REQUEST_TIMEOUT_MS = 60_000
const ACCEPTED_OUTCOMES = new Set(['placed', 'filled'])

const order = { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: ORDER_AMOUNT }
const smartOrder = {
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  amount: ORDER_AMOUNT,
  exchanges: ['binance', 'coinbase', 'kraken'],
}

export interface EndToEndReport {
  results: CaseResult[]
  /** Resident memory of the gateway process (API + worker + load generator) after the run, MB. */
  gatewayRssMb: number
  /** Workflow executions started by the market-data reads (the goal is none). */
  workflowsPerRead: number
}

export async function runEndToEndBenchmarks(
  sizes: EndToEndSizes,
  log: (line: string) => void
): Promise<EndToEndReport> {
  const sim = await startSimulatorProcess()
  try {
    const results: CaseResult[] = [await floorA(sim, sizes, log)]
    const memory = await withStack(sim, { temporalDbFile: false }, log, (stack) =>
      runOnServer(stack, 'in-memory dev server', sizes, log, true)
    )
    const file = await withStack(sim, { temporalDbFile: true }, log, (stack) =>
      runOnServer(stack, 'file-backed dev server', sizes, log, false)
    )
    // The same as the first, without eager workflow start: what that one feature is worth on its own.
    const lazy = await withStack(sim, { temporalDbFile: false, eagerStart: false }, log, (stack) =>
      runOnServer(stack, 'in-memory dev server, no eager start', sizes, log, false)
    )
    results.push(...memory.results, ...file.results, ...lazy.results)
    return {
      results,
      gatewayRssMb: memory.rssMb ?? process.memoryUsage().rss / 2 ** 20,
      workflowsPerRead: memory.workflowsPerRead ?? 0,
    }
  } finally {
    await sim.close()
  }
}

async function withStack<T>(
  sim: SimulatorProcess,
  options: { temporalDbFile: boolean; eagerStart?: boolean },
  log: (line: string) => void,
  run: (stack: BenchStack) => Promise<T>
): Promise<T> {
  const started = Date.now()
  const stack = await startBenchStack(log, { simulatorUrls: sim.urls, ...options })
  log(`   stack up in ${((Date.now() - started) / 1000).toFixed(1)} s (API ${stack.apiUrl})`)
  try {
    return await run(stack)
  } finally {
    await stack.close()
  }
}

/** Floor A: unmodified ccxt's createOrder against the same simulator, nothing of ours around it. */
async function floorA(sim: SimulatorProcess, sizes: EndToEndSizes, log: (line: string) => void): Promise<CaseResult> {
  log('   floor A: raw ccxt createOrder')
  const config = { ...loadExchangeSettings({}).configs.binance, baseUrl: sim.urls.binance }
  const ccxt = createBinanceClient(config)
  await ccxt.loadMarkets()
  const sampleCpu = (): CpuSample => ({ node: ownCpuMs(), simulator: processCpuMs(sim.pid) ?? 0 })
  return measure(
    'floors',
    `floor A: ccxt createOrder market buy ${ORDER_AMOUNT} BTC binance`,
    { warmup: sizes.warmup, count: sizes.sequentialOrders, sampleCpu },
    async () => {
      const placed = await ccxt.createOrder('BTC/USDT', 'market', 'buy', Number(ORDER_AMOUNT))
      if (placed.status !== 'closed') throw new BenchFailure(`floor A: order ${placed.id} came back ${placed.status}`)
    }
  )
}

async function runOnServer(
  stack: BenchStack,
  server: string,
  sizes: EndToEndSizes,
  log: (line: string) => void,
  everyCase: boolean
): Promise<{ results: CaseResult[]; workflowsPerRead?: number; rssMb?: number }> {
  const group = `end to end, ${server}`
  // node: this process (API, worker, connectors and the load generator); temporal: the dev server
  const sampleCpu = (): CpuSample => {
    const temporal = stack.temporalPid === undefined ? undefined : processCpuMs(stack.temporalPid)
    return temporal === undefined ? { node: ownCpuMs() } : { node: ownCpuMs(), temporal }
  }
  const post = (path: string, body: object) => postExpectingPlaced(stack.apiUrl, path, body)
  const results: CaseResult[] = []

  log(`   ${server}: single-venue orders`)
  results.push(
    await measure(
      group,
      `POST /api/orders market buy ${ORDER_AMOUNT} BTC binance, sequential`,
      { warmup: sizes.warmup, count: sizes.sequentialOrders, sampleCpu },
      () => post('/api/orders', order)
    )
  )
  await checkFloorShape(stack.client, lastOrderId)
  log(`   ${server}: floor B`)
  results.push(
    await measure(
      group,
      `floor B: empty workflow of the order's shape (${describeShape()})`,
      { warmup: sizes.warmup, count: sizes.floorRuns, sampleCpu },
      () => runFloor(stack)
    )
  )
  if (!everyCase) return { results }

  log(`   ${server}: smart orders`)
  results.push(
    await measure(
      group,
      `POST /api/smart-order market buy ${ORDER_AMOUNT} BTC over 3 venues, sequential`,
      { warmup: sizes.warmup, count: sizes.smartOrders, sampleCpu },
      () => post('/api/smart-order', smartOrder)
    )
  )

  log(`   ${server}: market-data reads`)
  const executionsBefore = await countExecutions(stack)
  for (const [name, path] of [
    ['GET /api/ticker binance BTC/USDT', '/api/ticker/binance/BTC-USDT'],
    ['GET /api/orderbook binance BTC/USDT', '/api/orderbook/binance/BTC-USDT'],
  ] as const) {
    results.push(
      await measure(group, `${name}, sequential`, { warmup: sizes.warmup, count: sizes.marketReads, sampleCpu }, () =>
        getOk(stack.apiUrl, path)
      )
    )
  }
  const workflowsPerRead =
    ((await countExecutions(stack)) - executionsBefore) / (2 * (sizes.marketReads + sizes.warmup))

  log(`   ${server}: sustained orders, ${sizes.sustainedConcurrency} in flight for ${sizes.sustainedSeconds} s`)
  const sustained = await measureSustained(
    group,
    `POST /api/orders sustained ${sizes.sustainedSeconds} s, ${sizes.sustainedConcurrency} in flight`,
    { durationMs: sizes.sustainedSeconds * 1000, concurrency: sizes.sustainedConcurrency, sampleCpu, log },
    () => post('/api/orders', order)
  )
  results.push(sustained)
  // Sampled while the worker still runs, right after the sustained load: what a worker holds after the run.
  const rssMb = process.memoryUsage().rss / 2 ** 20
  // The same load of empty workflows: the throughput and CPU this server and worker allow before any work of ours.
  const floorSeconds = Math.max(5, Math.round(sizes.sustainedSeconds / 3))
  log(`   ${server}: floor B sustained, ${sizes.sustainedConcurrency} in flight for ${floorSeconds} s`)
  results.push(
    await measureSustained(
      group,
      `floor B sustained ${floorSeconds} s, ${sizes.sustainedConcurrency} in flight`,
      { durationMs: floorSeconds * 1000, concurrency: sizes.sustainedConcurrency, sampleCpu, log },
      () => runFloor(stack)
    )
  )
  return { results, workflowsPerRead, rssMb }
}

let requests = 0
let lastOrderId = ''

async function postExpectingPlaced(apiUrl: string, path: string, body: object): Promise<void> {
  requests++
  const response = await fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  const text = await response.text()
  let answer: { outcome?: unknown; workflowId?: unknown } = {}
  try {
    answer = JSON.parse(text) as typeof answer
  } catch {
    // not JSON: reported below
  }
  if (response.status !== 201 || typeof answer.outcome !== 'string' || !ACCEPTED_OUTCOMES.has(answer.outcome)) {
    throw new BenchFailure(`POST ${path} (request ${requests}) answered ${response.status}: ${text.slice(0, 400)}`)
  }
  if (path === '/api/orders' && typeof answer.workflowId === 'string') lastOrderId = answer.workflowId
}

async function getOk(apiUrl: string, path: string): Promise<void> {
  const response = await fetch(`${apiUrl}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
  const text = await response.text()
  if (response.status !== 200) throw new BenchFailure(`GET ${path} answered ${response.status}: ${text.slice(0, 400)}`)
}

let floorRun = 0
async function runFloor(stack: BenchStack): Promise<void> {
  await stack.client.workflow.execute('benchFloorWorkflow', {
    taskQueue: stack.taskQueue,
    workflowId: `bench-floor-${process.pid}-${floorRun++}`,
    args: [ORDER_SHAPE],
    requestEagerStart: stack.eagerStart,
  })
}

function describeShape(): string {
  return ORDER_SHAPE.map((step) => `${step.count} ${step.kind === 'local' ? 'local' : 'regular'}`).join(', ')
}

async function countExecutions(stack: BenchStack): Promise<number> {
  return (await stack.client.workflow.count()).count
}
