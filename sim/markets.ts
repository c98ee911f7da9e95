// The simulator's default venues: their markets, starting mids and the demo accounts' opening balances.
// Dialects and tests read this configuration instead of repeating its numbers.
import { dec, roundToStep } from '../domain/money.js'
import type { DecimalString, ExchangeId } from '../domain/types.js'
import type { SimMarket } from './engine/types.js'

export interface VenueConfig {
  venue: ExchangeId
  markets: SimMarket[]
  /** Starting mid per symbol. */
  initialMids: Record<string, DecimalString>
}

/** Reference prices; each venue starts a little off them so routing and arbitrage have work to do. */
export const REFERENCE_MIDS: Record<string, DecimalString> = { BTC: '64000', ETH: '3200', SOL: '150' }

/** Per-venue offset from the reference mid (a fraction). */
export const VENUE_MID_OFFSETS: Record<ExchangeId, DecimalString> = {
  binance: '0',
  coinbase: '0.0006',
  kraken: '-0.0009',
}

/** Opening balances of every demo account on every venue. */
export const DEMO_BALANCES: Record<string, DecimalString> = {
  BTC: '10',
  ETH: '200',
  SOL: '2000',
  USDT: '1000000',
  USD: '1000000',
}

type MarketShape = Pick<SimMarket, 'tickSize' | 'stepSize' | 'minQty' | 'maxQty'>

type Fees = [maker: string, taker: string]

function spot(symbol: string, shape: MarketShape, fees: Fees, minNotional: string): SimMarket {
  const [base, quote] = symbol.split('/') as [string, string]
  return {
    symbol,
    base,
    quote,
    kind: 'spot',
    ...shape,
    minNotional,
    makerFee: fees[0],
    takerFee: fees[1],
    marginEnabled: false,
    maxLeverage: 1,
  }
}

const margin = (market: SimMarket, maxLeverage: number): SimMarket => ({
  ...market,
  marginEnabled: true,
  maxLeverage,
})

function perp(base: string, shape: MarketShape): SimMarket {
  return {
    symbol: `${base}/USDT:USDT`,
    base,
    quote: 'USDT',
    kind: 'perp',
    ...shape,
    minNotional: '100',
    makerFee: '0.0002',
    takerFee: '0.0005',
    marginEnabled: true,
    maxLeverage: 125,
  }
}

const BINANCE_FEES: Fees = ['0.001', '0.001']
const COINBASE_FEES: Fees = ['0.0015', '0.0025']
const KRAKEN_FEES: Fees = ['0.0014', '0.0024']
const shape = (tickSize: string, stepSize: string, minQty: string, maxQty: string): MarketShape => ({
  tickSize,
  stepSize,
  minQty,
  maxQty,
})
const COINBASE_SHAPE = shape('0.01', '0.00000001', '0.00001', '1000000')
const KRAKEN_SHAPE = shape('0.01', '0.00000001', '0.0001', '1000000')
const KRAKEN_BTC_SHAPE: MarketShape = { ...KRAKEN_SHAPE, tickSize: '0.1' }
const PERP_SHAPE = shape('0.1', '0.001', '0.001', '1000')

export const DEFAULT_MARKETS: Record<ExchangeId, SimMarket[]> = {
  binance: [
    spot('BTC/USDT', shape('0.01', '0.00001', '0.00001', '9000'), BINANCE_FEES, '5'),
    spot('ETH/USDT', shape('0.01', '0.0001', '0.0001', '100000'), BINANCE_FEES, '5'),
    spot('SOL/USDT', shape('0.01', '0.001', '0.001', '1000000'), BINANCE_FEES, '5'),
    perp('BTC', PERP_SHAPE),
    perp('ETH', PERP_SHAPE),
  ],
  coinbase: ['BTC/USD', 'ETH/USD', 'SOL/USD', 'BTC/USDT', 'ETH/USDT'].map((symbol) =>
    spot(symbol, COINBASE_SHAPE, COINBASE_FEES, '1')
  ),
  kraken: [
    margin(spot('BTC/USD', KRAKEN_BTC_SHAPE, KRAKEN_FEES, '0.5'), 5),
    margin(spot('ETH/USD', KRAKEN_SHAPE, KRAKEN_FEES, '0.5'), 5),
    spot('SOL/USD', KRAKEN_SHAPE, KRAKEN_FEES, '0.5'),
    spot('BTC/USDT', KRAKEN_BTC_SHAPE, KRAKEN_FEES, '0.5'),
    spot('ETH/USDT', KRAKEN_SHAPE, KRAKEN_FEES, '0.5'),
  ],
}

function initialMidsOf(venue: ExchangeId, markets: SimMarket[]): Record<string, DecimalString> {
  const factor = dec(1).plus(VENUE_MID_OFFSETS[venue])
  return Object.fromEntries(
    markets.map((market) => [
      market.symbol,
      roundToStep(dec(REFERENCE_MIDS[market.base] ?? '100').times(factor), market.tickSize),
    ])
  )
}

const venueConfig = (venue: ExchangeId): VenueConfig => ({
  venue,
  markets: DEFAULT_MARKETS[venue],
  initialMids: initialMidsOf(venue, DEFAULT_MARKETS[venue]),
})

export const DEFAULT_VENUES: Record<ExchangeId, VenueConfig> = {
  binance: venueConfig('binance'),
  coinbase: venueConfig('coinbase'),
  kraken: venueConfig('kraken'),
}
