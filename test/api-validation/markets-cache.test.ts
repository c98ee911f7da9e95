import { describe, expect, it } from 'vitest'

import { createMarketsCache } from '../../api/markets-cache.js'
import type { ExchangeId, MarketInfo } from '../../domain/types.js'

const market = (exchange: ExchangeId, symbol: string, takerFee: string): MarketInfo => ({
  exchange,
  symbol,
  base: symbol.split('/')[0]!,
  quote: symbol.split('/')[1]!,
  type: 'spot',
  active: true,
  amountStep: '0.0001',
  priceStep: '0.01',
  makerFee: '0.001',
  takerFee,
})

function setup(ttlMs = 1_000) {
  let clock = 0
  const loads: ExchangeId[] = []
  let failNext = false
  const cache = createMarketsCache(
    async (exchange) => {
      loads.push(exchange)
      if (failNext) {
        failNext = false
        throw new Error(`${exchange} is down`)
      }
      return [market(exchange, 'BTC/USDT', `0.00${loads.length}`)]
    },
    { ttlMs, now: () => clock }
  )
  return {
    cache,
    loads,
    advance: (ms: number) => (clock += ms),
    failNextLoad: () => (failNext = true),
  }
}

describe('createMarketsCache', () => {
  it('loads each venue once within the TTL, concurrent callers included, and indexes by symbol', async () => {
    const { cache, loads, advance } = setup()
    const [a, b] = await Promise.all([cache.get('binance'), cache.get('binance')])
    advance(999)
    const c = await cache.get('binance')
    expect(loads).toEqual(['binance'])
    expect(a).toBe(b)
    expect(c).toBe(a)
    expect(a.get('BTC/USDT')?.takerFee).toBe('0.001')
    expect(a.get('ETH/USDT')).toBeUndefined()
  })

  it('keeps venues apart and reloads once the TTL has passed', async () => {
    const { cache, loads, advance } = setup()
    await cache.get('binance')
    await cache.get('kraken')
    advance(1_000)
    const reloaded = await cache.get('binance')
    expect(loads).toEqual(['binance', 'kraken', 'binance'])
    expect(reloaded.get('BTC/USDT')?.takerFee).toBe('0.003')
  })

  it('does not keep a failed load', async () => {
    const { cache, loads, failNextLoad } = setup()
    failNextLoad()
    await expect(cache.get('kraken')).rejects.toThrow('kraken is down')
    const markets = await cache.get('kraken')
    expect(loads).toEqual(['kraken', 'kraken'])
    expect(markets.has('BTC/USDT')).toBe(true)
  })
})
