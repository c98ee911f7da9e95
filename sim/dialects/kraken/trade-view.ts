// One of our fills as Kraken's TradesHistory / QueryTrades report it, keyed by its trade txid.
import { div, mul } from '../../../domain/money.js'
import type { SimFill, SimOrder } from '../../engine/types.js'
import { fixed, seconds } from './format.js'
import { KRAKEN_ORDER_TYPES } from './order-view.js'
import type { KrakenPair } from './pairs.js'
import { encodeTxid } from './txid.js'

export function tradeView(fill: SimFill, order: SimOrder | undefined, pair: KrakenPair): Record<string, unknown> {
  const cost = mul(fill.price, fill.amount)
  const leverage = order?.leverage !== undefined && order.leverage > 1 ? order.leverage : undefined
  const feeDecimals = fill.feeAsset === pair.market.base ? pair.base.decimals : pair.costDecimals
  return {
    ordertxid: encodeTxid('order', fill.orderId),
    postxid: encodeTxid('posting', fill.id),
    pair: pair.id,
    time: seconds(fill.time),
    type: fill.side,
    ordertype: order ? KRAKEN_ORDER_TYPES[order.type] : 'limit',
    price: fixed(fill.price, pair.pairDecimals + 4),
    cost: fixed(cost, pair.costDecimals),
    fee: fixed(fill.fee, feeDecimals),
    vol: fixed(fill.amount, pair.lotDecimals),
    margin: fixed(leverage ? div(cost, leverage) : '0', pair.costDecimals),
    leverage: leverage ? String(leverage) : '0',
    misc: '',
    trade_id: fill.id,
    maker: fill.liquidity === 'maker',
  }
}
