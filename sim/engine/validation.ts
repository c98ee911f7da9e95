// Pure order validation against a market's filters; returns the order's normalised shape or throws SimError.
import { cmp, dec, isDecimalString, mul } from '../../domain/money.js'
import type { DecimalString, Side } from '../../domain/types.js'
import { SimError, type SimMarket, type SimOrderParams, type SimOrderType, type SimTimeInForce } from './types.js'

export interface ValidOrder {
  symbol: string
  side: Side
  type: SimOrderType
  timeInForce: SimTimeInForce
  postOnly: boolean
  amount?: DecimalString
  quoteAmount?: DecimalString
  price?: DecimalString
  triggerPrice?: DecimalString
  expireAt?: number
  clientOrderId?: string
  /** Set for orders that trade a position (perps, spot margin) instead of spot balances. */
  leverage?: number
  reduceOnly: boolean
}

export interface ValidationContext {
  now: number
  /** Reference price for market-order notional checks. */
  mid: DecimalString
  /** The account's leverage setting for the symbol (perps). */
  accountLeverage: number
}

const ORDER_TYPES: readonly SimOrderType[] = [
  'market',
  'limit',
  'stop_loss',
  'stop_loss_limit',
  'take_profit',
  'take_profit_limit',
]
const LIMIT_TYPES: readonly SimOrderType[] = ['limit', 'stop_loss_limit', 'take_profit_limit']
const TRIGGER_TYPES: readonly SimOrderType[] = ['stop_loss', 'stop_loss_limit', 'take_profit', 'take_profit_limit']

const invalid = (message: string): SimError => new SimError('INVALID_ORDER', message)
const isMultiple = (value: DecimalString, step: DecimalString): boolean => dec(value).mod(step).isZero()

export const isLimitType = (type: SimOrderType): boolean => LIMIT_TYPES.includes(type)
export const isTriggerType = (type: SimOrderType): boolean => TRIGGER_TYPES.includes(type)

function positivePrice(name: string, value: DecimalString | undefined, market: SimMarket): DecimalString {
  if (value === undefined) throw invalid(`${name} is required for this order type`)
  if (!isDecimalString(value) || cmp(value, 0) <= 0) throw invalid(`${name} must be a positive decimal`)
  if (!isMultiple(value, market.tickSize)) {
    throw invalid(`${name} ${value} is not a multiple of tick ${market.tickSize}`)
  }
  return value
}

function checkAmount(amount: DecimalString, market: SimMarket): void {
  if (!isDecimalString(amount) || cmp(amount, 0) <= 0) throw invalid('amount must be a positive decimal')
  if (!isMultiple(amount, market.stepSize)) {
    throw invalid(`amount ${amount} is not a multiple of step ${market.stepSize}`)
  }
  if (cmp(amount, market.minQty) < 0) throw invalid(`amount ${amount} is below the minimum ${market.minQty}`)
  if (cmp(amount, market.maxQty) > 0) throw invalid(`amount ${amount} is above the maximum ${market.maxQty}`)
}

function leverageOf(market: SimMarket, params: SimOrderParams, context: ValidationContext): number | undefined {
  const requested = params.leverage
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 1)) {
    throw new SimError('INVALID_LEVERAGE', `leverage must be an integer of at least 1, got ${requested}`)
  }
  if (market.kind === 'perp') {
    const leverage = requested ?? context.accountLeverage
    if (leverage > market.maxLeverage) {
      throw new SimError('INVALID_LEVERAGE', `leverage ${leverage} exceeds the maximum ${market.maxLeverage}`)
    }
    return leverage
  }
  if (requested === undefined || requested === 1) return undefined
  if (!market.marginEnabled) throw new SimError('MARGIN_NOT_ALLOWED', `${market.symbol} does not allow margin`)
  if (requested > market.maxLeverage) {
    throw new SimError('INVALID_LEVERAGE', `leverage ${requested} exceeds the maximum ${market.maxLeverage}`)
  }
  return requested
}

function timeInForceOf(params: SimOrderParams, context: ValidationContext): SimTimeInForce {
  if (params.type === 'market' || params.type === 'stop_loss' || params.type === 'take_profit') return 'IOC'
  const timeInForce = params.timeInForce ?? 'GTC'
  if (!['GTC', 'IOC', 'FOK', 'GTT'].includes(timeInForce)) throw invalid(`unknown timeInForce ${timeInForce}`)
  if (timeInForce === 'GTT' && (params.expireAt === undefined || params.expireAt <= context.now)) {
    throw invalid('GTT orders need an expireAt in the future')
  }
  if (params.postOnly && (timeInForce === 'IOC' || timeInForce === 'FOK')) {
    throw invalid(`postOnly cannot be combined with ${timeInForce}`)
  }
  return timeInForce
}

export function validateOrder(market: SimMarket, params: SimOrderParams, context: ValidationContext): ValidOrder {
  if (params.side !== 'buy' && params.side !== 'sell') throw invalid(`side must be buy or sell`)
  if (!ORDER_TYPES.includes(params.type)) throw invalid(`unknown order type ${String(params.type)}`)
  const price = isLimitType(params.type) ? positivePrice('price', params.price, market) : undefined
  const triggerPrice = isTriggerType(params.type)
    ? positivePrice('triggerPrice', params.triggerPrice, market)
    : undefined
  const leverage = leverageOf(market, params, context)
  if (params.reduceOnly && leverage === undefined) throw invalid('reduceOnly applies to positions only')
  if (params.postOnly && params.type !== 'limit') throw invalid('postOnly applies to limit orders only')

  let quoteAmount: DecimalString | undefined
  if (params.quoteAmount !== undefined) {
    if (params.type !== 'market' || params.side !== 'buy' || market.kind !== 'spot' || leverage !== undefined) {
      throw invalid('quoteAmount is accepted for spot market buys only')
    }
    if (params.amount !== undefined) throw invalid('send either amount or quoteAmount, not both')
    if (!isDecimalString(params.quoteAmount) || cmp(params.quoteAmount, 0) <= 0) {
      throw invalid('quoteAmount must be a positive decimal')
    }
    quoteAmount = params.quoteAmount
    if (cmp(quoteAmount, market.minNotional) < 0) {
      throw invalid(`notional ${quoteAmount} is below the minimum ${market.minNotional}`)
    }
  } else {
    if (params.amount === undefined) throw invalid('amount is required')
    checkAmount(params.amount, market)
    const notional = mul(params.amount, price ?? triggerPrice ?? context.mid)
    if (cmp(notional, market.minNotional) < 0) {
      throw invalid(`notional ${notional} is below the minimum ${market.minNotional}`)
    }
  }

  const timeInForce = timeInForceOf(params, context)
  return {
    symbol: market.symbol,
    side: params.side,
    type: params.type,
    timeInForce,
    postOnly: params.postOnly ?? false,
    amount: params.amount,
    quoteAmount,
    price,
    triggerPrice,
    expireAt: timeInForce === 'GTT' ? params.expireAt : undefined,
    clientOrderId: params.clientOrderId,
    leverage,
    reduceOnly: params.reduceOnly ?? false,
  }
}
