// The markets an answer's rounding needs (api/display.ts), from one markets cache per app. A venue whose market list
// cannot be had quickly leaves its figures to the other venues' precision, or exact: an answer is never held up or
// failed for the sake of its digits.
import type { ExchangeId } from '../domain/types.js'
import type { AppDeps } from './deps.js'
import { finest, precisionOfMarket, roundForDisplay, symbolsIn, type DisplayPrecision } from './display.js'
import { runRead } from './exchange-read.js'
import { createMarketsCache, type MarketsCache } from './markets-cache.js'

/** How long an answer waits for a market list it does not have yet. */
export const DISPLAY_MARKETS_WAIT_MS = 2_000

const caches = new WeakMap<object, MarketsCache>()

/** The app's markets cache: one per set of deps (one app), shared by the routes that need fees or precision. */
export function marketsOf(deps: Pick<AppDeps, 'runner' | 'reader'>): MarketsCache {
  let cache = caches.get(deps)
  if (!cache) {
    cache = createMarketsCache((exchange) => runRead(deps, exchange, { operation: 'markets' }))
    caches.set(deps, cache)
  }
  return cache
}

/** `answer` with its prices and costs rounded to the precision of the markets it names (or of `symbol`). */
export async function displayed<T>(
  deps: Pick<AppDeps, 'runner' | 'reader' | 'exchanges'>,
  answer: T,
  symbol?: string
): Promise<T> {
  const symbols = symbolsIn(answer, symbol)
  if (symbols.size === 0) return answer
  const markets = marketsOf(deps)
  const lists = await Promise.all(deps.exchanges.map((exchange) => withinWait(markets.get(exchange))))
  const precisions = new Map<string, DisplayPrecision | undefined>()
  deps.exchanges.forEach((exchange, i) => {
    for (const s of symbols) {
      const market = lists[i]?.get(s)
      if (market) precisions.set(`${exchange} ${s}`, precisionOfMarket(market))
    }
  })
  const precisionOf = (s: string, exchange?: ExchangeId) =>
    (exchange && precisions.get(`${exchange} ${s}`)) || finest(deps.exchanges.map((e) => precisions.get(`${e} ${s}`)))
  return roundForDisplay(answer, precisionOf, symbol)
}

async function withinWait<T>(load: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), DISPLAY_MARKETS_WAIT_MS)
  })
  try {
    return await Promise.race([load.catch(() => undefined), late])
  } finally {
    clearTimeout(timer)
  }
}
