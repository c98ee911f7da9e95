// Prices, averages and costs in an answer, rounded to the market's precision for people to read. A workflow computes
// them exactly (an average is a division: 64042.17335626666666666666666666666666667) and keeps them so in its history
// and in the execution history; only the HTTP answer is rounded. Amounts, fees as the venue reported them, scores and
// percentages are left as they are.
import { placesOf, roundToPlaces } from '../domain/money.js'
import { EXCHANGE_IDS, type ExchangeId, type MarketInfo } from '../domain/types.js'

export interface DisplayPrecision {
  /** Decimal places of a price on this market (its tick's). */
  pricePlaces: number
  /** Decimal places of a quote amount: a price times an amount is exact at price places + amount places. */
  quotePlaces: number
}

/** The precision for `symbol`, on `exchange` when the figure belongs to one venue; undefined when unknown. */
export type PrecisionOf = (symbol: string, exchange?: ExchangeId) => DisplayPrecision | undefined

/** Figures that are prices: rounded to the market's price places. */
const PRICES = new Set([
  'price',
  'average',
  'triggerPrice',
  'expectedAveragePrice',
  'actualAveragePrice',
  'slippageLimitPrice',
  'buyAveragePrice',
  'sellAveragePrice',
  'buyLimitPrice',
  'sellLimitPrice',
  'limitPrice',
  'effectivePrice',
  'worstPrice',
  'entryPrice',
  'liquidationPrice',
])
/** Figures in the quote currency: rounded to the market's quote places. */
const QUOTE_AMOUNTS = new Set([
  'cost',
  'buyCost',
  'sellProceeds',
  'buyFee',
  'sellFee',
  'grossProfit',
  'netProfit',
  'profit',
  'expectedCost',
  'expectedFee',
  'totalCost',
  'totalFees',
  // as strings, fees we computed in the quote currency; as objects, below
  'fee',
  'fees',
])
/** Fees as the venue charged them ({ cost, currency }, in any currency) are the venue's own figures: not rounded. */
const VENUE_FEES = new Set(['fee', 'fees', 'unconvertedFees'])

const DECIMAL = /^-?\d+(\.\d+)?$/

export function precisionOfMarket(market: Pick<MarketInfo, 'priceStep' | 'amountStep'>): DisplayPrecision | undefined {
  // A venue that does not say its tick ("0") gives no precision to round to.
  if (!DECIMAL.test(market.priceStep) || Number(market.priceStep) === 0) return undefined
  const pricePlaces = placesOf(market.priceStep)
  const amountPlaces =
    DECIMAL.test(market.amountStep) && Number(market.amountStep) > 0 ? placesOf(market.amountStep) : 8
  return { pricePlaces, quotePlaces: pricePlaces + amountPlaces }
}

/** The finest of several venues' precisions: a figure across venues loses none of any venue's digits. */
export function finest(precisions: (DisplayPrecision | undefined)[]): DisplayPrecision | undefined {
  const known = precisions.filter((p): p is DisplayPrecision => p !== undefined)
  if (known.length === 0) return undefined
  return {
    pricePlaces: Math.max(...known.map((p) => p.pricePlaces)),
    quotePlaces: Math.max(...known.map((p) => p.quotePlaces)),
  }
}

/**
 * `answer` with its prices and quote amounts rounded. Each figure takes the market of the nearest enclosing object
 * that names a `symbol` (else `symbol`) and an `exchange` (else the finest of the venues). A copy: `answer` is not
 * changed.
 */
export function roundForDisplay<T>(answer: T, precisionOf: PrecisionOf, symbol?: string): T {
  return walk(answer, precisionOf, { symbol }) as T
}

/** Every symbol named in `answer` (and `symbol`), the markets its rounding needs: none when it has no figure to round. */
export function symbolsIn(answer: unknown, symbol?: string): Set<string> {
  const found = new Set<string>(symbol === undefined ? [] : [symbol])
  let figures = false
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit)
    else if (isRecord(value)) {
      if (typeof value.symbol === 'string') found.add(value.symbol)
      for (const [key, field] of Object.entries(value)) {
        if (typeof field === 'string') figures ||= PRICES.has(key) || QUOTE_AMOUNTS.has(key)
        else if (!VENUE_FEES.has(key)) visit(field)
      }
    }
  }
  visit(answer)
  return figures ? found : new Set()
}

interface Scope {
  symbol?: string
  exchange?: ExchangeId
}

function walk(value: unknown, precisionOf: PrecisionOf, outer: Scope): unknown {
  if (Array.isArray(value)) return value.map((item) => walk(item, precisionOf, outer))
  if (!isRecord(value)) return value
  const scope: Scope = {
    symbol: typeof value.symbol === 'string' ? value.symbol : outer.symbol,
    exchange: isExchange(value.exchange) ? value.exchange : outer.exchange,
  }
  const precision = scope.symbol === undefined ? undefined : precisionOf(scope.symbol, scope.exchange)
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string' && DECIMAL.test(field) && precision !== undefined) {
      if (PRICES.has(key)) out[key] = roundToPlaces(field, precision.pricePlaces)
      else if (QUOTE_AMOUNTS.has(key)) out[key] = roundToPlaces(field, precision.quotePlaces)
      else out[key] = field
    } else if (VENUE_FEES.has(key) && typeof field === 'object') {
      out[key] = field
    } else {
      out[key] = walk(field, precisionOf, scope)
    }
  }
  return out
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function isExchange(value: unknown): value is ExchangeId {
  return typeof value === 'string' && (EXCHANGE_IDS as readonly string[]).includes(value)
}
