// The venues' side of the chaos run: balances deep enough for a few hundred orders, and the pinned books of the
// lanes. Smart orders get thin books on every venue so that no single venue can fill them (they split);
// arbitrages get a wide spread between Coinbase (buy) and Kraken (sell) and an amount larger than the Kraken
// account holds, so the sell leg is refused for insufficient balance and the bought leg must be unwound.
import type { DecimalString, ExchangeId } from '../../domain/types.js'
import type { ControlClient, Levels } from '../support/simulator.js'

export const VENUES: ExchangeId[] = ['binance', 'coinbase', 'kraken']

/** Lanes: one pinned symbol each, one execution at a time (a fill consumes the pinned levels). */
export const SMART_LANES = ['BTC/USDT', 'ETH/USDT'] as const
export const ARBITRAGE_LANES = ['BTC/USD', 'ETH/USD'] as const
export type SmartLane = (typeof SMART_LANES)[number]
export type ArbitrageLane = (typeof ARBITRAGE_LANES)[number]

/** Per-leg amount of each arbitrage lane: more than Kraken's demo account holds (10 BTC, 200 ETH). */
export const ARBITRAGE_AMOUNT: Record<ArbitrageLane, DecimalString> = { 'BTC/USD': '15', 'ETH/USD': '250' }

/** Books no single venue can fill a smart order from: best level, then one deeper, per venue. */
const SMART_BOOKS: Record<SmartLane, Record<ExchangeId, { bids: Levels; asks: Levels }>> = {
  'BTC/USDT': {
    binance: {
      bids: [
        ['63990', '0.25'],
        ['63900', '0.1'],
      ],
      asks: [
        ['64000', '0.25'],
        ['64100', '0.1'],
      ],
    },
    coinbase: {
      bids: [
        ['63985', '0.25'],
        ['63895', '0.1'],
      ],
      asks: [
        ['64005', '0.25'],
        ['64105', '0.1'],
      ],
    },
    kraken: {
      bids: [
        ['63980', '0.25'],
        ['63890', '0.1'],
      ],
      asks: [
        ['64010', '0.25'],
        ['64110', '0.1'],
      ],
    },
  },
  'ETH/USDT': {
    binance: {
      bids: [
        ['3199', '4'],
        ['3190', '1.5'],
      ],
      asks: [
        ['3200', '4'],
        ['3210', '1.5'],
      ],
    },
    coinbase: {
      bids: [
        ['3198.5', '4'],
        ['3189.5', '1.5'],
      ],
      asks: [
        ['3200.5', '4'],
        ['3210.5', '1.5'],
      ],
    },
    kraken: {
      bids: [
        ['3198', '4'],
        ['3189', '1.5'],
      ],
      asks: [
        ['3201', '4'],
        ['3211', '1.5'],
      ],
    },
  },
}

/** What a smart order of each lane asks for: between these base amounts (more than one venue's best level). */
export const SMART_AMOUNT_RANGE: Record<SmartLane, [number, number, number]> = {
  // [min, max, decimals]
  'BTC/USDT': [0.4, 0.6, 3],
  'ETH/USDT': [5, 9, 2],
}

// Coinbase's bids take the unwinds: deep enough for several (an arbitrage whose sell leg is slow to settle unwinds
// after later ones in its lane have re-pinned and traded; 40 BTC once ran dry and left one unwind short).
const ARBITRAGE_BOOKS: Record<
  ArbitrageLane,
  { coinbase: { bids: Levels; asks: Levels }; kraken: { bids: Levels; asks: Levels } }
> = {
  'BTC/USD': {
    coinbase: { bids: [['62950', '200']], asks: [['63000', '40']] },
    kraken: { bids: [['65000', '40']], asks: [['65050', '40']] },
  },
  'ETH/USD': {
    coinbase: { bids: [['3095', '3000']], asks: [['3100', '600']] },
    kraken: { bids: [['3300', '600']], asks: [['3305', '600']] },
  },
}

/** Quote balances for a few hundred orders and the arbitrages' bought legs (the base stays as opened). */
export async function fundAccounts(control: ControlClient): Promise<void> {
  await control.credit('coinbase', 'USD', '100000000')
  await control.credit('kraken', 'USD', '10000000')
  for (const venue of VENUES) await control.credit(venue, 'USDT', '10000000')
}

export async function pinSmartLane(control: ControlClient, lane: SmartLane): Promise<void> {
  for (const venue of VENUES) await control.setBook(venue, lane, SMART_BOOKS[lane][venue])
}

export async function pinArbitrageLane(control: ControlClient, lane: ArbitrageLane): Promise<void> {
  await control.setBook('coinbase', lane, ARBITRAGE_BOOKS[lane].coinbase)
  await control.setBook('kraken', lane, ARBITRAGE_BOOKS[lane].kraken)
}
