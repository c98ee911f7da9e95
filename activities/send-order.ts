// Sends one order spec to the connector method that places its kind: a perpetual through Binance's futures API, a
// leveraged Kraken order as a margin order, a stop-loss or take-profit as Kraken's conditional order, a GTT order
// through Coinbase's advanced options, anything else as a plain order. The client order id, the send deadline and the
// cancellation signal go with every kind alike, so exactly-once holds for all of them.
import { isConditional, isPerpetual, orderKindProblem } from '../domain/order-kinds.js'
import type { OrderRequest, OrderSpec, UnifiedOrder } from '../domain/types.js'
import type { AnyConnector, SendOptions } from '../exchanges/connector.js'
import { InvalidOrderError } from '../exchanges/errors.js'

export async function sendOrder(
  connector: AnyConnector,
  spec: OrderSpec & { clientOrderId: string },
  options: SendOptions
): Promise<UnifiedOrder> {
  const problem = orderKindProblem(connector.id, spec)
  if (problem) {
    throw new InvalidOrderError(`${problem.field}: ${problem.message}`, {
      exchange: connector.id,
      operation: 'placeOrder',
    })
  }
  const { type, reduceOnly, leverage, triggerPrice, cancelAfter, ...rest } = spec
  if (isConditional(type)) {
    if (connector.id !== 'kraken') throw new Error('unreachable: conditional orders are kraken only')
    return connector.placeConditionalOrder(
      {
        symbol: spec.symbol,
        side: spec.side,
        amount: spec.amount,
        type,
        triggerPrice: triggerPrice!,
        ...(spec.price !== undefined && { limitPrice: spec.price }),
        clientOrderId: spec.clientOrderId,
      },
      options
    )
  }
  const plain: OrderRequest = { ...rest, type }
  if (connector.id === 'binance' && isPerpetual(spec.symbol)) {
    return connector.placeFuturesOrder({ ...plain, ...(reduceOnly !== undefined && { reduceOnly }) }, options)
  }
  if (connector.id === 'kraken' && leverage !== undefined) {
    return connector.placeMarginOrder({ ...plain, leverage, ...(reduceOnly !== undefined && { reduceOnly }) }, options)
  }
  if (connector.id === 'coinbase' && (spec.timeInForce === 'GTT' || cancelAfter !== undefined)) {
    return connector.placeAdvancedOrder({ ...plain, ...(cancelAfter !== undefined && { cancelAfter }) }, options)
  }
  return connector.placeOrder(plain, options)
}
