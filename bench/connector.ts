// The Binance connector on its own: unmodified ccxt over HTTP to the in-process simulator, no Temporal. What one
// market-data read and one order cost through ccxt, our limiter, error mapping and the simulator's matching.
import type { UnifiedOrder } from '../domain/types.js'
import { ownCpuMs } from './support/cpu.js'
import { BenchFailure } from './support/failure.js'
import { measure, type CaseResult } from './support/measure.js'
import { createBenchRegistry, startBenchSimulator } from './support/stack.js'

export interface ConnectorSizes {
  warmup: number
  calls: number
}

const GROUP = 'connector'
const SYMBOL = 'BTC/USDT'
export const ORDER_AMOUNT = '0.0002'

export async function runConnectorBenchmarks(sizes: ConnectorSizes): Promise<CaseResult[]> {
  const sim = await startBenchSimulator()
  const registry = createBenchRegistry(sim.urls)
  // ccxt, the connector and the simulator all run in this process
  const sampleCpu = () => ({ node: ownCpuMs() })
  try {
    const binance = registry.get('binance')
    await binance.initialize()
    const book = await measure(
      GROUP,
      'binance getOrderBook BTC/USDT depth 20',
      { warmup: sizes.warmup, count: sizes.calls, sampleCpu },
      async () => {
        const answer = await binance.getOrderBook(SYMBOL, 20)
        if (answer.bids.length === 0 || answer.asks.length === 0) throw new BenchFailure('getOrderBook: an empty side')
      }
    )
    const orders: UnifiedOrder[] = []
    const place = await measure(
      GROUP,
      `binance placeOrder market buy ${ORDER_AMOUNT} BTC`,
      { warmup: sizes.warmup, count: sizes.calls, sampleCpu },
      async () => {
        orders.push(await binance.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'market', amount: ORDER_AMOUNT }))
      }
    )
    const unfilled = orders.filter((order) => order.status !== 'closed' || order.filled !== ORDER_AMOUNT)
    if (unfilled.length > 0) {
      const first = unfilled[0] as UnifiedOrder
      throw new BenchFailure(
        `placeOrder: ${unfilled.length} of ${orders.length} orders not filled (first: ${first.status}, filled ${first.filled})`
      )
    }
    return [book, place]
  } finally {
    await registry.close()
    await sim.close()
  }
}
