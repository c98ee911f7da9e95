// Reference copy of domain/arbitrage/evaluate-pair.ts as it was at 991155f, on decimal.js: the equivalence tests compare the exact
// scaled-integer implementation with it. Test-only; not imported by production code.
// One ordered venue pair: how much can be bought on one venue's asks and sold into the other's bids while every
// marginal unit still clears the profit threshold after both taker fees.
import { walkBook } from '../book.js'
import { dec, floorToStep, isDecimalString, isPositive, str } from '../money.js'
import { feeOn, priceAfterFee } from '../routing/fees.js'
import { formatPrice } from '../routing/format.js'
import type { BookLevel } from '../../../../domain/types.js'
import type {
  ArbitrageOpportunity,
  ArbitrageOptions,
  ArbitrageVenue,
  PairEvaluation,
} from '../../../../domain/arbitrage/types.js'
import { commonStep, ruleProblem } from './venue-rules.js'

/**
 * Evaluates buying on `buy` and selling on `sell`. Walks both books level by level and keeps taking the
 * overlapping amount while the next unit's net margin, (bid × (1 − sell taker) − ask × (1 + buy taker)) ÷
 * (ask × (1 + buy taker)), is above `minProfitPct`; then caps by `maxAmount`, rounds down to a step both venues
 * (and `amountStep`) accept and prices both legs on the books for that amount. Every unit taken clears the
 * threshold, so the whole trade does. Each leg must also keep its venue's minimum amount and minimum notional
 * (valued at the leg's limit price, as the venue does): a size that cannot is no opportunity, and the reason names
 * the rule in `unmet`. A smaller size would only be further below the minimums, and a larger one is not profitable.
 */
export function evaluatePair(
  symbol: string,
  buy: ArbitrageVenue,
  sell: ArbitrageVenue,
  options: ArbitrageOptions
): PairEvaluation {
  assertOptions(options)
  if (buy.book.symbol !== symbol || sell.book.symbol !== symbol) {
    return { reason: `books are not all for ${symbol}` }
  }
  const asks = buy.book.asks.filter(([, size]) => isPositive(size))
  const bids = sell.book.bids.filter(([, size]) => isPositive(size))
  if (asks.length === 0) return { reason: `${buy.exchange} has no asks` }
  if (bids.length === 0) return { reason: `${sell.exchange} has no bids` }

  const threshold = dec(options.minProfitPct).div(100)
  const size = profitableSize(asks, bids, buy, sell, threshold, options.maxAmount)
  if (!isPositive(size)) {
    const [ask] = asks[0] ?? ['0']
    const [bid] = bids[0] ?? ['0']
    const cost = priceAfterFee(ask, buy.fees.taker, 'buy')
    const proceeds = priceAfterFee(bid, sell.fees.taker, 'sell')
    const pct = dec(proceeds).minus(cost).div(cost).times(100).toNumber()
    return {
      reason:
        `buy ${buy.exchange} at ${formatPrice(ask)} (${formatPrice(cost)} after fee), sell ${sell.exchange} at ` +
        `${formatPrice(bid)} (${formatPrice(proceeds)} after fee): net ${pct.toFixed(4)}% ` +
        `is not above ${options.minProfitPct}%`,
    }
  }
  const step = commonStep([options.amountStep, buy.market?.amountStep, sell.market?.amountStep])
  const amount = step === undefined ? size : floorToStep(size, step)
  if (!isPositive(amount)) {
    return { reason: `profitable size ${size} rounds to 0 at step ${step ?? ''}`, unmet: 'amountStep' }
  }
  const opportunity = priceOpportunity(symbol, buy, sell, asks, bids, amount)
  const problem =
    ruleProblem(buy.exchange, amount, opportunity.buyLimitPrice, buy.market) ??
    ruleProblem(sell.exchange, amount, opportunity.sellLimitPrice, sell.market)
  if (problem) return { reason: `profitable size ${amount} cannot be traded: ${problem.message}`, unmet: problem.limit }
  return { opportunity }
}

// Malformed options are a programmer error (the API validates user input), so they throw rather than explain.
function assertOptions(options: ArbitrageOptions): void {
  if (!Number.isFinite(options.minProfitPct)) {
    throw new RangeError(`minProfitPct must be a finite number, got ${options.minProfitPct}`)
  }
  for (const [name, value] of [
    ['maxAmount', options.maxAmount],
    ['amountStep', options.amountStep],
  ] as const) {
    if (value !== undefined && (!isDecimalString(value) || dec(value).isNegative())) {
      throw new RangeError(`${name} must be a non-negative decimal string, got ${value}`)
    }
  }
}

function profitableSize(
  asks: BookLevel[],
  bids: BookLevel[],
  buy: ArbitrageVenue,
  sell: ArbitrageVenue,
  threshold: ReturnType<typeof dec>,
  maxAmount: string | undefined
): string {
  let amount = dec(0)
  let i = 0
  let j = 0
  let askLeft = dec(asks[0]?.[1] ?? '0')
  let bidLeft = dec(bids[0]?.[1] ?? '0')
  const cap = maxAmount === undefined ? undefined : dec(maxAmount)
  for (;;) {
    const ask = asks[i]
    const bid = bids[j]
    if (ask === undefined || bid === undefined) break
    if (cap !== undefined && !amount.lessThan(cap)) break
    const unitCost = dec(priceAfterFee(ask[0], buy.fees.taker, 'buy'))
    const unitProceeds = dec(priceAfterFee(bid[0], sell.fees.taker, 'sell'))
    if (!unitProceeds.minus(unitCost).div(unitCost).greaterThan(threshold)) break
    let take = askLeft.lessThan(bidLeft) ? askLeft : bidLeft
    if (cap !== undefined && cap.minus(amount).lessThan(take)) take = cap.minus(amount)
    amount = amount.plus(take)
    askLeft = askLeft.minus(take)
    bidLeft = bidLeft.minus(take)
    if (askLeft.isZero()) askLeft = dec(asks[++i]?.[1] ?? '0')
    if (bidLeft.isZero()) bidLeft = dec(bids[++j]?.[1] ?? '0')
  }
  return str(amount)
}

function priceOpportunity(
  symbol: string,
  buy: ArbitrageVenue,
  sell: ArbitrageVenue,
  asks: BookLevel[],
  bids: BookLevel[],
  amount: string
): ArbitrageOpportunity {
  const buyWalk = walkBook(asks, amount)
  const sellWalk = walkBook(bids, amount)
  const buyFee = feeOn(buyWalk.cost, buy.fees.taker)
  const sellFee = feeOn(sellWalk.cost, sell.fees.taker)
  const gross = dec(sellWalk.cost).minus(buyWalk.cost)
  const net = gross.minus(buyFee).minus(sellFee)
  return {
    id: `${symbol}:${buy.exchange}->${sell.exchange}`,
    symbol,
    buyExchange: buy.exchange,
    sellExchange: sell.exchange,
    amount,
    buyAveragePrice: buyWalk.average ?? '0',
    sellAveragePrice: sellWalk.average ?? '0',
    buyLimitPrice: buyWalk.worstPrice ?? '0',
    sellLimitPrice: sellWalk.worstPrice ?? '0',
    buyCost: buyWalk.cost,
    sellProceeds: sellWalk.cost,
    buyTakerFee: buy.fees.taker,
    sellTakerFee: sell.fees.taker,
    buyFee,
    sellFee,
    grossProfit: str(gross),
    netProfit: str(net),
    netProfitPct: net.div(dec(buyWalk.cost).plus(buyFee)).times(100).toNumber(),
    buyLevelsUsed: buyWalk.levelsUsed,
    sellLevelsUsed: sellWalk.levelsUsed,
    buyBookTimestamp: buy.book.timestamp,
    sellBookTimestamp: sell.book.timestamp,
  }
}
