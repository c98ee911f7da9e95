// Reads a Binance new-order request (POST /api/v3/order, POST /fapi/v1/order) into the engine's order params,
// checking parameters and symbol filters first so that a bad order gets Binance's own error, in Binance's
// order of checks: mandatory and illegal parameters, then PRICE_FILTER, LOT_SIZE, NOTIONAL.

import { cmp, dec, mul } from '../../../domain/money.js'
import type { Side } from '../../../domain/types.js'
import type { SimMarket, SimOrderParams, SimOrderType, SimTimeInForce } from '../../engine/types.js'
import { BinanceApiError, filterFailure, illegalParam, paramNotRequired } from './errors.js'
import type { BinanceParams } from './params.js'

export type NewOrderRespType = 'ACK' | 'RESULT' | 'FULL'

export interface BinanceOrderRequest {
  params: SimOrderParams
  respType: NewOrderRespType
}

const CLIENT_ORDER_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/

const SPOT_TYPES: Record<string, { type: SimOrderType; postOnly: boolean }> = {
  LIMIT: { type: 'limit', postOnly: false },
  LIMIT_MAKER: { type: 'limit', postOnly: true },
  MARKET: { type: 'market', postOnly: false },
  STOP_LOSS: { type: 'stop_loss', postOnly: false },
  STOP_LOSS_LIMIT: { type: 'stop_loss_limit', postOnly: false },
  TAKE_PROFIT: { type: 'take_profit', postOnly: false },
  TAKE_PROFIT_LIMIT: { type: 'take_profit_limit', postOnly: false },
}

/** USD-M conditional types live on the algo-order endpoint since 2025-12-09. */
const FUTURES_ALGO_TYPES = ['STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET']

const isMultipleOf = (value: string, step: string): boolean => dec(step).isZero() || dec(value).mod(step).isZero()

function sideOf(params: BinanceParams): Side {
  const side = params.requiredString('side')
  if (side === 'BUY') return 'buy'
  if (side === 'SELL') return 'sell'
  throw new BinanceApiError(400, -1117, 'Invalid side.')
}

function clientOrderIdOf(params: BinanceParams): string | undefined {
  const id = params.string('newClientOrderId')
  if (id !== undefined && !CLIENT_ORDER_ID.test(id)) illegal('newClientOrderId', '^[\\.A-Z\\:/a-z0-9_-]{1,36}$')
  return id
}

function illegal(name: string, legal: string): never {
  throw illegalParam(name, legal)
}

function respTypeOf(params: BinanceParams, fallback: NewOrderRespType, allowed: NewOrderRespType[]): NewOrderRespType {
  const value = params.string('newOrderRespType')
  if (value === undefined) return fallback
  if (!(allowed as string[]).includes(value)) illegal('newOrderRespType', allowed.join(', '))
  return value as NewOrderRespType
}

function forbid(params: BinanceParams, ...names: string[]): void {
  for (const name of names) if (params.has(name)) throw paramNotRequired(name)
}

function spotPriceFilter(price: string, market: SimMarket): void {
  if (cmp(price, market.tickSize) < 0 || !isMultipleOf(price, market.tickSize)) throw filterFailure('PRICE_FILTER')
}

function spotLotSize(quantity: string, market: SimMarket): void {
  const offMin = dec(quantity).minus(market.minQty)
  if (offMin.isNegative() || cmp(quantity, market.maxQty) > 0 || !isMultipleOf(offMin.toFixed(), market.stepSize)) {
    throw filterFailure('LOT_SIZE')
  }
}

/** `mid` is the reference price Binance's NOTIONAL filter uses for market orders (its average price). */
export function readSpotOrder(params: BinanceParams, market: SimMarket, mid: string): BinanceOrderRequest {
  const side = sideOf(params)
  const typeName = params.requiredString('type')
  const spec = SPOT_TYPES[typeName]
  if (spec === undefined) throw new BinanceApiError(400, -1116, 'Invalid orderType.')
  const { type, postOnly } = spec
  const isLimit = type === 'limit' || type === 'stop_loss_limit' || type === 'take_profit_limit'
  const isTrigger = type !== 'limit' && type !== 'market'

  let timeInForce: SimTimeInForce | undefined
  if (isLimit && !postOnly) {
    const value = params.requiredString('timeInForce')
    if (value !== 'GTC' && value !== 'IOC' && value !== 'FOK')
      throw new BinanceApiError(400, -1115, 'Invalid timeInForce.')
    timeInForce = value
  } else {
    forbid(params, 'timeInForce')
  }
  const price = isLimit ? params.requiredDecimal('price') : undefined
  if (!isLimit) forbid(params, 'price')
  const triggerPrice = isTrigger ? params.requiredDecimal('stopPrice') : undefined
  if (!isTrigger) forbid(params, 'stopPrice')

  let quantity = params.decimal('quantity')
  const quoteOrderQty = type === 'market' ? params.decimal('quoteOrderQty') : undefined
  if (type !== 'market') forbid(params, 'quoteOrderQty')
  if (quantity !== undefined && quoteOrderQty !== undefined) throw paramNotRequired('quoteOrderQty')
  if (quantity === undefined && quoteOrderQty === undefined) {
    if (type === 'market') {
      throw new BinanceApiError(
        400,
        -1102,
        "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!"
      )
    }
    quantity = params.requiredDecimal('quantity')
  }
  const clientOrderId = clientOrderIdOf(params)
  const respType = respTypeOf(params, type === 'market' || type === 'limit' ? 'FULL' : 'ACK', ['ACK', 'RESULT', 'FULL'])

  if (price !== undefined) spotPriceFilter(price, market)
  if (triggerPrice !== undefined) spotPriceFilter(triggerPrice, market)
  if (quantity !== undefined) spotLotSize(quantity, market)
  const notional = quoteOrderQty ?? mul(quantity ?? '0', price ?? mid)
  if (cmp(notional, market.minNotional) < 0) throw filterFailure('NOTIONAL')

  return {
    respType,
    params: {
      symbol: market.symbol,
      side,
      type,
      ...(quantity !== undefined ? { amount: quantity } : {}),
      ...(quoteOrderQty !== undefined ? { quoteAmount: quoteOrderQty } : {}),
      ...(price !== undefined ? { price } : {}),
      ...(triggerPrice !== undefined ? { triggerPrice } : {}),
      ...(timeInForce !== undefined ? { timeInForce } : {}),
      postOnly,
      ...(clientOrderId !== undefined ? { clientOrderId } : {}),
    },
  }
}

function futuresPriceFilter(price: string, market: SimMarket): void {
  if (cmp(price, market.tickSize) < 0) throw new BinanceApiError(400, -4013, 'Price less than min price.')
  if (!isMultipleOf(price, market.tickSize)) throw new BinanceApiError(400, -4014, 'Price not increased by tick size.')
}

function futuresLotSize(quantity: string, market: SimMarket): void {
  if (cmp(quantity, 0) <= 0) throw new BinanceApiError(400, -4003, 'Quantity less than or equal to zero.')
  if (!isMultipleOf(quantity, market.stepSize)) {
    throw new BinanceApiError(400, -1111, 'Precision is over the maximum defined for this asset.')
  }
  if (cmp(quantity, market.minQty) < 0) throw new BinanceApiError(400, -4004, 'Quantity less than min quantity.')
  if (cmp(quantity, market.maxQty) > 0) throw new BinanceApiError(400, -4005, 'Quantity greater than max quantity.')
}

export function readFuturesOrder(params: BinanceParams, market: SimMarket, mid: string): BinanceOrderRequest {
  const side = sideOf(params)
  const typeName = params.requiredString('type')
  if (FUTURES_ALGO_TYPES.includes(typeName)) {
    throw new BinanceApiError(
      400,
      -4120,
      'Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.'
    )
  }
  if (typeName !== 'LIMIT' && typeName !== 'MARKET') throw new BinanceApiError(400, -1116, 'Invalid orderType.')
  const type: SimOrderType = typeName === 'LIMIT' ? 'limit' : 'market'
  const positionSide = params.string('positionSide') ?? 'BOTH'
  if (positionSide !== 'BOTH') {
    throw new BinanceApiError(400, -4061, "Order's position side does not match user's setting.")
  }

  let timeInForce: SimTimeInForce | undefined
  let postOnly = false
  let price: string | undefined
  if (type === 'limit') {
    const value = params.requiredString('timeInForce')
    if (value === 'GTX') postOnly = true
    else if (value === 'GTC' || value === 'IOC' || value === 'FOK') timeInForce = value
    else throw new BinanceApiError(400, -1115, 'Invalid timeInForce.')
    price = params.requiredDecimal('price')
  } else {
    forbid(params, 'price')
  }
  const quantity = params.requiredDecimal('quantity')
  const reduceOnly = params.boolean('reduceOnly') ?? false
  const clientOrderId = clientOrderIdOf(params)
  const respType = respTypeOf(params, 'ACK', ['ACK', 'RESULT'])

  if (price !== undefined) futuresPriceFilter(price, market)
  futuresLotSize(quantity, market)
  if (!reduceOnly && cmp(mul(quantity, price ?? mid), market.minNotional) < 0) {
    throw new BinanceApiError(
      400,
      -4164,
      `Order's notional must be no smaller than ${market.minNotional} (unless you choose reduce only).`
    )
  }

  return {
    respType,
    params: {
      symbol: market.symbol,
      side,
      type,
      amount: quantity,
      ...(price !== undefined ? { price } : {}),
      ...(timeInForce !== undefined ? { timeInForce } : {}),
      postOnly,
      reduceOnly,
      ...(clientOrderId !== undefined ? { clientOrderId } : {}),
    },
  }
}
