// ccxt params for Kraken's order kinds: time in force (GTC and IOC; FOK and GTD without an expiry have no
// Kraken equivalent here), margin leverage, and the stop-loss / take-profit conditional orders.
import type { OrderRequest } from '../../domain/types.js'
import type { ConditionalOrderRequest } from '../connector.js'

/** Why Kraken cannot take this time in force, or undefined. */
export function timeInForceProblem(request: OrderRequest): string | undefined {
  const tif = request.timeInForce
  if (request.type !== 'limit' || tif === undefined || tif === 'GTC' || tif === 'IOC') return undefined
  return `time in force ${tif} is not offered by kraken (GTC or IOC)`
}

export function limitOrderParams(request: OrderRequest, clientOrderId: string): Record<string, unknown> {
  const params: Record<string, unknown> = { clientOrderId }
  if (request.type !== 'limit') return params
  if (request.timeInForce !== undefined) params['timeInForce'] = request.timeInForce
  if (request.postOnly === true) params['postOnly'] = true
  return params
}

/** The unified order type ccxt needs for a Kraken conditional type, and which trigger param carries the price. */
export function conditionalShape(type: ConditionalOrderRequest['type']): {
  ccxtType: 'market' | 'limit'
  triggerParam: 'stopLossPrice' | 'takeProfitPrice'
} {
  return {
    ccxtType: type.endsWith('-limit') ? 'limit' : 'market',
    triggerParam: type.startsWith('stop-loss') ? 'stopLossPrice' : 'takeProfitPrice',
  }
}
