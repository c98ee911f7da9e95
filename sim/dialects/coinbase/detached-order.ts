// Orders the engine refused but Coinbase Exchange still answers with an order object: a post-only order that
// would cross is `rejected` (reject_reason "post only"); an FOK that cannot fill, or a market order against an
// empty book, is accepted and then done/canceled without fills.
import type { SimOrder, SimOrderParams } from '../../engine/types.js'
import { nameUuid } from './ids.js'
import type { CoinbaseState } from './state.js'

export type DetachedOutcome = 'rejected' | 'canceled'

export function recordDetachedOrder(
  state: CoinbaseState,
  owner: string,
  params: SimOrderParams,
  outcome: DetachedOutcome,
  reason: string
): { order: SimOrder; uuid: string } {
  const time = state.now()
  const uuid = nameUuid(`detached:${owner}:${state.detached.size}`)
  const market = state.engine.market(params.symbol)
  const order: SimOrder = {
    id: -(state.detached.size + 1),
    ...(params.clientOrderId !== undefined && { clientOrderId: params.clientOrderId }),
    owner,
    symbol: params.symbol,
    side: params.side,
    type: params.type,
    timeInForce: params.timeInForce ?? 'GTC',
    postOnly: params.postOnly ?? false,
    amount: params.amount ?? '0',
    ...(params.quoteAmount !== undefined && { quoteAmount: params.quoteAmount }),
    ...(params.price !== undefined && { price: params.price }),
    status: outcome,
    filled: '0',
    filledQuote: '0',
    fee: '0',
    feeAsset: market?.quote ?? '',
    reduceOnly: false,
    ...(params.expireAt !== undefined && { expireAt: params.expireAt }),
    rejectReason: reason,
    createdAt: time,
    updatedAt: time,
    fills: [],
  }
  state.detached.set(uuid, order)
  return { order, uuid }
}
