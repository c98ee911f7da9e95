// Private account data: accounts (balances), fee tier, fills, funding records.
import { add, mul } from '../../../domain/money.js'
import type { SimResponse } from '../../dialect.js'
import type { SimFill } from '../../engine/types.js'
import { cursorPage } from './cursor-page.js'
import { badRequest, notFound } from './errors.js'
import { decimalsOf, fixed, isoMicros, parseDateParam, productId, SIZE_DECIMALS, VALUE_DECIMALS } from './format.js'
import { accountIdOf, profileIdOf, userIdOf } from './ids.js'
import { currencyCodes, marketOfProduct, spotMarkets } from './products.js'
import { ok, type Route, type RouteContext } from './routes.js'
import { transferView, type TransferType } from './transfers.js'

const FILLS_MAX = 100

function accountViews({ state, owner }: RouteContext): Record<string, unknown>[] {
  const balances = state.engine.balances(owner)
  const codes = new Set([...currencyCodes(state.engine), ...Object.keys(balances)])
  return [...codes].sort().map((currency) => {
    const balance = balances[currency] ?? { free: '0', locked: '0' }
    return {
      id: accountIdOf(owner, currency),
      currency,
      balance: fixed(add(balance.free, balance.locked), VALUE_DECIMALS),
      hold: fixed(balance.locked, VALUE_DECIMALS),
      available: fixed(balance.free, VALUE_DECIMALS),
      profile_id: profileIdOf(owner),
      trading_enabled: true,
      pending_deposit: '',
      display_name: '',
    }
  })
}

function account(context: RouteContext): SimResponse {
  const found = accountViews(context).find((view) => view['id'] === context.params[0])
  return found ? ok(found) : notFound()
}

function fees({ state }: RouteContext): SimResponse {
  const market = spotMarkets(state.engine)[0]
  return ok({ taker_fee_rate: market?.takerFee ?? '0', maker_fee_rate: market?.makerFee ?? '0', usd_volume: '0.00' })
}

function fillView(context: RouteContext, fill: SimFill): Record<string, unknown> {
  const market = context.state.engine.market(fill.symbol)
  const priceDecimals = market ? decimalsOf(market.tickSize) : SIZE_DECIMALS
  return {
    created_at: isoMicros(fill.time),
    trade_id: fill.id,
    product_id: productId(fill.symbol),
    order_id: context.state.ids.uuidOf(fill.orderId),
    user_id: userIdOf(context.owner),
    profile_id: profileIdOf(context.owner),
    liquidity: fill.liquidity === 'maker' ? 'M' : 'T',
    price: fixed(fill.price, priceDecimals),
    size: fixed(fill.amount, SIZE_DECIMALS),
    fee: fixed(fill.fee, VALUE_DECIMALS),
    side: fill.side,
    settled: true,
    usd_volume: fixed(mul(fill.price, fill.amount), VALUE_DECIMALS),
  }
}

function fills(context: RouteContext): SimResponse {
  const { state, query, owner } = context
  const orderUuid = query.get('order_id')
  const product = query.get('product_id')
  if (orderUuid === null && product === null) return badRequest('required either order_id or product_id')
  const symbol = product === null ? undefined : marketOfProduct(state.engine, product)?.symbol
  if (product !== null && symbol === undefined) return notFound()
  const orderId = orderUuid === null ? undefined : state.ids.engineIdOf(orderUuid)
  if (orderUuid !== null && orderId === undefined) return ok([])
  const start = parseDateParam(query.get('start_date'))
  const end = parseDateParam(query.get('end_date'))
  const limit = Math.min(FILLS_MAX, Number(query.get('limit') ?? FILLS_MAX) || FILLS_MAX)
  const rows = state.engine
    .fills(owner, {
      ...(orderId !== undefined && { orderId }),
      ...(symbol !== undefined && { symbol }),
      ...(start !== undefined && { since: start }),
    })
    .filter((fill) => end === undefined || fill.time <= end)
  // fills page by trade_id (Coinbase: "sorted by descending trade_id"; CB-BEFORE carries the first trade id)
  const paged = cursorPage(rows, (fill) => fill.id, { before: query.get('before'), after: query.get('after'), limit })
  if (!('page' in paged)) return paged
  return { ...ok(paged.page.map((fill) => fillView(context, fill))), headers: paged.headers }
}

function transfers(context: RouteContext, currency?: string): SimResponse {
  const type = context.query.get('type') as TransferType | null
  const limit = Number(context.query.get('limit') ?? 100) || 100
  const rows = context.state.transfers
    .list(context.owner)
    .filter(
      (transfer) =>
        (type === null || transfer.type === type) && (currency === undefined || transfer.currency === currency)
    )
    .slice(0, limit)
  return ok(rows.map((transfer) => transferView(context.owner, transfer)))
}

function accountTransfers(context: RouteContext): SimResponse {
  const found = accountViews(context).find((view) => view['id'] === context.params[0])
  return found ? transfers(context, String(found['currency'])) : notFound()
}

export const accountRoutes: readonly Route[] = [
  { method: 'GET', pattern: /^\/accounts$/, access: 'private', handle: (context) => ok(accountViews(context)) },
  { method: 'GET', pattern: /^\/accounts\/([^/]+)$/, access: 'private', handle: account },
  { method: 'GET', pattern: /^\/accounts\/([^/]+)\/transfers$/, access: 'private', handle: accountTransfers },
  { method: 'GET', pattern: /^\/fees$/, access: 'private', handle: fees },
  { method: 'GET', pattern: /^\/fills$/, access: 'fills', handle: fills },
  { method: 'GET', pattern: /^\/transfers$/, access: 'private', handle: (context) => transfers(context) },
]
