// Shared setup for the engine tests: one venue with a spot, a perp and a margin market, a clock the test
// moves by hand, and funded accounts.
import { createVenueEngine } from '../../../sim/engine/index.js'
import type { SimMarket, VenueEngine } from '../../../sim/engine/types.js'

export const SPOT: SimMarket = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  kind: 'spot',
  tickSize: '0.01',
  stepSize: '0.00001',
  minQty: '0.00001',
  maxQty: '9000',
  minNotional: '5',
  makerFee: '0.001',
  takerFee: '0.002',
  marginEnabled: false,
  maxLeverage: 1,
}
export const PERP: SimMarket = {
  symbol: 'BTC/USDT:USDT',
  base: 'BTC',
  quote: 'USDT',
  kind: 'perp',
  tickSize: '0.1',
  stepSize: '0.001',
  minQty: '0.001',
  maxQty: '1000',
  minNotional: '100',
  makerFee: '0.0002',
  takerFee: '0.0005',
  marginEnabled: true,
  maxLeverage: 125,
}
export const MARGIN: SimMarket = {
  symbol: 'BTC/USD',
  base: 'BTC',
  quote: 'USD',
  kind: 'spot',
  tickSize: '0.1',
  stepSize: '0.00000001',
  minQty: '0.0001',
  maxQty: '10000',
  minNotional: '0.5',
  makerFee: '0.0014',
  takerFee: '0.0024',
  marginEnabled: true,
  maxLeverage: 5,
}

export const START = 1_700_000_000_000

export interface Harness {
  engine: VenueEngine
  clock: { now: number }
}

export function createHarness(seed = 1): Harness {
  const clock = { now: START }
  const engine = createVenueEngine({
    venue: 'binance',
    markets: [SPOT, PERP, MARGIN],
    seed,
    now: () => clock.now,
    initialMids: { 'BTC/USDT': '64000', 'BTC/USDT:USDT': '64000', 'BTC/USD': '64000' },
  })
  for (const owner of ['alice', 'bob']) {
    engine.credit(owner, 'BTC', '10')
    engine.credit(owner, 'USDT', '1000000')
    engine.credit(owner, 'USD', '1000000')
  }
  return { engine, clock }
}

/** A small pinned book: bids 63990 / 63980, asks 64010 / 64020, one BTC each. */
export function pinSimpleBook(engine: VenueEngine, symbol = SPOT.symbol): void {
  engine.setBook(symbol, {
    bids: [
      ['63990', '1'],
      ['63980', '1'],
    ],
    asks: [
      ['64010', '1'],
      ['64020', '1'],
    ],
  })
}
