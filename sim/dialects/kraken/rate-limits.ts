// Kraken's published spot rate limits, per API key:
// - the REST call counter: +2 for ledger/trade-history calls, +1 for every other private call, nothing for
//   order entry; it decays continuously and a call that would take it over the tier's maximum fails with
//   EAPI:Rate limit exceeded;
// - the trading-engine counter, per pair: +1 per AddOrder, plus a penalty for cancelling a young order; an
//   AddOrder over the threshold fails with EOrder:Rate limit exceeded.
// Counters are scores, not money: floats are fine here.

export interface DecayingLimit {
  max: number
  decayPerSecond: number
}

export type KrakenTier = 'starter' | 'intermediate' | 'pro'

export const KRAKEN_TIERS: Record<KrakenTier, { callCounter: DecayingLimit; tradingCounter: DecayingLimit }> = {
  starter: { callCounter: { max: 15, decayPerSecond: 0.33 }, tradingCounter: { max: 60, decayPerSecond: 1 } },
  intermediate: {
    callCounter: { max: 20, decayPerSecond: 0.5 },
    tradingCounter: { max: 125, decayPerSecond: 2.34 },
  },
  pro: { callCounter: { max: 20, decayPerSecond: 1 }, tradingCounter: { max: 180, decayPerSecond: 3.75 } },
}

export interface RateLimitOptions {
  tier?: KrakenTier
  /** Overrides the tier's REST call counter; false switches it off. */
  callCounter?: DecayingLimit | false
  /** Overrides the tier's per-pair trading counter; false switches it off. */
  tradingCounter?: DecayingLimit | false
}

const ORDER_ENTRY = new Set(['AddOrder', 'AddOrderBatch', 'CancelOrder', 'CancelOrderBatch', 'EditOrder', 'AmendOrder'])
const HISTORY = new Set(['Ledgers', 'QueryLedgers', 'TradesHistory', 'QueryTrades'])

/** What a private method adds to the REST call counter. */
export function callCost(method: string): number {
  if (ORDER_ENTRY.has(method)) return 0
  return HISTORY.has(method) ? 2 : 1
}

/** Extra trading-counter points for cancelling an order of this age (Kraken's "Spot Trading Limits"). */
export function cancelPenalty(orderAgeMs: number): number {
  const steps: [number, number][] = [
    [5_000, 8],
    [10_000, 6],
    [15_000, 5],
    [45_000, 4],
    [90_000, 2],
    [300_000, 1],
  ]
  return steps.find(([under]) => orderAgeMs < under)?.[1] ?? 0
}

interface DecayingCounter {
  /** Adds cost unless that would exceed the limit; false when refused. */
  tryAdd(key: string, cost: number): boolean
  add(key: string, cost: number): void
}

function createDecayingCounter(limit: DecayingLimit | false, now: () => number): DecayingCounter {
  const state = new Map<string, { value: number; at: number }>()
  const level = (key: string): number => {
    const entry = state.get(key)
    if (!entry) return 0
    return Math.max(0, entry.value - ((now() - entry.at) / 1000) * (limit ? limit.decayPerSecond : 0))
  }
  const add = (key: string, cost: number): void => {
    state.set(key, { value: level(key) + cost, at: now() })
  }
  return {
    tryAdd(key, cost) {
      if (!limit || cost === 0) return true
      if (level(key) + cost > limit.max) return false
      add(key, cost)
      return true
    },
    add(key, cost) {
      if (limit && cost > 0) add(key, cost)
    },
  }
}

export interface KrakenRateLimits {
  /** Charges the REST call counter for a private call; false when the call must fail. */
  chargeCall(apiKey: string, method: string): boolean
  /** Charges the pair's trading counter for a new order; false when the order must be refused. */
  chargeAddOrder(apiKey: string, pairId: string): boolean
  chargeCancel(apiKey: string, pairId: string, orderAgeMs: number): void
}

export function createRateLimits(options: RateLimitOptions, now: () => number): KrakenRateLimits {
  const tier = KRAKEN_TIERS[options.tier ?? 'starter']
  const calls = createDecayingCounter(options.callCounter ?? tier.callCounter, now)
  const trading = createDecayingCounter(options.tradingCounter ?? tier.tradingCounter, now)
  return {
    chargeCall: (apiKey, method) => calls.tryAdd(apiKey, callCost(method)),
    chargeAddOrder: (apiKey, pairId) => trading.tryAdd(`${apiKey}\n${pairId}`, 1),
    chargeCancel: (apiKey, pairId, age) => trading.add(`${apiKey}\n${pairId}`, cancelPenalty(age)),
  }
}
