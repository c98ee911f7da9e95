// What every private endpoint works with: the authenticated owner and the dialect's state.
import type { SimOrder, VenueEngine } from '../../engine/types.js'
import type { KrakenPair, PairIndex } from './pairs.js'
import type { Params } from './params.js'
import type { KrakenRateLimits } from './rate-limits.js'

export interface PrivateContext {
  engine: VenueEngine
  pairs: PairIndex
  now: () => number
  /** The API key; also the engine owner. */
  owner: string
  /** userref per engine order id: Kraken's integer tag, which the engine does not keep. */
  userrefs: Map<number, number>
  rateLimits: KrakenRateLimits
}

export type PrivateEndpoint = (params: Params, ctx: PrivateContext) => unknown

/** The pair of an engine order (always known: orders are only placed through known pairs). */
export function pairOf(order: Pick<SimOrder, 'symbol'>, ctx: PrivateContext): KrakenPair {
  const pair = ctx.pairs.bySymbol(order.symbol)
  if (!pair) throw new Error(`no Kraken pair for ${order.symbol}`)
  return pair
}
