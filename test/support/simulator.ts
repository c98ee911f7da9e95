// The simulator harness every test uses: the real HTTP simulator on free ports, a fixed seed, no automatic
// ticks (tests advance time themselves), plus a typed client for its control API.
import type { DecimalString, ExchangeId } from '../../domain/types.js'
import type { SimOrder, SimPosition, SimBalance } from '../../sim/engine/types.js'
import type { FaultConfig } from '../../sim/faults.js'
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../sim/server.js'

export const TEST_SEED = 7

export type Levels = [DecimalString, DecimalString][]

export interface ControlClient {
  /** Pins the book to exactly these levels (until resetBook). */
  setBook(venue: ExchangeId, symbol: string, book: { bids: Levels; asks: Levels }): Promise<void>
  resetBook(venue: ExchangeId, symbol: string): Promise<void>
  book(venue: ExchangeId, symbol: string): Promise<{ bids: Levels; asks: Levels; mid: DecimalString; pinned: boolean }>
  /** Credits the demo account (or `apiKey`). */
  credit(venue: ExchangeId, asset: string, amount: DecimalString, apiKey?: string): Promise<Record<string, SimBalance>>
  balances(venue: ExchangeId, apiKey?: string): Promise<Record<string, SimBalance>>
  setFaults(venue: ExchangeId, faults: FaultConfig): Promise<FaultConfig>
  clearFaults(venue?: ExchangeId): Promise<void>
  receivedOrders(venue: ExchangeId, filter?: { clientOrderId?: string; symbol?: string }): Promise<SimOrder[]>
  positions(venue: ExchangeId, apiKey?: string): Promise<SimPosition[]>
  /** Ticks one venue, or all of them. */
  tick(venue?: ExchangeId): Promise<void>
}

export interface TestSimulator extends RunningSimulator {
  control: ControlClient
}

const symbolPath = (symbol: string): string => encodeURIComponent(symbol)

export function createControlClient(baseUrl: string): ControlClient {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`control ${method} ${path} → ${response.status}: ${text}`)
    return JSON.parse(text) as T
  }
  const query = (params: Record<string, string | undefined>): string => {
    const defined = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined)
    return defined.length === 0 ? '' : `?${new URLSearchParams(defined).toString()}`
  }

  return {
    async setBook(venue, symbol, book) {
      await call('PUT', `/venues/${venue}/books/${symbolPath(symbol)}`, book)
    },
    async resetBook(venue, symbol) {
      await call('DELETE', `/venues/${venue}/books/${symbolPath(symbol)}`)
    },
    book: (venue, symbol) => call('GET', `/venues/${venue}/books/${symbolPath(symbol)}`),
    async credit(venue, asset, amount, apiKey) {
      const result = await call<{ balances: Record<string, SimBalance> }>('POST', `/venues/${venue}/balances`, {
        asset,
        amount,
        apiKey,
      })
      return result.balances
    },
    async balances(venue, apiKey) {
      const result = await call<{ balances: Record<string, SimBalance> }>(
        'GET',
        `/venues/${venue}/balances${query({ apiKey })}`
      )
      return result.balances
    },
    setFaults: (venue, faults) => call('PUT', `/venues/${venue}/faults`, faults),
    async clearFaults(venue) {
      const venues: ExchangeId[] = venue ? [venue] : ['binance', 'coinbase', 'kraken']
      for (const id of venues) await call('DELETE', `/venues/${id}/faults`)
    },
    async receivedOrders(venue, filter = {}) {
      const result = await call<{ orders: SimOrder[] }>('GET', `/venues/${venue}/orders${query(filter)}`)
      return result.orders
    },
    async positions(venue, apiKey) {
      const result = await call<{ positions: SimPosition[] }>('GET', `/venues/${venue}/positions${query({ apiKey })}`)
      return result.positions
    },
    async tick(venue) {
      await call('POST', venue ? `/venues/${venue}/tick` : '/tick')
    },
  }
}

/** startSimulator on free ports, tickIntervalMs 0 and TEST_SEED unless overridden. Close it in afterAll. */
export async function startTestSimulator(overrides: SimulatorOptions = {}): Promise<TestSimulator> {
  const simulator = await startSimulator({ seed: TEST_SEED, tickIntervalMs: 0, ...overrides })
  return { ...simulator, control: createControlClient(simulator.urls.control) }
}
