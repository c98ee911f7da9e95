// Goal: every connector reports an order's fills, and the account's, exactly as the venue made them: the venue's
// trade ids, prices, amounts that add up to the order's filled amount, the fee and its currency, oldest first, and
// all of them however many pages the venue needs. Method: on the simulator, through the unmodified ccxt client, a
// limit order rests on a pinned book, then the book is pinned again across it; the engine's own record of the fills
// is what each read must return.
import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { mul, sum } from '../../domain/money.js'
import type { ExchangeId, Fill, OrderRequest, UnifiedOrder } from '../../domain/types.js'
import type { ExchangeConnector } from '../../exchanges/connector.js'
import { InvalidOrderError, UnknownSymbolError } from '../../exchanges/errors.js'
import type { SimFill } from '../../sim/engine/types.js'
import { encodeTxid } from '../../sim/dialects/kraken/txid.js'
import { waitFor } from '../support/wait-for.js'
import { type AllVenues, closeAllVenues, openAllVenues } from './all-venues-harness.js'

/** Our buy rests at PRICE between a pinned bid and ask; asks pinned below it then fill it, at PRICE (it is maker). */
const PRICE = '60000'
const CALM_BOOK = { bids: [['59000', '5']], asks: [['61000', '5']] } as {
  bids: [string, string][]
  asks: [string, string][]
}
const crossing = (amounts: string[]) => ({
  bids: [['59000', '5']] as [string, string][],
  asks: amounts.map((amount, i) => [String(59990 - i * 10), amount] as [string, string]),
})

interface VenueCase {
  name: string
  venue: ExchangeId
  symbol: string
  connector: (venues: AllVenues) => ExchangeConnector
  place: (venues: AllVenues, request: OrderRequest) => Promise<UnifiedOrder>
  /** The venue's id of the engine's fill. */
  tradeId: (engineFillId: number) => string
  unknownOrderId: string
  /** More fills than one page of the venue's fill reads holds (Kraken: QueryTrades 20 ids, TradesHistory 50). */
  manyFills: number
}

const CASES: VenueCase[] = [
  {
    name: 'binance spot',
    venue: 'binance',
    symbol: 'BTC/USDT',
    connector: (v) => v.binance,
    place: (v, request) => v.binance.placeOrder(request),
    tradeId: String,
    unknownOrderId: '987654321',
    manyFills: 1001,
  },
  {
    name: 'binance USD-M',
    venue: 'binance',
    symbol: 'BTC/USDT:USDT',
    connector: (v) => v.binance,
    place: (v, request) => v.binance.placeFuturesOrder(request),
    tradeId: String,
    unknownOrderId: '987654321',
    manyFills: 1001,
  },
  {
    name: 'coinbase',
    venue: 'coinbase',
    symbol: 'BTC/USD',
    connector: (v) => v.coinbase,
    place: (v, request) => v.coinbase.placeOrder(request),
    tradeId: String,
    unknownOrderId: randomUUID(),
    manyFills: 101,
  },
  {
    name: 'kraken',
    venue: 'kraken',
    symbol: 'BTC/USD',
    connector: (v) => v.kraken,
    place: (v, request) => v.kraken.placeOrder(request),
    tradeId: (id) => encodeTxid('trade', id),
    unknownOrderId: encodeTxid('order', 987_654_321),
    manyFills: 60,
  },
]

let venues: AllVenues

beforeAll(async () => {
  venues = await openAllVenues()
})
afterAll(async () => {
  await closeAllVenues(venues)
})

describe.each(CASES)(
  '$name fills',
  ({ venue, symbol, connector: connectorOf, place, tradeId, unknownOrderId, manyFills }) => {
    let connector: ExchangeConnector
    const engine = () => venues.sim.engines[venue]

    beforeAll(() => {
      connector = connectorOf(venues)
    })

    /** A limit buy at PRICE on the calm book: it rests. */
    async function restingBuy(amount: string): Promise<UnifiedOrder> {
      await venues.sim.control.setBook(venue, symbol, CALM_BOOK)
      const order = await place(venues, {
        symbol,
        side: 'buy',
        type: 'limit',
        amount,
        price: PRICE,
        clientOrderId: randomUUID(),
      })
      expect(order.status).toBe('open')
      return order
    }

    /** The engine's own fills of `order`, as the connector must report them. */
    function venueFills(order: UnifiedOrder): Fill[] {
      const simOrder = engine()
        .receivedOrders()
        .find((o) => o.clientOrderId === order.clientOrderId)
      expect(simOrder).toBeDefined()
      return (simOrder?.fills ?? []).map((fill: SimFill) => ({
        id: tradeId(fill.id),
        orderId: order.id,
        symbol,
        side: 'buy',
        price: fill.price,
        amount: fill.amount,
        fee: { cost: fill.fee, currency: fill.feeAsset },
        takerOrMaker: fill.liquidity,
        timestamp: fill.time,
      }))
    }

    /** Waits until the venue's clock has passed `time`, so that the next fills are later than the last ones. */
    const clockPast = (time: number) =>
      waitFor('the venue clock to move on', async () => (engine().now() > time ? true : undefined), 5_000, 1)

    it('gives [] for an order that rested and was canceled untouched, and for an order the venue does not know', async () => {
      const order = await restingBuy('0.1')
      expect(await connector.getOrderFills({ symbol, id: order.id })).toEqual([])
      await connector.cancelOrder({ symbol, id: order.id })
      expect(await connector.getOrderFills({ symbol, id: order.id })).toEqual([])
      expect(await connector.getFills({ symbol, orderId: order.id })).toEqual([])
      expect(await connector.getOrderFills({ symbol, id: unknownOrderId })).toEqual([])
    })

    it("reports a partly filled order's fills exactly as the venue made them, then the rest once the market crosses again", async () => {
      const placedAt = engine().now()
      const order = await restingBuy('0.5')

      await venues.sim.control.setBook(venue, symbol, crossing(['0.1', '0.15']))
      const partly = await connector.getOrder({ symbol, id: order.id })
      expect(partly).toMatchObject({ status: 'open', filled: '0.25' })
      const first = await connector.getOrderFills({ symbol, id: order.id })
      expect(first).toEqual(venueFills(order))
      expect(first).toHaveLength(2)
      expect(sum(first.map((fill) => fill.amount))).toBe(partly.filled)

      await clockPast(Math.max(...first.map((fill) => fill.timestamp)))
      await venues.sim.control.setBook(venue, symbol, crossing(['0.05', '0.2']))
      const done = await connector.getOrder({ symbol, id: order.id })
      expect(done).toMatchObject({ status: 'closed', filled: '0.5' })
      const fills = await connector.getOrderFills({ symbol, id: order.id })
      expect(fills).toEqual(venueFills(order))
      expect(fills.slice(0, 2)).toEqual(first)
      expect(sum(fills.map((fill) => fill.amount))).toBe(done.filled)
      const { makerFee, quote } = engine().market(symbol)!
      for (const fill of fills) {
        expect(fill).toMatchObject({ price: PRICE, takerOrMaker: 'maker', orderId: order.id, symbol, side: 'buy' })
        expect(fill.fee).toEqual({ cost: mul(mul(fill.price, fill.amount), makerFee), currency: quote })
      }
      expect(new Set(fills.map((fill) => fill.id)).size).toBe(4)

      const secondAt = fills[2]!.timestamp
      expect(secondAt).toBeGreaterThan(first[1]!.timestamp)
      expect(await connector.getOrderFills({ symbol, id: order.id, since: secondAt })).toEqual(fills.slice(2))
      expect(await connector.getFills({ symbol, orderId: order.id })).toEqual(fills)
      const ofOrder = (all: Fill[]) => all.filter((fill) => fill.orderId === order.id)
      expect(ofOrder(await connector.getFills({ symbol, since: placedAt }))).toEqual(fills)
      const later = await connector.getFills({ symbol, since: secondAt })
      expect(ofOrder(later)).toEqual(fills.slice(2))
      expect(later.every((fill) => fill.timestamp >= secondAt && fill.symbol === symbol)).toBe(true)
      if (venue === 'binance') {
        await expect(connector.getFills({ orderId: order.id })).rejects.toThrow(InvalidOrderError)
      } else {
        expect(await connector.getFills({ orderId: order.id })).toEqual(fills)
      }
    })

    it(`reads every page: one order with ${manyFills} fills`, async () => {
      const lot = '0.001'
      const amount = mul(lot, manyFills)
      const placedAt = engine().now()
      const order = await restingBuy(amount)
      await venues.sim.control.setBook(venue, symbol, crossing(Array.from({ length: manyFills }, () => lot)))
      expect(await connector.getOrder({ symbol, id: order.id })).toMatchObject({ status: 'closed', filled: amount })

      const fills = await connector.getOrderFills({ symbol, id: order.id })
      expect(fills).toHaveLength(manyFills)
      expect(fills).toEqual(venueFills(order))
      expect(sum(fills.map((fill) => fill.amount))).toBe(amount)
      const bySymbol = (await connector.getFills({ symbol, since: placedAt })).filter((f) => f.orderId === order.id)
      expect(bySymbol).toEqual(fills)
    })

    it('refuses a market the venue does not list, naming it', async () => {
      await expect(connector.getOrderFills({ symbol: 'NOPE/USD', id: '1' })).rejects.toThrow(UnknownSymbolError)
      await expect(connector.getFills({ symbol: 'NOPE/USD' })).rejects.toThrow(/NOPE\/USD/)
    })
  }
)

describe('fill reads without a symbol', () => {
  it('binance needs one; coinbase needs a symbol or an order id; kraken reads the whole account', async () => {
    await expect(venues.binance.getFills({})).rejects.toThrow(/binance getFills needs a symbol/)
    await expect(venues.coinbase.getFills({ since: 0 })).rejects.toThrow(InvalidOrderError)
    const all = await venues.kraken.getFills({ since: 0 })
    expect(all.length).toBeGreaterThan(0)
    expect(all.map((fill) => fill.timestamp)).toEqual([...all.map((fill) => fill.timestamp)].sort((a, b) => a - b))
    expect(await venues.kraken.getTradeHistory({ startTime: 0 })).toEqual(all)
  })
})
