// AddOrder parameters -> engine order parameters, with Kraken's own validation and error strings.
// Pure: the engine is only asked for a mid price to check the cost minimum of orders without a price.
import { cmp, dec, mul } from '../../../domain/money.js'
import type { SimOrderParams, SimOrderType, SimTimeInForce } from '../../engine/types.js'
import { KrakenError } from './errors.js'
import type { OrderShape } from './order-view.js'
import type { KrakenPair, PairIndex } from './pairs.js'
import { type Params, isTrue } from './params.js'

export interface ParsedAddOrder {
  pair: KrakenPair
  order: SimOrderParams
  shape: OrderShape
  userref?: number
  /** validate=true: check everything, place nothing. */
  validateOnly: boolean
}

const ORDER_TYPES: Record<string, SimOrderType> = {
  market: 'market',
  limit: 'limit',
  'stop-loss': 'stop_loss',
  'stop-loss-limit': 'stop_loss_limit',
  'take-profit': 'take_profit',
  'take-profit-limit': 'take_profit_limit',
}
const KNOWN_FLAGS = new Set(['post', 'fcib', 'fciq', 'nompp', 'viqc'])
const PLAIN_DECIMAL = /^(\d+\.?\d*|\.\d+)$/
// cl_ord_id formats Kraken accepts: a long UUID, a short (32 hex) UUID, or free text up to 18 characters.
const LONG_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const SHORT_UUID = /^[0-9a-f]{32}$/i
const FREE_TEXT = /^[\x20-\x7e]{1,18}$/
const INT32_MAX = 2 ** 31 - 1

const invalid = (name: string): KrakenError => new KrakenError(`EGeneral:Invalid arguments:${name}`)

export function isValidClientOrderId(id: string): boolean {
  return LONG_UUID.test(id) || SHORT_UUID.test(id) || FREE_TEXT.test(id)
}

function positiveDecimal(params: Params, name: string): string | undefined {
  const raw = params[name]
  if (raw === undefined || raw === '') return undefined
  if (!PLAIN_DECIMAL.test(raw) || dec(raw).isZero()) throw invalid(name)
  return raw
}

function checkPriceScale(price: string, pair: KrakenPair): void {
  if (dec(price).decimalPlaces() > pair.pairDecimals) {
    throw new KrakenError(
      `EOrder:Invalid price:${pair.altname} price can only be specified up to ${pair.pairDecimals} decimals.`
    )
  }
  if (!dec(price).mod(pair.market.tickSize).isZero()) {
    throw new KrakenError(`EOrder:Invalid price:${pair.altname} price must be a multiple of ${pair.market.tickSize}.`)
  }
}

/** "none", "2" or "2:1"; undefined for no leverage. */
function parseLeverage(raw: string | undefined, pair: KrakenPair): number | undefined {
  if (raw === undefined || raw === '' || raw === 'none') return undefined
  const match = /^(\d+)(:1)?$/.exec(raw)
  if (!match) throw invalid('leverage')
  const leverage = Number(match[1])
  if (leverage <= 1) return undefined
  if (!pair.market.marginEnabled) throw new KrakenError('EOrder:Cannot open position')
  if (leverage > pair.market.maxLeverage) throw invalid('leverage')
  return leverage
}

function parseExpiry(raw: string | undefined, now: number): number | undefined {
  if (raw === undefined || raw === '' || raw === '0') return undefined
  const relative = raw.startsWith('+')
  const value = Number(relative ? raw.slice(1) : raw)
  if (!Number.isFinite(value) || value <= 0) throw invalid('expiretm')
  const expireAt = relative ? now + value * 1000 : value * 1000
  if (expireAt <= now) throw invalid('expiretm')
  return expireAt
}

function parseTimeInForce(raw: string | undefined, expireAt: number | undefined): SimTimeInForce {
  const tif = (raw ?? 'GTC').toUpperCase()
  if (tif === 'GTD') {
    if (expireAt === undefined) throw invalid('expiretm')
    return 'GTT'
  }
  if (tif === 'IOC') return 'IOC'
  if (tif === 'GTC') return expireAt === undefined ? 'GTC' : 'GTT'
  throw invalid('timeinforce')
}

function parseUserref(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined
  if (!/^-?\d+$/.test(raw) || Math.abs(Number(raw)) > INT32_MAX) throw invalid('userref')
  return Number(raw)
}

export function parseAddOrder(
  params: Params,
  pairs: PairIndex,
  now: number,
  mid: (symbol: string) => string
): ParsedAddOrder {
  const pair = params['pair'] === undefined ? undefined : pairs.resolve(params['pair'])
  if (!pair) throw new KrakenError('EQuery:Unknown asset pair')
  const side = params['type']
  if (side !== 'buy' && side !== 'sell') throw invalid('type')
  const type = ORDER_TYPES[params['ordertype'] ?? '']
  if (!type) throw invalid('ordertype')
  if (Object.keys(params).some((k) => k.startsWith('close['))) throw invalid('close')
  if (params['trigger'] === 'index') throw new KrakenError('EGeneral:Invalid arguments:Index unavailable')
  if (params['starttm'] !== undefined && !['', '0', '+0'].includes(params['starttm'])) throw invalid('starttm')

  const flags = (params['oflags'] ?? '').split(',').filter((f) => f !== '')
  if (flags.some((f) => !KNOWN_FLAGS.has(f))) throw invalid('oflags')
  const postOnly = flags.includes('post')
  const inQuote = flags.includes('viqc')
  if (postOnly && type !== 'limit') throw invalid('oflags')
  if (inQuote && (type !== 'market' || side !== 'buy')) throw invalid('viqc')

  const volume = positiveDecimal(params, 'volume')
  if (volume === undefined) throw invalid('volume')
  if (!inQuote && !dec(volume).mod(pair.market.stepSize).isZero()) throw invalid('volume')
  if (inQuote && dec(volume).decimalPlaces() > pair.costDecimals) throw invalid('volume')

  // price is the limit price for limit orders and the trigger for conditional ones; price2 their limit
  const conditional = type !== 'market' && type !== 'limit'
  const limitKind = type === 'stop_loss_limit' || type === 'take_profit_limit'
  const price = positiveDecimal(params, 'price')
  const price2 = positiveDecimal(params, 'price2')
  if (type !== 'market' && price === undefined) throw invalid('price')
  if (limitKind && price2 === undefined) throw invalid('price2')
  for (const p of [price, price2]) if (p !== undefined && type !== 'market') checkPriceScale(p, pair)
  const limitPrice = type === 'limit' ? price : limitKind ? price2 : undefined
  const triggerPrice = conditional ? price : undefined

  const leverage = parseLeverage(params['leverage'], pair)
  const expireAt = parseExpiry(params['expiretm'], now)
  const timeInForce = parseTimeInForce(params['timeinforce'], expireAt)
  if (postOnly && timeInForce === 'IOC') throw invalid('oflags')

  const clientOrderId = params['cl_ord_id'] === '' ? undefined : params['cl_ord_id']
  const userref = parseUserref(params['userref'])
  if (clientOrderId !== undefined && (!isValidClientOrderId(clientOrderId) || userref !== undefined)) {
    throw invalid('cl_ord_id')
  }

  if (!inQuote && cmp(volume, pair.market.minQty) < 0) throw new KrakenError('EOrder:Order minimum not met')
  const estimate = limitPrice ?? triggerPrice ?? mid(pair.market.symbol)
  const cost = inQuote ? volume : mul(volume, estimate)
  if (cmp(cost, pair.market.minNotional) < 0) throw new KrakenError('EOrder:Cost minimum not met')

  const order: SimOrderParams = {
    symbol: pair.market.symbol,
    side,
    type,
    ...(inQuote ? { quoteAmount: volume } : { amount: volume }),
    ...(limitPrice !== undefined && { price: limitPrice }),
    ...(triggerPrice !== undefined && { triggerPrice }),
    timeInForce,
    postOnly,
    ...(expireAt !== undefined && { expireAt }),
    ...(clientOrderId !== undefined && { clientOrderId }),
    ...(leverage !== undefined && { leverage }),
    reduceOnly: isTrue(params['reduce_only']),
  }
  const shape: OrderShape = {
    side,
    type,
    amount: volume,
    amountDecimals: inQuote ? pair.costDecimals : pair.lotDecimals,
    price: limitPrice,
    triggerPrice,
    leverage,
  }
  return { pair, order, shape, userref, validateOnly: isTrue(params['validate']) }
}
