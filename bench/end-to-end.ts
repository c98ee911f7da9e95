// The whole way of an order: HTTP POST to the Hono API -> Temporal dev server -> gateway worker -> ccxt connector ->
// simulator, and the answer back. Every request must end placed or filled; anything else fails the run.
import { ownCpuMs, processCpuMs, type CpuSample } from './support/cpu.js'
import { BenchFailure } from './support/failure.js'
import { measure, type CaseResult } from './support/measure.js'
import { startBenchStack } from './support/stack.js'

export interface EndToEndSizes {
  warmup: number
  sequentialOrders: number
  concurrentOrders: number
  concurrency: number
  smartOrders: number
}

const GROUP = 'end to end'
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

export async function runEndToEndBenchmarks(sizes: EndToEndSizes, log: (line: string) => void): Promise<CaseResult[]> {
  const started = Date.now()
  const stack = await startBenchStack(log)
  log(`Stack up in ${((Date.now() - started) / 1000).toFixed(1)} s (API ${stack.apiUrl})`)
  // node: this process (API, worker, connectors, simulator and the load generator); temporal: the dev server
  const sampleCpu = (): CpuSample => {
    const temporal = stack.temporalPid === undefined ? undefined : processCpuMs(stack.temporalPid)
    return temporal === undefined ? { node: ownCpuMs() } : { node: ownCpuMs(), temporal }
  }
  let requests = 0
  const post = async (path: string, body: object): Promise<void> => {
    requests++
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    const text = await response.text()
    let outcome: unknown
    try {
      outcome = (JSON.parse(text) as { outcome?: unknown }).outcome
    } catch {
      outcome = undefined
    }
    if (response.status !== 201 || typeof outcome !== 'string' || !ACCEPTED_OUTCOMES.has(outcome)) {
      throw new BenchFailure(`POST ${path} (request ${requests}) answered ${response.status}: ${text.slice(0, 400)}`)
    }
  }

  try {
    const orders = '/api/orders'
    const sequential = await measure(
      GROUP,
      `POST /api/orders market buy ${ORDER_AMOUNT} BTC binance, sequential`,
      { warmup: sizes.warmup, count: sizes.sequentialOrders, sampleCpu },
      () => post(orders, order)
    )
    const concurrent = await measure(
      GROUP,
      `POST /api/orders market buy ${ORDER_AMOUNT} BTC binance, ${sizes.concurrency} in flight`,
      { warmup: 0, count: sizes.concurrentOrders, concurrency: sizes.concurrency, sampleCpu },
      () => post(orders, order)
    )
    const smart = await measure(
      GROUP,
      `POST /api/smart-order market buy ${ORDER_AMOUNT} BTC over 3 venues, sequential`,
      { warmup: Math.min(3, sizes.warmup), count: sizes.smartOrders, sampleCpu },
      () => post('/api/smart-order', smartOrder)
    )
    log(`${requests} API requests, all placed or filled`)
    return [sequential, concurrent, smart]
  } finally {
    await stack.close()
  }
}
