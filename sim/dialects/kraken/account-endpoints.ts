// Private account data: balances, fee volume, our trades and margin positions.
import { createHash } from 'node:crypto'

import { add, cmp, mul, sum } from '../../../domain/money.js'
import type { SimFill, SimOrder, SimPosition } from '../../engine/types.js'
import { krakenAsset } from './assets.js'
import { KrakenError } from './errors.js'
import { feeTiers } from './fees.js'
import { fixed, seconds } from './format.js'
import { type Params, isTrue, optionalInteger, optionalSeconds } from './params.js'
import { type PrivateContext, type PrivateEndpoint, pairOf } from './private-context.js'
import { tradeView } from './trade-view.js'
import { decodeTxid, encodeTxid } from './txid.js'

const PAGE_SIZE = 50
const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000

function tradesById(fills: SimFill[], ctx: PrivateContext): Record<string, unknown> {
  return Object.fromEntries(
    fills.map((fill) => [
      encodeTxid('trade', fill.id),
      tradeView(fill, ctx.engine.getOrder(ctx.owner, { id: fill.orderId }), pairOf(fill, ctx)),
    ])
  )
}

/** Positions carry no engine id; a stable one comes from owner, market and side. */
function positionTxid(owner: string, position: SimPosition): string {
  const digest = createHash('sha256').update(`${owner}\n${position.symbol}\n${position.side}`).digest()
  return encodeTxid('position', digest.readUIntBE(0, 6))
}

/** Kraken prints profit and loss with an explicit sign. */
const signed = (value: string, decimals: number): string => (cmp(value, 0) >= 0 ? '+' : '') + fixed(value, decimals)

function positionFigures(position: SimPosition, ctx: PrivateContext, docalcs: boolean): Record<string, unknown> {
  const pair = pairOf(position, ctx)
  const figures: Record<string, unknown> = {
    pair: pair.id,
    type: position.side === 'long' ? 'buy' : 'sell',
    cost: fixed(mul(position.amount, position.entryPrice), pair.costDecimals),
    fee: fixed('0', pair.costDecimals),
    vol: fixed(position.amount, pair.lotDecimals),
    vol_closed: fixed('0', pair.lotDecimals),
    margin: fixed(position.margin, pair.costDecimals),
  }
  if (docalcs) {
    figures['value'] = fixed(mul(position.amount, position.markPrice), pair.costDecimals)
    figures['net'] = signed(position.unrealizedPnl, 4)
  }
  return figures
}

/** The earliest margin order with fills on the position's market: the one that opened it. */
function openingOrder(position: SimPosition, ctx: PrivateContext): SimOrder | undefined {
  const { engine, owner } = ctx
  const orders = [...engine.openOrders(owner, position.symbol), ...engine.closedOrders(owner, position.symbol)]
  return orders.filter((o) => (o.leverage ?? 1) > 1 && o.fills.length > 0).sort((a, b) => a.createdAt - b.createdAt)[0]
}

export const ACCOUNT_ENDPOINTS: Record<string, PrivateEndpoint> = {
  Balance: (_params, ctx) => {
    const balances = ctx.engine.balances(ctx.owner)
    return Object.fromEntries(
      Object.entries(balances).map(([code, b]) => {
        const asset = krakenAsset(code)
        return [asset.id, fixed(add(b.free, b.locked), asset.decimals)]
      })
    )
  },

  BalanceEx: (_params, ctx) => {
    const balances = ctx.engine.balances(ctx.owner)
    return Object.fromEntries(
      Object.entries(balances).map(([code, b]) => {
        const asset = krakenAsset(code)
        const total = fixed(add(b.free, b.locked), asset.decimals)
        return [asset.id, { balance: total, hold_trade: fixed(b.locked, asset.decimals) }]
      })
    )
  },

  TradeVolume: (params, ctx) => {
    const since = ctx.now() - THIRTY_DAYS_MS
    const usdFills = ctx.engine.fills(ctx.owner, { since }).filter((f) => pairOf(f, ctx).market.quote === 'USD')
    const volume = sum(usdFills.map((f) => mul(f.price, f.amount)))
    const pairs = params['pair'] === undefined ? [] : params['pair'].split(',')
    const schedule = (liquidity: 'taker' | 'maker'): Record<string, unknown> =>
      Object.fromEntries(
        pairs.map((name) => {
          const pair = ctx.pairs.resolve(name)
          if (!pair) throw new KrakenError('EQuery:Unknown asset pair')
          // the engine charges one rate per market, so the account always sits in the first tier
          const tiers = feeTiers(pair.market, liquidity)
          const [first, second, last] = [tiers[0], tiers[1], tiers.at(-1)]
          return [
            pair.id,
            {
              fee: (first?.[1] ?? 0).toFixed(4),
              minfee: (last?.[1] ?? 0).toFixed(4),
              maxfee: (first?.[1] ?? 0).toFixed(4),
              nextfee: (second?.[1] ?? 0).toFixed(4),
              tiervolume: '0.0000',
              nextvolume: (second?.[0] ?? 0).toFixed(4),
            },
          ]
        })
      )
    return { currency: 'ZUSD', volume: fixed(volume, 4), fees: schedule('taker'), fees_maker: schedule('maker') }
  },

  TradesHistory: (params, ctx) => {
    const start = optionalSeconds(params, 'start')
    const end = optionalSeconds(params, 'end')
    const offset = optionalInteger(params, 'ofs') ?? 0
    const fills = ctx.engine
      .fills(ctx.owner)
      .filter((f) => (start === undefined || f.time > start * 1000) && (end === undefined || f.time <= end * 1000))
      .sort((a, b) => b.time - a.time || b.id - a.id)
    return { trades: tradesById(fills.slice(offset, offset + PAGE_SIZE), ctx), count: fills.length }
  },

  QueryTrades: (params, ctx) => {
    const ids = (params['txid'] ?? '').split(',').filter((t) => t !== '')
    if (ids.length === 0 || ids.length > 20) throw new KrakenError('EGeneral:Invalid arguments')
    const wanted = new Set(ids.map((t) => decodeTxid('trade', t)))
    const fills = ctx.engine.fills(ctx.owner).filter((f) => wanted.has(f.id))
    if (fills.length === 0) throw new KrakenError('EGeneral:Invalid arguments:txid')
    return tradesById(fills, ctx)
  },

  OpenPositions: (params: Params, ctx) => {
    const docalcs = isTrue(params['docalcs'])
    const positions = ctx.engine.positions(ctx.owner)
    if (params['consolidation'] === 'market') {
      return positions.map((p) => ({
        ...positionFigures(p, ctx, docalcs),
        positions: '1',
        leverage: fixed(String(p.leverage), 5),
      }))
    }
    const wanted = params['txid']?.split(',')
    const result: Record<string, unknown> = {}
    for (const position of positions) {
      const txid = positionTxid(ctx.owner, position)
      if (wanted && !wanted.includes(txid)) continue
      const opening = openingOrder(position, ctx)
      result[txid] = {
        ordertxid: opening ? encodeTxid('order', opening.id) : '',
        posstatus: 'open',
        time: seconds(opening?.createdAt ?? ctx.now()),
        ordertype: 'limit',
        ...positionFigures(position, ctx, docalcs),
        terms: '0.0100% per 4 hours',
        rollovertm: String(Math.floor(ctx.now() / 1000) + 4 * 3600),
        misc: '',
        oflags: '',
      }
    }
    return result
  },
}
