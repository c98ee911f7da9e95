// POST /orders body → engine order parameters, with Coinbase Exchange's own validation and messages. Messages
// that ccxt maps (wire-formats §2.5) are kept verbatim: "size is too small…" and "price too precise…" → InvalidOrder,
// "Product not found" → InvalidOrder.
import { ceilToStep, cmp, dec, div, isDecimalString, isPositive } from '../../../domain/money.js'
import type { Side } from '../../../domain/types.js'
import type { SimResponse } from '../../dialect.js'
import type { SimMarket, SimOrderParams, SimTimeInForce } from '../../engine/types.js'
import { badRequest } from './errors.js'
import { symbolOf } from './format.js'
import { isUuid } from './ids.js'

const TIMES_IN_FORCE: readonly SimTimeInForce[] = ['GTC', 'GTT', 'IOC', 'FOK']
const CANCEL_AFTER_MS: Record<string, number> = { min: 60_000, hour: 3_600_000, day: 86_400_000 }

export type OrderRequestResult = { params: SimOrderParams; market: SimMarket } | { error: SimResponse }

type Body = Record<string, unknown>

const text = (body: Body, key: string): string | undefined => {
  const value = body[key]
  if (typeof value === 'string') return value
  return typeof value === 'number' ? String(value) : undefined
}

export function parseOrderRequest(
  rawBody: string,
  findMarket: (symbol: string) => SimMarket | undefined,
  now: number
): OrderRequestResult {
  let body: Body
  try {
    const parsed: unknown = JSON.parse(rawBody)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object')
    body = parsed as Body
  } catch {
    return { error: badRequest('Invalid JSON') }
  }
  const side = text(body, 'side')
  if (side !== 'buy' && side !== 'sell') return { error: badRequest('Invalid side') }
  const symbol = symbolOf(text(body, 'product_id') ?? '')
  const market = symbol === undefined ? undefined : findMarket(symbol)
  if (market === undefined || market.kind !== 'spot') return { error: badRequest('Product not found') }
  const type = text(body, 'type') ?? 'limit'
  if (type !== 'limit' && type !== 'market') return { error: badRequest('Invalid order type') }
  if (body['stop'] !== undefined || body['stop_price'] !== undefined) {
    return { error: badRequest('stop orders are not supported by this venue simulator') }
  }
  // client_oid is a UUID, stored as one: letter case does not make another id
  const clientOrderId = text(body, 'client_oid')?.toLowerCase()
  if (clientOrderId !== undefined && !isUuid(clientOrderId)) return { error: badRequest('Invalid client_oid') }
  const common = { symbol: market.symbol, side: side as Side, ...(clientOrderId !== undefined && { clientOrderId }) }
  const result = type === 'limit' ? limitParams(body, market, now) : marketParams(body, market)
  if ('error' in result) return result
  return { params: { ...common, ...result.params }, market }
}

type SubParams = { params: Omit<SimOrderParams, 'symbol' | 'side'> } | { error: SimResponse }

function limitParams(body: Body, market: SimMarket, now: number): SubParams {
  const price = text(body, 'price')
  const size = text(body, 'size')
  if (price === undefined || !isDecimalString(price) || !isPositive(price))
    return { error: badRequest('Invalid price') }
  if (size === undefined || !isDecimalString(size) || !isPositive(size)) return { error: badRequest('Invalid size') }
  if (!dec(price).mod(market.tickSize).isZero()) {
    return { error: badRequest(`price too precise. Smallest unit is ${market.tickSize}`) }
  }
  const sizeError = validateSize(size, market)
  if (sizeError) return { error: sizeError }
  if (cmp(dec(price).times(size), market.minNotional) < 0) {
    const minimum = ceilToStep(div(market.minNotional, price), market.stepSize)
    return { error: badRequest(`size is too small. Minimum size is ${minimum}`) }
  }
  const timing = timeInForceParams(body, now)
  if ('error' in timing) return timing
  return { params: { type: 'limit', price, amount: size, ...timing.params } }
}

type TimingParams = { params: Pick<SimOrderParams, 'timeInForce' | 'postOnly' | 'expireAt'> } | { error: SimResponse }

function timeInForceParams(body: Body, now: number): TimingParams {
  const timeInForce = (text(body, 'time_in_force') ?? 'GTC') as SimTimeInForce
  if (!TIMES_IN_FORCE.includes(timeInForce)) return { error: badRequest('Invalid time_in_force') }
  const postOnly = body['post_only'] === true || body['post_only'] === 'true'
  if (postOnly && (timeInForce === 'IOC' || timeInForce === 'FOK')) {
    return { error: badRequest('post_only is invalid with time_in_force IOC or FOK') }
  }
  const cancelAfter = text(body, 'cancel_after')
  if (cancelAfter !== undefined && timeInForce !== 'GTT') {
    return { error: badRequest('cancel_after requires time_in_force GTT') }
  }
  if (timeInForce !== 'GTT') return { params: { timeInForce, postOnly } }
  const lifetimeMs = cancelAfter === undefined ? undefined : CANCEL_AFTER_MS[cancelAfter]
  if (lifetimeMs === undefined) return { error: badRequest('Invalid cancel_after: use min, hour or day') }
  return { params: { timeInForce, postOnly, expireAt: now + lifetimeMs } }
}

function marketParams(body: Body, market: SimMarket): SubParams {
  const size = text(body, 'size')
  const funds = text(body, 'funds')
  if ((size === undefined) === (funds === undefined)) {
    return { error: badRequest('market orders require exactly one of size or funds') }
  }
  if (size !== undefined) {
    if (!isDecimalString(size) || !isPositive(size)) return { error: badRequest('Invalid size') }
    const sizeError = validateSize(size, market)
    return sizeError ? { error: sizeError } : { params: { type: 'market', amount: size } }
  }
  if (!isDecimalString(funds) || !isPositive(funds)) return { error: badRequest('Invalid funds') }
  if (body['side'] === 'sell') return { error: badRequest('funds is supported for market buys only') }
  if (!dec(funds).mod(market.tickSize).isZero()) {
    return { error: badRequest(`funds is too accurate. Smallest unit is ${market.tickSize}`) }
  }
  if (cmp(funds, market.minNotional) < 0) {
    return { error: badRequest(`funds is too small. Minimum funds is ${market.minNotional}`) }
  }
  return { params: { type: 'market', quoteAmount: funds } }
}

function validateSize(size: string, market: SimMarket): SimResponse | undefined {
  if (!dec(size).mod(market.stepSize).isZero()) {
    return badRequest(`size is too accurate. Smallest unit is ${market.stepSize}`)
  }
  if (cmp(size, market.minQty) < 0) return badRequest(`size is too small. Minimum size is ${market.minQty}`)
  if (isPositive(market.maxQty) && cmp(size, market.maxQty) > 0)
    return badRequest(`size is too large. Maximum size is ${market.maxQty}`)
  return undefined
}
