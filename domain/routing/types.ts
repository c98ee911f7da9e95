// Inputs and outputs of venue selection and order splitting.
import type { DecimalString, ExchangeId, OrderBook, Side, TradingFees } from '../types.js'

/** What the caller wants to trade. */
export interface RoutingRequest {
  symbol: string
  side: Side
  /** Base amount. */
  amount: DecimalString
  type: 'market' | 'limit'
  /** Required for limit orders: only levels at or better than this price count. */
  limitPrice?: DecimalString
  /** Tolerated distance from the best price across venues, in bps. Default 50. */
  maxSlippageBps?: number
}

/** Order-size rules of one venue's market, when known. */
export interface VenueMarketRules {
  amountStep: DecimalString
  minAmount?: DecimalString
  minNotional?: DecimalString
}

/** One venue as the router sees it: its book, its fees and how it has been behaving. */
export interface VenueSnapshot {
  exchange: ExchangeId
  book: OrderBook
  fees: TradingFees
  /** Recent market-data latency in ms. */
  latencyMs?: number
  health?: 'healthy' | 'degraded' | 'down'
  /** 0..1 share of recent calls that failed. */
  errorRate?: number
  /** false takes the venue out of routing. Default true. */
  enabled?: boolean
  market?: VenueMarketRules
}

/** How much operational risk costs, expressed in bps of price so that it adds to the price gap. */
export interface RoutingWeights {
  /** Penalty per 100 ms of latency. */
  latencyBpsPer100Ms: number
  /** Flat penalty for a degraded venue. */
  degradedPenaltyBps: number
  /** Penalty at a 100 % error rate; scales linearly with errorRate. */
  errorRatePenaltyBps: number
}

/** One venue's evaluation. Rejected venues carry `rejection` and no figures that would need a book. */
export interface VenueCandidate {
  exchange: ExchangeId
  /** 1-based position in the ranking; absent for rejected venues. */
  rank?: number
  /** Why the venue cannot be used at all (down, disabled, no liquidity). */
  rejection?: string
  /** Base amount the venue's book can fill now (limit orders: at or better than the limit). */
  fillableAmount?: DecimalString
  /** fillableAmount ÷ requested amount, 0..1. */
  fillRatio?: number
  fullFill?: boolean
  expectedAveragePrice?: DecimalString
  /** Quote amount of the expected fill, before fees. */
  expectedCost?: DecimalString
  /** Taker fee on expectedCost, in quote. */
  expectedFee?: DecimalString
  takerFee: DecimalString
  /** Average price after the taker fee: buy avg × (1 + taker), sell avg × (1 − taker). */
  effectivePrice?: DecimalString
  /** Price of the last level the fill reaches. */
  worstPrice?: DecimalString
  /** Share (0..1) of the requested amount available within maxSlippageBps of the best price across venues. */
  liquidityScore?: number
  /** Expected average price vs the best top of book across venues, in bps; positive is worse. */
  expectedSlippageBps?: number
  /** How much worse this venue's effective price is than the best candidate's, in bps. */
  priceGapBps?: number
  latencyPenaltyBps?: number
  healthPenaltyBps?: number
  /** priceGapBps plus every penalty. Lower is better. */
  scoreBps?: number
  /** One readable line on this venue's figures or its rejection. */
  reason: string
}

export interface RoutingDecision {
  request: RoutingRequest
  /** Ranked candidates first (best first), then rejected venues in exchange order. */
  candidates: VenueCandidate[]
  /** The venue to send the whole order to; absent when none can fill the full amount. */
  selected?: ExchangeId
  /** A readable sentence explaining the choice (or why there is none). */
  reason: string
  expectedAveragePrice?: DecimalString
  liquidityScore?: number
  expectedSlippageBps?: number
  /** True when no single venue can fill the amount and planSplit should be used instead. */
  splitRecommended: boolean
}

/** One venue's share of a split order. */
export interface SplitAllocation {
  exchange: ExchangeId
  amount: DecimalString
  expectedAveragePrice: DecimalString
  /** Quote amount before fees. */
  expectedCost: DecimalString
  /** Taker fee in quote. */
  fee: DecimalString
  /** Price of the last level this allocation reaches: the limit for an IOC leg. */
  worstPrice: DecimalString
}

export interface SplitPlan {
  request: RoutingRequest
  /** In exchange order; every amount is a multiple of its venue's amount step and meets its minimums. */
  allocations: SplitAllocation[]
  totalAmount: DecimalString
  unfilledAmount: DecimalString
  /** Total cost ÷ total amount, before fees; absent when nothing is allocated. */
  expectedAveragePrice?: DecimalString
  totalCost: DecimalString
  totalFees: DecimalString
  /** Venues left out and why. */
  excluded: { exchange: ExchangeId; reason: string }[]
  reason: string
}
