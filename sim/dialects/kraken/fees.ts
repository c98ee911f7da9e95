// Kraken's fee schedule: percent per 30-day USD volume tier. The engine charges one rate per market, which
// anchors the first tier; the later tiers keep the proportions of Kraken's published Pro schedule.
import { dec, div, mul } from '../../../domain/money.js'
import type { SimMarket } from '../../engine/types.js'

const TIER_VOLUMES = [0, 10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000]
const LADDERS = {
  taker: ['0.40', '0.35', '0.24', '0.22', '0.20', '0.18', '0.16', '0.14', '0.12', '0.10'],
  maker: ['0.25', '0.20', '0.14', '0.12', '0.10', '0.08', '0.06', '0.04', '0.02', '0'],
}

export type Liquidity = keyof typeof LADDERS

/** [[volume, percent], ...] as AssetPairs.fees / fees_maker carry them (JSON numbers, like Kraken's). */
export function feeTiers(market: SimMarket, liquidity: Liquidity): [number, number][] {
  const ladder = LADDERS[liquidity]
  const rate = liquidity === 'taker' ? market.takerFee : market.makerFee
  const first = ladder[0] ?? '1'
  return TIER_VOLUMES.map((volume, i) => {
    const percent = mul(mul(rate, 100), div(ladder[i] ?? '0', first))
    return [volume, Number(dec(percent).toDecimalPlaces(4))]
  })
}
