// Which kind of order a spec is, and what each venue can take: pure rules shared by the API's validation (a 400
// naming the field) and the activity that sends the order (activities/send-order.ts), so the two never disagree.
import { CONDITIONAL_ORDER_TYPES, type ConditionalOrderType, type ExchangeId, type OrderSpec } from './types.js'

export const isConditional = (type: string): type is ConditionalOrderType =>
  (CONDITIONAL_ORDER_TYPES as readonly string[]).includes(type)

/** A USD-M perpetual: BTC/USDT:USDT. */
export const isPerpetual = (symbol: string): boolean => symbol.includes(':')

/** The kind of order, as the Temporal UI's OrderType search attribute and the summaries say it. */
export function orderKind(spec: Pick<OrderSpec, 'type' | 'symbol' | 'leverage' | 'timeInForce'>): string {
  if (isConditional(spec.type)) return spec.type
  if (isPerpetual(spec.symbol)) return `futures-${spec.type}`
  if (spec.leverage !== undefined) return `margin-${spec.type}`
  if (spec.timeInForce === 'GTT') return `${spec.type}-gtt`
  return spec.type
}

export interface OrderKindProblem {
  field: string
  message: string
}

/** What `exchange` cannot take of `spec`, naming the field; undefined when it can take all of it. */
export function orderKindProblem(exchange: ExchangeId, spec: OrderSpec): OrderKindProblem | undefined {
  const perpetual = isPerpetual(spec.symbol)
  if (perpetual && exchange !== 'binance') {
    return { field: 'symbol', message: `perpetuals (${spec.symbol}) trade on binance only (USD-M futures)` }
  }
  if (isConditional(spec.type)) {
    if (exchange !== 'kraken') return { field: 'type', message: `${spec.type} orders are placed on kraken only` }
    if (spec.triggerPrice === undefined)
      return { field: 'triggerPrice', message: `is required for a ${spec.type} order` }
    if (spec.type.endsWith('-limit') && spec.price === undefined) {
      return { field: 'price', message: `is required for a ${spec.type} order (the limit once triggered)` }
    }
    if (!spec.type.endsWith('-limit') && spec.price !== undefined) {
      return { field: 'price', message: `is not taken by a ${spec.type} order (it fills at market once triggered)` }
    }
    if (spec.timeInForce !== undefined || spec.postOnly === true) {
      return {
        field: 'timeInForce',
        message: `a ${spec.type} order rests until triggered: no time in force or post-only`,
      }
    }
  } else if (spec.triggerPrice !== undefined) {
    return { field: 'triggerPrice', message: 'is only for stop-loss and take-profit orders' }
  }
  if (spec.leverage !== undefined) {
    if (exchange === 'coinbase') return { field: 'leverage', message: 'coinbase trades spot only: no leverage' }
    if (exchange === 'binance' && !perpetual) {
      return { field: 'leverage', message: 'binance takes leverage on perpetuals only (a symbol like BTC/USDT:USDT)' }
    }
  }
  if (spec.reduceOnly === true) {
    const position = perpetual || (exchange === 'kraken' && spec.leverage !== undefined)
    if (!position) {
      return {
        field: 'reduceOnly',
        message: 'is only for a perpetual (binance) or a margin order with leverage (kraken)',
      }
    }
  }
  if (spec.timeInForce === 'GTT') {
    if (exchange !== 'coinbase') {
      return {
        field: 'timeInForce',
        message: 'GTT is taken by coinbase only; elsewhere set expireAt (a durable timer)',
      }
    }
    if (spec.cancelAfter === undefined)
      return { field: 'cancelAfter', message: 'is required for GTT: min, hour or day' }
  } else if (spec.cancelAfter !== undefined) {
    return { field: 'cancelAfter', message: 'is only taken with timeInForce GTT' }
  }
  return undefined
}
