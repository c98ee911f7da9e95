// The risk vocabulary shared by the workflows (which decide), the activities (which read the facts) and the API
// (which shows and changes limits and the trading state). Amounts are decimal strings; counts are numbers.
import type { FailureType } from '../failures.js'
import type { DecimalString, ExchangeId, OrderSpec } from '../types.js'

/**
 * What the platform may send. ACTIVE: anything within the limits. REDUCING: only orders that reduce what is held
 * (a sell of inventory the venue shows, a buy that closes a futures short, an arbitrage unwind). HALTED: nothing.
 */
export type TradingStateName = 'ACTIVE' | 'REDUCING' | 'HALTED'
export const TRADING_STATES: readonly TradingStateName[] = ['ACTIVE', 'REDUCING', 'HALTED']

/** The state for the whole platform ('all') or one venue; the stricter of the two applies to an order. */
export type TradingStateScope = 'all' | ExchangeId

export interface TradingState {
  scope: TradingStateScope
  state: TradingStateName
  reason: string
  /** Who changed it: a token name, 'config', or 'auto:<halt kind>' for an automatic halt. */
  changedBy: string
  changedAt: number
}

/** Automatic halts: each names its cause; a venue's error rate halts that venue alone. */
export type HaltKind = 'daily_loss' | 'unresolved_orders' | 'venue_error_rate'

export interface Halt {
  kind: HaltKind
  scope: TradingStateScope
  reason: string
  at: number
}

/**
 * Limits from configuration (RISK_LIMITS_FILE, else the demo-safe defaults), changed through the API with an audit
 * record. Notional and exposure ceilings are decimal strings; a missing key means "no ceiling" for that key only.
 */
export interface RiskLimits {
  /** Largest value of one order, in its quote currency, whatever the symbol. */
  maxOrderNotional: DecimalString
  /** Tighter per-symbol ceilings, e.g. { "BTC/USDT": "250000" }. */
  maxOrderNotionalBySymbol: Record<string, DecimalString>
  /**
   * Largest absolute net position per venue and asset, in units of the asset, from what this platform's orders
   * bought and sold there (the ledger). Keys "binance:BTC" (one venue) or "BTC" (each venue).
   */
  maxExposure: Record<string, DecimalString>
  /** Orders sent per venue in any 60 s, across every process of the platform. */
  maxOrdersPerMinutePerVenue: number
  /** Realised arbitrage loss (quote currency, positive number) per UTC day that halts all trading. */
  maxDailyArbitrageLoss: DecimalString
  /** Automatic (monitor) arbitrage executions per monitor per rolling hour. */
  maxAutoExecutionsPerMonitorPerHour: number
  /** More unresolved order outcomes than this halts all trading. */
  maxUnresolvedOrders: number
  /** A venue whose share of failed requests over the window stays above `rate` (with at least `minRequests`) halts. */
  venueErrorHalt: { rate: number; minRequests: number; windowMs: number }
}

/** The order a risk check is about: what will be sent, where, and why. */
export interface RiskCheckInput {
  executionId: string
  exchange: ExchangeId
  request: OrderSpec & { clientOrderId: string }
  /** An arbitrage unwind: it reduces an imbalance this platform created (see the unwind semantics in README). */
  reducing?: boolean
}

/** What the check activity read: everything the pure decision needs, recorded in the workflow history. */
export interface RiskFacts {
  limits: RiskLimits
  /** The stricter of the platform's and the venue's state. */
  state: TradingStateName
  stateReason: string
  /** Price the order is valued at: its limit price, else the venue's best opposite price (undefined if none). */
  valuationPrice?: DecimalString
  /**
   * Net position this platform holds at the venue in the order's base asset (ledger: bought − sold). Read only when
   * a maxExposure ceiling applies to the venue and asset: it sums the ledger, and the check runs before every order.
   */
  netPosition?: DecimalString
  /** What the venue shows held: the base asset's free balance (spot) or the position (futures, signed). Read when REDUCING. */
  heldAtVenue?: DecimalString
  /** Orders sent to the venue in the last 60 s, this one not included. */
  sentLastMinute: number
  /** True when a send slot for this order is reserved within maxOrdersPerMinutePerVenue. */
  slotReserved: boolean
}

export type RiskLimitName =
  'tradingState' | 'maxOrderNotional' | 'maxOrderNotionalBySymbol' | 'maxExposure' | 'maxOrdersPerMinutePerVenue'

export type RiskDecision = { allowed: true } | { allowed: false; limit: RiskLimitName; message: string }

/** The errorType a refusal carries through placement outcomes, the ledger and the API (422 risk_rejected). */
export const RISK_REJECTED = 'RiskRejectedError' satisfies FailureType
