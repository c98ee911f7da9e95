// The demo account's connector of every venue on one simulator whose counters are off, markets loaded: for tests
// that check one behaviour across the three connectors.
import type { BinanceConnector, CoinbaseConnector, KrakenConnector } from '../../exchanges/connector.js'
import type { TestSimulator } from '../support/simulator.js'
import { binanceAgainst } from './binance/harness.js'
import { coinbaseAgainst } from './coinbase-harness.js'
import { krakenAgainst, startRoomySimulator } from './kraken-harness.js'

export interface AllVenues {
  sim: TestSimulator
  binance: BinanceConnector
  kraken: KrakenConnector
  coinbase: CoinbaseConnector
}

export async function openAllVenues(): Promise<AllVenues> {
  const sim = await startRoomySimulator()
  const venues = { sim, binance: binanceAgainst(sim), kraken: krakenAgainst(sim), coinbase: coinbaseAgainst(sim) }
  await Promise.all([venues.binance.initialize(), venues.kraken.initialize(), venues.coinbase.initialize()])
  return venues
}

export async function closeAllVenues({ sim, binance, kraken, coinbase }: AllVenues): Promise<void> {
  await Promise.all([binance.close(), kraken.close(), coinbase.close()])
  await sim.close()
}

/** A GTC limit buy far below the market: it rests open. */
export const restingBuy = (symbol: string, amount: string, clientOrderId: string) =>
  ({ symbol, side: 'buy', type: 'limit', amount, price: '50000', clientOrderId }) as const

/** The error `call` was refused with; an Error saying so when it was not refused. */
export function refusalOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => new Error('expected the placement to be refused'),
    (err: unknown) => err
  )
}
