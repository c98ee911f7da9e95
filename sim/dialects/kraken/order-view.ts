// An engine order as Kraken reports it in QueryOrders / OpenOrders / ClosedOrders, and the positional
// description text (descr.order) that ccxt parses word by word (quirk 6): spaces, not dashes, and the altname.
import { div, isPositive } from '../../../domain/money.js'
import type { SimOrder, SimOrderStatus, SimOrderType } from '../../engine/types.js'
import { fixed, seconds } from './format.js'
import type { KrakenPair } from './pairs.js'
import { encodeTxid } from './txid.js'

export const KRAKEN_ORDER_TYPES: Record<SimOrderType, string> = {
  market: 'market',
  limit: 'limit',
  stop_loss: 'stop-loss',
  stop_loss_limit: 'stop-loss-limit',
  take_profit: 'take-profit',
  take_profit_limit: 'take-profit-limit',
}

const KRAKEN_STATUS: Record<SimOrderStatus, string> = {
  new: 'open',
  partially_filled: 'open',
  // a conditional order waiting for its trigger is listed among open orders
  pending_trigger: 'open',
  filled: 'closed',
  canceled: 'canceled',
  expired: 'expired',
  rejected: 'canceled',
}

export const isOpenStatus = (status: SimOrderStatus): boolean => KRAKEN_STATUS[status] === 'open'

/** What an order describes itself as; `amount` is the base volume, or the quote volume for viqc orders. */
export interface OrderShape {
  side: string
  type: SimOrderType
  amount: string
  amountDecimals: number
  price?: string
  triggerPrice?: string
  leverage?: number
}

const ZERO_PRICE = '0'

/** descr.price and descr.price2: the trigger for conditional orders, the limit in price2 for their -limit kind. */
export function descrPrices(shape: OrderShape, pair: KrakenPair): { price: string; price2: string } {
  const fmt = (p: string | undefined): string => (p === undefined ? ZERO_PRICE : fixed(p, pair.pairDecimals))
  switch (shape.type) {
    case 'market':
      return { price: ZERO_PRICE, price2: ZERO_PRICE }
    case 'limit':
      return { price: fmt(shape.price), price2: ZERO_PRICE }
    case 'stop_loss':
    case 'take_profit':
      return { price: fmt(shape.triggerPrice), price2: ZERO_PRICE }
    case 'stop_loss_limit':
    case 'take_profit_limit':
      return { price: fmt(shape.triggerPrice), price2: fmt(shape.price) }
  }
}

/** "buy 0.01000000 XBTUSD @ stop loss 29000.0 -> limit 28900.0 with 2:1 leverage" */
export function describeOrder(shape: OrderShape, pair: KrakenPair): string {
  const { price, price2 } = descrPrices(shape, pair)
  const kinds: Record<SimOrderType, string> = {
    market: 'market',
    limit: `limit ${price}`,
    stop_loss: `stop loss ${price}`,
    stop_loss_limit: `stop loss ${price} -> limit ${price2}`,
    take_profit: `take profit ${price}`,
    take_profit_limit: `take profit ${price} -> limit ${price2}`,
  }
  const leverage = shape.leverage !== undefined && shape.leverage > 1 ? ` with ${shape.leverage}:1 leverage` : ''
  return `${shape.side} ${fixed(shape.amount, shape.amountDecimals)} ${pair.altname} @ ${kinds[shape.type]}${leverage}`
}

export function orderShape(order: SimOrder, pair: KrakenPair): OrderShape {
  const inQuote = order.quoteAmount !== undefined
  return {
    side: order.side,
    type: order.type,
    amount: inQuote ? (order.quoteAmount ?? '0') : order.amount,
    amountDecimals: inQuote ? pair.costDecimals : pair.lotDecimals,
    price: order.price,
    triggerPrice: order.triggerPrice,
    leverage: order.leverage,
  }
}

/** Kraken's order flags: post-only, fee currency (fcib = fee in base, fciq = in quote), volume in quote. */
export function orderFlags(order: SimOrder, pair: KrakenPair): string {
  const flags: string[] = []
  if (order.postOnly) flags.push('post')
  flags.push(order.feeAsset === pair.market.base ? 'fcib' : 'fciq')
  if (order.quoteAmount !== undefined) flags.push('viqc')
  return flags.join(',')
}

export interface OrderViewOptions {
  userref?: number
  /** QueryOrders/OpenOrders/ClosedOrders with trades=true list the order's trade ids. */
  withTrades: boolean
}

export function orderView(order: SimOrder, pair: KrakenPair, options: OrderViewOptions): Record<string, unknown> {
  const shape = orderShape(order, pair)
  const { price, price2 } = descrPrices(shape, pair)
  const status = KRAKEN_STATUS[order.status]
  const closed = status !== 'open'
  const priceScale = pair.pairDecimals + 4
  const feeDecimals = order.feeAsset === pair.market.base ? pair.base.decimals : pair.costDecimals
  const isLimitKind = order.type === 'stop_loss_limit' || order.type === 'take_profit_limit'
  const view: Record<string, unknown> = {
    refid: null,
    userref: options.userref ?? 0,
    ...(order.clientOrderId !== undefined && { cl_ord_id: order.clientOrderId }),
    status,
    opentm: seconds(order.createdAt),
    starttm: 0,
    expiretm: order.expireAt !== undefined ? seconds(order.expireAt) : 0,
    descr: {
      pair: pair.altname,
      type: order.side,
      ordertype: KRAKEN_ORDER_TYPES[order.type],
      price,
      price2,
      leverage: order.leverage !== undefined && order.leverage > 1 ? `${order.leverage}:1` : 'none',
      order: describeOrder(shape, pair),
      close: '',
    },
    vol: fixed(shape.amount, shape.amountDecimals),
    vol_exec: fixed(order.filled, pair.lotDecimals),
    cost: fixed(order.filledQuote, pair.costDecimals),
    fee: fixed(order.fee, feeDecimals),
    price: fixed(isPositive(order.filled) ? div(order.filledQuote, order.filled) : '0', priceScale),
    stopprice: fixed(order.triggerPrice ?? '0', priceScale),
    limitprice: fixed(isLimitKind && order.price !== undefined ? order.price : '0', priceScale),
    misc: '',
    oflags: orderFlags(order, pair),
    margin: order.leverage !== undefined && order.leverage > 1,
    ...(order.reduceOnly && { reduce_only: true }),
  }
  if (options.withTrades && order.fills.length > 0) view['trades'] = order.fills.map((f) => encodeTxid('trade', f.id))
  if (closed) {
    view['closetm'] = seconds(order.updatedAt)
    const canceled = order.status === 'canceled' || order.status === 'rejected'
    view['reason'] = canceled ? (order.rejectReason ?? 'User requested') : null
  }
  return view
}
