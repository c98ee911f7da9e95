// GET /fills pages as Coinbase Exchange documents it: newest first by trade_id, `after` a pagination id for the
// older page, `before` for the newer one, and the CB-BEFORE / CB-AFTER headers naming each page's first and last
// trade id. Through the unmodified ccxt client, on one order with five fills.
import ccxt from 'ccxt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { headerValue } from '../../../exchanges/error-mapping.js'
import type { TestSimulator } from '../../support/simulator.js'
import { openCoinbaseClientSession, type CoinbaseClient } from './coinbase-client.js'

const SYMBOL = 'SOL/USD'

let sim: TestSimulator
let client: CoinbaseClient
let orderId: string
/** The order's trade ids, newest first. */
let tradeIds: string[]

beforeAll(async () => {
  ;({ sim, client } = await openCoinbaseClientSession())
  await client.loadMarkets()
  await sim.control.setBook('coinbase', SYMBOL, {
    bids: [['140.00', '10']],
    asks: ['150.00', '150.01', '150.02', '150.03', '150.04'].map((price) => [price, '1'] as [string, string]),
  })
  const placed = await client.createOrder(SYMBOL, 'market', 'buy', 5)
  orderId = placed.id!
  const all = await client.fetchOrderTrades(orderId)
  tradeIds = all.map((trade) => String(trade.id)).sort((a, b) => Number(b) - Number(a))
})

afterAll(() => sim.close())

const page = async (params: Record<string, string>) => {
  const rows = (await client.privateGetFills({ order_id: orderId, limit: '2', ...params })) as { trade_id: number }[]
  const headers = client.last_response_headers as Record<string, string | undefined>
  return {
    ids: rows.map((row) => String(row.trade_id)),
    before: headerValue(headers, 'CB-BEFORE'),
    after: headerValue(headers, 'CB-AFTER'),
  }
}

describe('coinbase dialect: GET /fills pagination', () => {
  it('walks from the newest page to the oldest by the CB-AFTER cursor, and back by CB-BEFORE', async () => {
    expect(tradeIds).toHaveLength(5)
    const first = await page({})
    expect(first).toEqual({ ids: tradeIds.slice(0, 2), before: tradeIds[0], after: tradeIds[1] })
    const second = await page({ after: first.after! })
    expect(second).toEqual({ ids: tradeIds.slice(2, 4), before: tradeIds[2], after: tradeIds[3] })
    const last = await page({ after: second.after! })
    expect(last).toEqual({ ids: tradeIds.slice(4), before: tradeIds[4], after: tradeIds[4] })
    expect(await page({ after: last.after! })).toEqual({ ids: [], before: undefined, after: undefined })
    // the page before a cursor is the newer fills closest to it
    expect((await page({ before: last.before! })).ids).toEqual(tradeIds.slice(2, 4))
  })

  it('refuses a cursor that is not a pagination id, naming it', async () => {
    const error = await client.privateGetFills({ order_id: orderId, after: 'soon' }).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(ccxt.ExchangeError)
    expect((error as Error).message).toContain('after must be a pagination id')
  })
})
