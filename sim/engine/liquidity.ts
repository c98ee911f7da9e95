// The 'liquidity' owner's resting depth: laid down, replaced on tick, or pinned to exact levels by setBook.
// New levels enter as takers, so a drifting market fills the accounts' resting orders it moves through.
import { dec, floorToStep, max, str } from '../../domain/money.js'
import type { DecimalString, Side } from '../../domain/types.js'
import { bookOf, historyOf, marketOf, type EngineState } from './engine-state.js'
import { execute } from './execution.js'
import { crosses } from './matching.js'
import { finish } from './fills.js'
import { LIQUIDITY_OWNER } from './order-store.js'
import { syntheticLevels, type Levels } from './synthetic-liquidity.js'

function placeLevel(state: EngineState, symbol: string, side: Side, price: DecimalString, amount: DecimalString) {
  const market = marketOf(state, symbol)
  const now = state.now()
  const record = {
    order: {
      id: ++state.ids.order,
      owner: LIQUIDITY_OWNER,
      symbol,
      side,
      type: 'limit' as const,
      timeInForce: 'GTC' as const,
      postOnly: false,
      amount,
      price,
      status: 'new' as const,
      filled: '0',
      filledQuote: '0',
      fee: '0',
      feeAsset: market.quote,
      reduceOnly: false,
      createdAt: now,
      updatedAt: now,
      fills: [],
    },
    lockAsset: market.quote,
    locked: dec(0),
    tradeMark: 0,
  }
  state.orders.add(record)
  const book = bookOf(state, symbol)
  const opposite = (side === 'buy' ? book.asks : book.bids).levels[0]
  // Most levels cross nothing: rest them directly (ticks lay hundreds of levels).
  if (opposite && crosses(side, opposite.price, dec(price))) execute(state, record)
  else book.add(record.order)
}

function clearLiquidity(state: EngineState, symbol: string): void {
  for (const order of bookOf(state, symbol).removeWhere((resting) => resting.owner === LIQUIDITY_OWNER)) {
    const record = state.orders.get(order.id)
    if (record) finish(state, record, 'canceled')
  }
}

export function layLevels(state: EngineState, symbol: string, levels: { bids: Levels; asks: Levels }): void {
  clearLiquidity(state, symbol)
  // Alternate sides from the inside out so neither side gets to take the other's fresh levels.
  const depth = Math.max(levels.bids.length, levels.asks.length)
  for (let i = 0; i < depth; i++) {
    const bid = levels.bids[i]
    const ask = levels.asks[i]
    if (bid) placeLevel(state, symbol, 'buy', bid[0], bid[1])
    if (ask) placeLevel(state, symbol, 'sell', ask[0], ask[1])
  }
}

export function replenish(state: EngineState, symbol: string): void {
  const market = marketOf(state, symbol)
  layLevels(state, symbol, syntheticLevels(state.rng, market, state.walk.mid(symbol), state.liquidity))
}

/** Prints a few trades at the touch to the public tape (market activity), leaving the book as it is. */
export function printSyntheticTrades(state: EngineState, symbol: string): void {
  const market = marketOf(state, symbol)
  const book = bookOf(state, symbol)
  const count = state.rng.int(0, 3)
  for (let i = 0; i < count; i++) {
    const side: Side = state.rng.chance(0.5) ? 'buy' : 'sell'
    const touch = (side === 'buy' ? book.asks : book.bids).levels[0]?.price
    if (!touch) continue
    const notional = (state.liquidity.levelNotional[0] * state.rng.between(0.05, 1)).toFixed(2)
    const amount = max(floorToStep(dec(notional).div(touch), market.stepSize), market.minQty)
    historyOf(state, symbol).record(str(touch), amount, side, state.now())
  }
}
