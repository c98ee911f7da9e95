// The pre-trade decision: one order against the limits and the trading state, from facts an activity read. Pure and
// exact (decimal strings), so the workflow makes it and its history records it. The first limit broken is named,
// with the figures that broke it.
import { abs, add, cmp, mul, sub } from '../money.js'
import type { DecimalString } from '../types.js'
import type { RiskCheckInput, RiskDecision, RiskFacts, RiskLimits, TradingStateName } from './types.js'

/** "BTC/USDT:USDT" -> { base: "BTC", quote: "USDT", futures: true }. */
export function assetsOf(symbol: string): { base: string; quote: string; futures: boolean } {
  const [pair = '', settle] = symbol.split(':')
  const [base = '', quote = ''] = pair.split('/')
  return { base, quote, futures: settle !== undefined }
}

/** The ceiling on one venue's net position in `asset`: "venue:ASSET" before "ASSET"; undefined when none. */
export function exposureCeiling(limits: RiskLimits, exchange: string, asset: string): DecimalString | undefined {
  return limits.maxExposure[`${exchange}:${asset}`] ?? limits.maxExposure[asset]
}

const STRICTNESS: Record<TradingStateName, number> = { ACTIVE: 0, REDUCING: 1, HALTED: 2 }

/** The stricter of two states (the platform's and the venue's). */
export function stricterState(a: TradingStateName, b: TradingStateName): TradingStateName {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b
}

const refuse = (limit: Exclude<RiskDecision, { allowed: true }>['limit'], message: string): RiskDecision => ({
  allowed: false,
  limit,
  message,
})

/**
 * True when the order only takes down what the venue shows held: on spot a sell of at most the free base balance;
 * on futures an order against the signed position, at most its size. `heldAtVenue` unread counts as nothing held.
 */
export function reducesHolding(input: RiskCheckInput, heldAtVenue: DecimalString | undefined): boolean {
  const held = heldAtVenue ?? '0'
  const { side, amount, symbol } = input.request
  if (!assetsOf(symbol).futures) return side === 'sell' && cmp(amount, held) <= 0
  // futures: a sell reduces a long (held > 0), a buy reduces a short (held < 0)
  const signed = side === 'sell' ? held : sub('0', held)
  return cmp(signed, '0') > 0 && cmp(amount, signed) <= 0
}

export function decideOrderRisk(facts: RiskFacts, input: RiskCheckInput): RiskDecision {
  const { request, exchange } = input
  const where = `${request.side} ${request.amount} ${request.symbol} on ${exchange}`
  if (facts.state === 'HALTED')
    return refuse('tradingState', `trading is HALTED (${facts.stateReason}): ${where} not sent`)
  // An unwind takes down an imbalance this platform made: refusing it for size or rate would keep the risk open.
  if (input.reducing) return { allowed: true }
  // A reduce-only order can only take a position down: the venue refuses whatever part of it would not.
  if (facts.state === 'REDUCING' && request.reduceOnly !== true && !reducesHolding(input, facts.heldAtVenue)) {
    const held = `${facts.heldAtVenue ?? '0'} ${assetsOf(request.symbol).base} held at the venue`
    return refuse('tradingState', `trading is REDUCING (${facts.stateReason}): ${where} does not reduce (${held})`)
  }

  const { limits } = facts
  const { base, quote } = assetsOf(request.symbol)
  const symbolCeiling = limits.maxOrderNotionalBySymbol[request.symbol]
  if (facts.valuationPrice === undefined) {
    // An order that cannot be valued is refused, not waved through: the notional guard fails closed.
    return refuse(
      'maxOrderNotional',
      `${where} has no price to value it against maxOrderNotional ${limits.maxOrderNotional} ${quote}`
    )
  }
  // Leverage multiplies what the order puts at risk: its exposure is the notional times the leverage.
  const leverage = request.leverage ?? 1
  const notional = mul(mul(request.amount, facts.valuationPrice), leverage)
  if (symbolCeiling !== undefined && cmp(notional, symbolCeiling) > 0) {
    return refuse(
      'maxOrderNotionalBySymbol',
      `${where}: order value ${notional} ${quote}${leverageNote(leverage)} is above maxOrderNotionalBySymbol ${symbolCeiling} ${quote} for ${request.symbol}`
    )
  }
  if (cmp(notional, limits.maxOrderNotional) > 0) {
    return refuse(
      'maxOrderNotional',
      `${where}: order value ${notional} ${quote}${leverageNote(leverage)} is above maxOrderNotional ${limits.maxOrderNotional} ${quote}`
    )
  }

  const ceiling = exposureCeiling(limits, exchange, base)
  if (ceiling !== undefined && request.reduceOnly !== true) {
    const net = facts.netPosition
    // The facts read the position whenever a ceiling applies; without it the guard fails closed.
    if (net === undefined)
      return refuse(
        'maxExposure',
        `${where}: no net ${base} position was read to hold against maxExposure ${ceiling} ${base}`
      )
    const exposure = mul(request.amount, leverage)
    const after = add(net, request.side === 'buy' ? exposure : sub('0', exposure))
    // Only an order that grows the position is held to the ceiling: one that shrinks it is always welcome.
    if (cmp(abs(after), ceiling) > 0 && cmp(abs(after), abs(net)) > 0) {
      return refuse(
        'maxExposure',
        `${where}: net ${base} position on ${exchange} would be ${after} (now ${net}), beyond maxExposure ${ceiling} ${base}`
      )
    }
  }

  if (!facts.slotReserved) {
    return refuse(
      'maxOrdersPerMinutePerVenue',
      `${where}: ${facts.sentLastMinute} orders sent to ${exchange} in the last 60 s, at maxOrdersPerMinutePerVenue ${limits.maxOrdersPerMinutePerVenue}`
    )
  }
  return { allowed: true }
}

const leverageNote = (leverage: number): string => (leverage === 1 ? '' : ` (notional x ${leverage} leverage)`)
