// Products and currencies as Coinbase Exchange lists them (GET /products, /products/{id}, /currencies).
import type { SimMarket, VenueEngine } from '../../engine/types.js'
import { productId, symbolOf } from './format.js'

const FIAT = new Set(['USD', 'EUR', 'GBP'])

export function spotMarkets(engine: VenueEngine): SimMarket[] {
  return engine.markets().filter((market) => market.kind === 'spot')
}

export function marketOfProduct(engine: VenueEngine, product: string): SimMarket | undefined {
  const symbol = symbolOf(product)
  const market = symbol === undefined ? undefined : engine.market(symbol)
  return market?.kind === 'spot' ? market : undefined
}

export function productView(market: SimMarket): Record<string, unknown> {
  return {
    id: productId(market.symbol),
    base_currency: market.base,
    quote_currency: market.quote,
    quote_increment: market.tickSize,
    base_increment: market.stepSize,
    display_name: `${market.base}-${market.quote}`,
    min_market_funds: market.minNotional,
    margin_enabled: false,
    post_only: false,
    limit_only: false,
    cancel_only: false,
    status: 'online',
    status_message: '',
    trading_disabled: false,
    fx_stablecoin: false,
    max_slippage_percentage: '0.02000000',
    auction_mode: false,
    high_bid_limit_percentage: '',
  }
}

/** Every currency that appears in a product, sorted. */
export function currencyCodes(engine: VenueEngine): string[] {
  const codes = new Set<string>()
  for (const market of spotMarkets(engine)) codes.add(market.base).add(market.quote)
  return [...codes].sort()
}

export const isFiat = (currency: string): boolean => FIAT.has(currency)

export function currencyView(code: string): Record<string, unknown> {
  const fiat = isFiat(code)
  const precision = fiat ? '0.01' : '0.00000001'
  return {
    id: code,
    name: code,
    min_size: precision,
    status: 'online',
    message: '',
    max_precision: precision,
    convertible_to: [],
    details: { type: fiat ? 'fiat' : 'crypto', symbol: null, sort_order: 0, push_payment_methods: [], group_types: [] },
    default_network: fiat ? '' : code.toLowerCase(),
    supported_networks: [],
    display_name: code,
  }
}
