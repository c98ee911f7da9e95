// The VenueEngine interface over the engine state: queries, cancels, control and tick.
import { aggregate } from './book.js'
import {
  bookOf,
  checkDecimal,
  historyOf,
  leverageKey,
  leverageOf,
  marketOf,
  midOf,
  type EngineState,
} from './engine-state.js'
import { expireDue, fireTriggers, isOpen } from './execution.js'
import { finish } from './fills.js'
import { layLevels, printSyntheticTrades, replenish } from './liquidity.js'
import { snapshot, type OrderRecord } from './order-store.js'
import { placeOrder } from './placement.js'
import { describePosition } from './positions.js'
import { SimError, type OrderQuery, type VenueEngine } from './types.js'

function findRecord(state: EngineState, owner: string, query: OrderQuery): OrderRecord | undefined {
  const record =
    query.id !== undefined
      ? state.orders.get(query.id)
      : query.clientOrderId !== undefined
        ? state.orders.byClientOrderId(owner, query.clientOrderId)
        : undefined
  return record && record.order.owner === owner ? record : undefined
}

function setLeverage(state: EngineState, owner: string, symbol: string, leverage: number): void {
  const market = marketOf(state, symbol)
  if (market.kind === 'spot' && !market.marginEnabled) {
    throw new SimError('MARGIN_NOT_ALLOWED', `${symbol} does not allow margin`)
  }
  if (!Number.isInteger(leverage) || leverage < 1 || leverage > market.maxLeverage) {
    throw new SimError('INVALID_LEVERAGE', `leverage must be an integer from 1 to ${market.maxLeverage}`)
  }
  state.leverages.set(leverageKey(owner, symbol), leverage)
}

function checkLevels(levels: [string, string][], side: string): void {
  if (!Array.isArray(levels)) throw new SimError('INVALID_ORDER', `${side} must be an array of [price, amount]`)
  for (const [price, amount] of levels) {
    checkDecimal(`${side} price`, price, { positive: true })
    checkDecimal(`${side} amount`, amount, { positive: true })
  }
}

export function createVenueApi(state: EngineState): VenueEngine {
  const ownedRecords = (owner: string, symbol?: string): OrderRecord[] =>
    state.orders.ofOwner(owner).filter((record) => symbol === undefined || record.order.symbol === symbol)

  return {
    venue: state.venue,
    now: () => state.now(),
    markets: () => [...state.markets.values()].map((market) => ({ ...market })),
    market: (symbol) => {
      const market = state.markets.get(symbol)
      return market && { ...market }
    },
    book(symbol, depth) {
      expireDue(state)
      const book = bookOf(state, symbol)
      return { bids: aggregate(book.bids, depth), asks: aggregate(book.asks, depth), time: state.now() }
    },
    ticker(symbol) {
      const book = bookOf(state, symbol)
      const [bid] = aggregate(book.bids, 1)
      const [ask] = aggregate(book.asks, 1)
      const history = historyOf(state, symbol)
      const stats = history.dayStats(state.now())
      return {
        symbol,
        bid: bid?.[0] ?? '0',
        bidQty: bid?.[1] ?? '0',
        ask: ask?.[0] ?? '0',
        askQty: ask?.[1] ?? '0',
        last: history.last()?.price ?? midOf(state, symbol),
        ...stats,
        openTime: state.now() - 24 * 60 * 60_000,
        closeTime: state.now(),
      }
    },
    trades: (symbol, limit) => historyOf(state, symbol).trades(limit),
    candles: (symbol, intervalMs, since, limit) =>
      historyOf(state, symbol).candles(intervalMs, state.now(), since, limit),
    mid: (symbol) => midOf(state, symbol),

    hasAccount: (owner) => state.accounts.has(owner),
    balances: (owner) => state.accounts.balances(owner),
    credit(owner, asset, amount) {
      checkDecimal('amount', amount)
      state.accounts.credit(owner, asset, amount)
    },

    placeOrder: (owner, params) => placeOrder(state, owner, params),
    cancelOrder(owner, query) {
      expireDue(state)
      const record = findRecord(state, owner, query)
      if (!record) throw new SimError('UNKNOWN_ORDER', 'Order does not exist')
      if (!isOpen(record)) throw new SimError('ORDER_NOT_CANCELABLE', `Order is already ${record.order.status}`)
      if (record.order.status !== 'pending_trigger') bookOf(state, record.order.symbol).remove(record.order)
      finish(state, record, 'canceled')
      return snapshot(record.order)
    },
    getOrder(owner, query) {
      expireDue(state)
      const record = findRecord(state, owner, query)
      return record && snapshot(record.order)
    },
    openOrders(owner, symbol) {
      expireDue(state)
      return ownedRecords(owner, symbol)
        .filter(isOpen)
        .map((record) => snapshot(record.order))
    },
    closedOrders(owner, symbol, since) {
      expireDue(state)
      return ownedRecords(owner, symbol)
        .filter((record) => !isOpen(record) && (since === undefined || record.order.createdAt >= since))
        .map((record) => snapshot(record.order))
        .reverse()
    },
    fills(owner, filter = {}) {
      return (state.fillsByOwner.get(owner) ?? [])
        .filter((fill) => filter.orderId === undefined || fill.orderId === filter.orderId)
        .filter((fill) => filter.symbol === undefined || fill.symbol === filter.symbol)
        .filter((fill) => filter.since === undefined || fill.time >= filter.since)
        .map((fill) => ({ ...fill }))
    },

    setLeverage: (owner, symbol, leverage) => setLeverage(state, owner, symbol, leverage),
    leverage: (owner, symbol) => leverageOf(state, owner, symbol),
    positions: (owner) =>
      state.positions.list(owner).map((position) => {
        const market = marketOf(state, position.symbol)
        return describePosition(position, midOf(state, position.symbol), market.tickSize)
      }),

    setBook(symbol, levels) {
      marketOf(state, symbol)
      checkLevels(levels.bids, 'bids')
      checkLevels(levels.asks, 'asks')
      state.pinned.add(symbol)
      layLevels(state, symbol, levels)
      fireTriggers(state, symbol)
    },
    resetBook(symbol) {
      marketOf(state, symbol)
      state.pinned.delete(symbol)
      replenish(state, symbol)
      fireTriggers(state, symbol)
    },
    isPinned: (symbol) => state.pinned.has(symbol),
    receivedOrders: () => state.orders.received().map((record) => snapshot(record.order)),
    tick() {
      expireDue(state)
      for (const symbol of state.markets.keys()) {
        if (state.pinned.has(symbol)) continue
        state.walk.step(symbol)
        replenish(state, symbol)
        printSyntheticTrades(state, symbol)
      }
      for (const symbol of state.markets.keys()) fireTriggers(state, symbol)
    },
  }
}
