// The scale test's orders: small market orders (POST /api/orders) sent through one API or another, batches of them
// with a fixed number in flight, and what the batch measured. Every answer is kept: the checks decide what it means.

export interface OrderBody {
  exchange: 'binance'
  symbol: 'BTC/USDT'
  side: 'buy' | 'sell'
  type: 'market'
  amount: string
}

export interface Answer {
  key: string
  /** Index of the API that answered. */
  api: number
  /** 0 when the request got no HTTP answer (refused, reset). */
  status: number
  body: Record<string, unknown>
  latencyMs: number
}

/** A small market order; buys and sells in turn, so that the demo balances stay level. */
export function orderBody(n: number): OrderBody {
  return { exchange: 'binance', symbol: 'BTC/USDT', side: n % 2 === 0 ? 'buy' : 'sell', type: 'market', amount: '0.01' }
}

export async function postOrder(apiUrls: string[], api: number, key: string, body: OrderBody): Promise<Answer> {
  const started = performance.now()
  try {
    const response = await fetch(`${apiUrls[api]}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    })
    const text = await response.text()
    let parsed: Record<string, unknown>
    try {
      parsed = JSON.parse(text) as Record<string, unknown>
    } catch {
      parsed = { text: text.slice(0, 300) }
    }
    return { key, api, status: response.status, body: parsed, latencyMs: performance.now() - started }
  } catch (error) {
    return { key, api, status: 0, body: { error: (error as Error).message }, latencyMs: performance.now() - started }
  }
}

export interface BatchOptions {
  apiUrls: string[]
  /** Idempotency-Key prefix, unique to the batch. */
  prefix: string
  count: number
  inFlight: number
  /** Called after each answer with how many have been answered: where a fault is injected mid-run. */
  onAnswer?: (answered: number) => void
}

export interface Batch {
  answers: Answer[]
  seconds: number
}

/** `count` orders, `inFlight` at a time, through the APIs in turn. */
export async function runBatch(options: BatchOptions): Promise<Batch> {
  const answers: Answer[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: options.inFlight }, async () => {
      while (next < options.count) {
        const n = next++
        const api = n % options.apiUrls.length
        answers.push(await postOrder(options.apiUrls, api, `${options.prefix}-${n}`, orderBody(n)))
        options.onAnswer?.(answers.length)
      }
    })
  )
  return { answers, seconds: (performance.now() - started) / 1000 }
}

/** The p-th percentile (0..100) of some values, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** A batch's figures, as the report prints them. */
export function throughputLine(label: string, batch: Batch): string {
  const latencies = batch.answers.map((answer) => answer.latencyMs)
  const rate = batch.answers.length / batch.seconds
  return (
    `${label}: ${batch.answers.length} orders in ${batch.seconds.toFixed(1)} s = ${rate.toFixed(2)} orders/s; ` +
    `latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p90 ${percentile(latencies, 90).toFixed(0)} ms, ` +
    `max ${percentile(latencies, 100).toFixed(0)} ms`
  )
}

/** The run an answer names (201, 202, 422 ... carry it), if any. */
export function workflowIdOf(answer: Answer): string | undefined {
  return typeof answer.body.workflowId === 'string' ? answer.body.workflowId : undefined
}
