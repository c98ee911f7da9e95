// What an arbitrage actually earned, from the fills the venues reported.
import { add, dec, isPositive, mul, str, sub } from '../money.js'
import { baseOf, quoteOf } from '../routing/format.js'
import type { DecimalString, Fee } from '../types.js'
import type { RealisedLeg, RealisedProfit } from './types.js'

/**
 * Realised profit of a set of legs on one symbol: quote received on sells minus quote paid on buys minus every
 * fee. Unwind legs (selling back what a failed sell leg left, or buying back) are just more legs. Fees charged in
 * the base currency are priced at their own leg's average and also reduce `residualAmount`; fees in a third
 * currency are listed in `unconvertedFees`.
 *
 * @example
 * realisedProfit([buyOrder, partialSellOrder, unwindSellOrder]).netProfit
 */
export function realisedProfit(legs: readonly RealisedLeg[]): RealisedProfit {
  const symbol = legs[0]?.symbol ?? ''
  const base = baseOf(symbol)
  const quote = quoteOf(symbol)
  let bought = '0'
  let sold = '0'
  let buyCost = '0'
  let sellProceeds = '0'
  let fees = '0'
  let baseFees = '0'
  const unconvertedFees: Fee[] = []
  for (const leg of legs) {
    if (leg.symbol !== symbol) throw new RangeError(`legs mix ${symbol} and ${leg.symbol}`)
    if (leg.side === 'buy') {
      bought = add(bought, leg.filled)
      buyCost = add(buyCost, leg.cost)
    } else {
      sold = add(sold, leg.filled)
      sellProceeds = add(sellProceeds, leg.cost)
    }
    const fee = leg.fee
    if (fee === undefined || !isPositive(fee.cost)) continue
    if (fee.currency === quote) {
      fees = add(fees, fee.cost)
    } else if (fee.currency === base && isPositive(leg.filled)) {
      fees = add(fees, mul(fee.cost, averageOf(leg)))
      baseFees = add(baseFees, fee.cost)
    } else {
      unconvertedFees.push(fee)
    }
  }
  return {
    currency: quote,
    boughtAmount: bought,
    soldAmount: sold,
    buyCost,
    sellProceeds,
    fees,
    netProfit: str(dec(sellProceeds).minus(buyCost).minus(fees)),
    residualAmount: sub(sub(bought, sold), baseFees),
    unconvertedFees,
  }
}

function averageOf(leg: RealisedLeg): DecimalString {
  return str(dec(leg.cost).div(leg.filled))
}
