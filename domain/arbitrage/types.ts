// Inputs and outputs of cross-venue arbitrage detection and accounting.
import type { VenueMarketRules } from '../routing/types.js'
import type { DecimalString, ExchangeId, Fee, OrderBook, Side, TradingFees } from '../types.js'
import type { RuleName } from './venue-rules.js'

/** One venue's view for arbitrage: its book, its fees and, when known, its order-size rules. */
export interface ArbitrageVenue {
  exchange: ExchangeId
  book: OrderBook
  fees: TradingFees
  /** Amount step, minimum amount and minimum notional: both legs are sized to keep them. */
  market?: VenueMarketRules
}

export interface ArbitrageOptions {
  /** Minimum net profit after both taker fees, in percent of the buy cost (0.1 means 0.1 %). */
  minProfitPct: number
  /** Largest base amount to trade. */
  maxAmount?: DecimalString
  /** A base amount step the size is rounded down to, on top of each venue's own `market.amountStep`. */
  amountStep?: DecimalString
}

/**
 * Buy on `buyExchange`'s asks and sell the same amount into `sellExchange`'s bids, both as IOC taker orders.
 * Assumes inventory on both sides (quote on the buy venue, base on the sell venue): no transfer is modelled.
 */
export interface ArbitrageOpportunity {
  /** Stable per symbol and venue pair: `BTC/USDT:binance->kraken`. */
  id: string
  symbol: string
  buyExchange: ExchangeId
  sellExchange: ExchangeId
  /** Base amount of each leg. */
  amount: DecimalString
  buyAveragePrice: DecimalString
  sellAveragePrice: DecimalString
  /** Worst ask reached: the limit price of the buy IOC leg. */
  buyLimitPrice: DecimalString
  /** Worst bid reached: the limit price of the sell IOC leg. */
  sellLimitPrice: DecimalString
  /** Quote paid on the buy leg, before fee. */
  buyCost: DecimalString
  /** Quote received on the sell leg, before fee. */
  sellProceeds: DecimalString
  buyTakerFee: DecimalString
  sellTakerFee: DecimalString
  /** Quote fees of each leg. */
  buyFee: DecimalString
  sellFee: DecimalString
  /** sellProceeds − buyCost. */
  grossProfit: DecimalString
  /** grossProfit − buyFee − sellFee. */
  netProfit: DecimalString
  /** netProfit ÷ (buyCost + buyFee) × 100 (a float: it is a score). */
  netProfitPct: number
  buyLevelsUsed: number
  sellLevelsUsed: number
  /** Timestamps of the books the figures come from, for staleness checks. */
  buyBookTimestamp: number
  sellBookTimestamp: number
}

/**
 * A venue pair either makes an opportunity or says why it does not. `unmet` names the venue rule that stopped a
 * profitable size from being traded (a skipped opportunity, as opposed to no opportunity at all).
 */
export type PairEvaluation = { opportunity: ArbitrageOpportunity } | { reason: string; unmet?: RuleName }

/** A pair whose books are profitable but whose profitable size one of the venues would refuse. */
export interface SkippedPair {
  /** The opportunity id it would have had: `BTC/USDT:binance->kraken`. */
  id: string
  symbol: string
  buyExchange: ExchangeId
  sellExchange: ExchangeId
  unmet: RuleName
  reason: string
}

/** Fresh market data for a recheck. Fees default to the ones the opportunity was found with. */
export interface FreshBooks {
  buyBook: OrderBook
  sellBook: OrderBook
  buyFees?: TradingFees
  sellFees?: TradingFees
  /** Each venue's order-size rules; the re-sized legs must keep them. */
  buyMarket?: VenueMarketRules
  sellMarket?: VenueMarketRules
}

export type RecheckResult =
  | { ok: true; opportunity: ArbitrageOpportunity; /** Smaller than first found. */ resized: boolean }
  | { ok: false; reason: string }

/** One executed leg as the venue reported it (a UnifiedOrder fits). */
export interface RealisedLeg {
  symbol: string
  side: Side
  /** Base amount filled. */
  filled: DecimalString
  /** Quote amount filled (filled × average). */
  cost: DecimalString
  fee?: Fee
}

export interface RealisedProfit {
  /** Quote currency every figure is in. */
  currency: string
  boughtAmount: DecimalString
  soldAmount: DecimalString
  /** Quote paid on buys, before fees. */
  buyCost: DecimalString
  /** Quote received on sells, before fees. */
  sellProceeds: DecimalString
  /** All fees in quote; base-currency fees converted at their leg's average price. */
  fees: DecimalString
  /** sellProceeds − buyCost − fees. */
  netProfit: DecimalString
  /** Base left over (bought − sold − base fees); non-zero means the trade is not flat. */
  residualAmount: DecimalString
  /** Fees in a third currency (e.g. BNB), which cannot be priced here. */
  unconvertedFees: Fee[]
}
