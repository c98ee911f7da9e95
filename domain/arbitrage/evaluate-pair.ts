// One ordered venue pair: how much can be bought on one venue's asks and sold into the other's bids while every
// marginal unit still clears the profit threshold after both taker fees.
//
// The arithmetic is exact (domain/exact) and follows, operation for operation, what decimal.js computed before, so
// opportunities are the same to the last digit; only the levels the walk reaches are read.
import { positiveLevels, walkLevels, type ExactLevel, type LevelStream } from '../book-levels.js'
import {
  compare,
  dividedBy,
  exactFromNumber,
  floorToStep,
  isPositive,
  isZero,
  minus,
  parseExact,
  plus,
  ratioTimes,
  toDecimalString,
  ZERO,
  type Exact,
} from '../exact/index.js'
import { dec, isDecimalString } from '../money.js'
import { feeFactor, feeOn, priceAfterFee } from '../routing/fees.js'
import { formatPrice } from '../routing/format.js'
import type { ArbitrageOpportunity, ArbitrageOptions, ArbitrageVenue, PairEvaluation } from './types.js'
import { commonStep, ruleProblem } from './venue-rules.js'

const HUNDRED: Exact = { units: BigInt(100), scale: 0 }

/** A venue's book sides with a positive size, parsed as far as the pairs that use them read. */
export interface VenueLevels {
  asks: LevelStream
  bids: LevelStream
}

export function venueLevels(venue: ArbitrageVenue): VenueLevels {
  return { asks: positiveLevels(venue.book.asks), bids: positiveLevels(venue.book.bids) }
}

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
  return evaluateLevels(symbol, buy, venueLevels(buy).asks, sell, venueLevels(sell).bids, options)
}

/** evaluatePair on sides already parsed (a scan parses each venue once for all its pairs); options asserted. */
export function evaluateLevels(
  symbol: string,
  buy: ArbitrageVenue,
  asks: LevelStream,
  sell: ArbitrageVenue,
  bids: LevelStream,
  options: ArbitrageOptions
): PairEvaluation {
  if (buy.book.symbol !== symbol || sell.book.symbol !== symbol) {
    return { reason: `books are not all for ${symbol}` }
  }
  const bestAsk = asks.at(0)
  const bestBid = bids.at(0)
  if (bestAsk === undefined) return { reason: `${buy.exchange} has no asks` }
  if (bestBid === undefined) return { reason: `${sell.exchange} has no bids` }

  const buyFee = parseExact(buy.fees.taker)
  const sellFee = parseExact(sell.fees.taker)
  const buyFactor = feeFactor(buyFee, 'buy')
  const sellFactor = feeFactor(sellFee, 'sell')
  const threshold = dividedBy(exactFromNumber(options.minProfitPct), HUNDRED)
  const cap = options.maxAmount === undefined ? undefined : parseExact(options.maxAmount)
  const size = profitableSize(asks, bids, buyFactor, sellFactor, threshold, cap)
  if (!isPositive(size)) {
    const cost = priceAfterFee(bestAsk.price, buyFactor)
    const proceeds = priceAfterFee(bestBid.price, sellFactor)
    const pct = ratioTimes(minus(proceeds, cost), cost, HUNDRED)
    return {
      reason:
        `buy ${buy.exchange} at ${formatPrice(bestAsk.price)} (${formatPrice(cost)} after fee), sell ${sell.exchange} ` +
        `at ${formatPrice(bestBid.price)} (${formatPrice(proceeds)} after fee): net ${pct.toFixed(4)}% ` +
        `is not above ${options.minProfitPct}%`,
    }
  }
  const step = commonStep([options.amountStep, buy.market?.amountStep, sell.market?.amountStep])
  const amount = step === undefined ? size : floorToStep(size, parseExact(step))
  if (!isPositive(amount)) {
    return {
      reason: `profitable size ${toDecimalString(size)} rounds to 0 at step ${step ?? ''}`,
      unmet: 'amountStep',
    }
  }
  const opportunity = priceOpportunity(symbol, buy, sell, asks, bids, amount, buyFee, sellFee)
  const problem =
    ruleProblem(buy.exchange, opportunity.amount, opportunity.buyLimitPrice, buy.market) ??
    ruleProblem(sell.exchange, opportunity.amount, opportunity.sellLimitPrice, sell.market)
  if (problem) {
    return {
      reason: `profitable size ${opportunity.amount} cannot be traded: ${problem.message}`,
      unmet: problem.limit,
    }
  }
  return { opportunity }
}

// Malformed options are a programmer error (the API validates user input), so they throw rather than explain.
export function assertOptions(options: ArbitrageOptions): void {
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

/** (proceeds − cost) ÷ cost > threshold, as decimal.js decided it (a zero cost makes an infinite or no margin). */
function marginAbove(proceeds: Exact, cost: Exact, threshold: Exact): boolean {
  const margin = minus(proceeds, cost)
  if (isZero(cost)) return isPositive(margin)
  return compare(dividedBy(margin, cost), threshold) > 0
}

function profitableSize(
  asks: LevelStream,
  bids: LevelStream,
  buyFactor: Exact,
  sellFactor: Exact,
  threshold: Exact,
  cap: Exact | undefined
): Exact {
  let amount = ZERO
  let i = 0
  let j = 0
  let askLeft = asks.at(0)?.size ?? ZERO
  let bidLeft = bids.at(0)?.size ?? ZERO
  for (;;) {
    const ask: ExactLevel | undefined = asks.at(i)
    const bid: ExactLevel | undefined = bids.at(j)
    if (ask === undefined || bid === undefined) break
    if (cap !== undefined && compare(amount, cap) >= 0) break
    const unitCost = priceAfterFee(ask.price, buyFactor)
    const unitProceeds = priceAfterFee(bid.price, sellFactor)
    if (!marginAbove(unitProceeds, unitCost, threshold)) break
    let take = compare(askLeft, bidLeft) < 0 ? askLeft : bidLeft
    if (cap !== undefined && compare(minus(cap, amount), take) < 0) take = minus(cap, amount)
    amount = plus(amount, take)
    askLeft = minus(askLeft, take)
    bidLeft = minus(bidLeft, take)
    if (isZero(askLeft)) askLeft = asks.at(++i)?.size ?? ZERO
    if (isZero(bidLeft)) bidLeft = bids.at(++j)?.size ?? ZERO
  }
  return amount
}

function priceOpportunity(
  symbol: string,
  buy: ArbitrageVenue,
  sell: ArbitrageVenue,
  asks: LevelStream,
  bids: LevelStream,
  amount: Exact,
  buyTakerFee: Exact,
  sellTakerFee: Exact
): ArbitrageOpportunity {
  const buyWalk = walkLevels(asks, amount)
  const sellWalk = walkLevels(bids, amount)
  const buyFee = feeOn(buyWalk.cost, buyTakerFee)
  const sellFee = feeOn(sellWalk.cost, sellTakerFee)
  const gross = minus(sellWalk.cost, buyWalk.cost)
  const net = minus(minus(gross, buyFee), sellFee)
  return {
    id: `${symbol}:${buy.exchange}->${sell.exchange}`,
    symbol,
    buyExchange: buy.exchange,
    sellExchange: sell.exchange,
    amount: toDecimalString(amount),
    buyAveragePrice: averageOf(buyWalk.filled, buyWalk.cost),
    sellAveragePrice: averageOf(sellWalk.filled, sellWalk.cost),
    buyLimitPrice: limitOf(buyWalk.filled, buyWalk.worstPrice),
    sellLimitPrice: limitOf(sellWalk.filled, sellWalk.worstPrice),
    buyCost: toDecimalString(buyWalk.cost),
    sellProceeds: toDecimalString(sellWalk.cost),
    buyTakerFee: buy.fees.taker,
    sellTakerFee: sell.fees.taker,
    buyFee: toDecimalString(buyFee),
    sellFee: toDecimalString(sellFee),
    grossProfit: toDecimalString(gross),
    netProfit: toDecimalString(net),
    netProfitPct: ratioTimes(net, plus(buyWalk.cost, buyFee), HUNDRED),
    buyLevelsUsed: buyWalk.levelsUsed,
    sellLevelsUsed: sellWalk.levelsUsed,
    buyBookTimestamp: buy.book.timestamp,
    sellBookTimestamp: sell.book.timestamp,
  }
}

/** A walk's average price, '0' when nothing filled. */
function averageOf(filled: Exact, cost: Exact): string {
  return isPositive(filled) ? toDecimalString(dividedBy(cost, filled)) : '0'
}

/** A walk's last level's price, '0' when nothing filled. */
function limitOf(filled: Exact, worstPrice: Exact | undefined): string {
  return isPositive(filled) && worstPrice !== undefined ? toDecimalString(worstPrice) : '0'
}
