// The executions a chaos run drives, drawn from the seed: single orders (market, marketable IOC limits, and GTC
// limits far from the market that rest until their expire-at), failover orders, smart orders that must split, and arbitrages
// whose sell leg is refused. Single and failover orders trade SOL, which no lane pins.
import type { ExchangeId } from '../../domain/types.js'
import type { Rng } from '../../sim/engine/rng.js'
import type { PlannedExecution } from './model.js'
import { ARBITRAGE_AMOUNT, ARBITRAGE_LANES, SMART_AMOUNT_RANGE, SMART_LANES, VENUES } from './venues.js'

/** Shares of the work: the rest are single orders. */
const SHARES = { failover: 0.25, smart: 0.1, arbitrage: 0.08 }

const amountBetween = (rng: Rng, min: number, max: number, decimals: number): string =>
  rng.between(min, max).toFixed(decimals)

const solSymbol = (venue: ExchangeId): string => (venue === 'binance' ? 'SOL/USDT' : 'SOL/USD')

function singleOrderBody(rng: Rng, venue: ExchangeId): Record<string, unknown> {
  const side = rng.chance(0.5) ? 'buy' : 'sell'
  const base = { exchange: venue, symbol: solSymbol(venue), side, amount: amountBetween(rng, 0.5, 5, 1) }
  const variant = rng.next()
  if (variant < 0.6) return { ...base, type: 'market' }
  // Marketable: far through the book, so the IOC takes what is there at once.
  if (variant < 0.85) return { ...base, type: 'limit', timeInForce: 'IOC', price: side === 'buy' ? '170' : '130' }
  // Far from the market: it rests, followed by its run (through the kills) until its expire-at timer cancels it;
  // the ledger must say what the venue says. The API client turns expireInMs into an expire-at when it first sends.
  return {
    ...base,
    type: 'limit',
    timeInForce: 'GTC',
    price: side === 'buy' ? '90' : '250',
    expireInMs: Math.round(rng.between(4_000, 12_000)),
  }
}

export function planExecutions(rng: Rng, total: number, runId: string): PlannedExecution[] {
  const counts = {
    failover: Math.round(total * SHARES.failover),
    smart: Math.round(total * SHARES.smart),
    arbitrage: Math.round(total * SHARES.arbitrage),
  }
  const kinds: PlannedExecution['kind'][] = [
    ...Array<'failover'>(counts.failover).fill('failover'),
    ...Array<'smart'>(counts.smart).fill('smart'),
    ...Array<'arbitrage'>(counts.arbitrage).fill('arbitrage'),
  ]
  while (kinds.length < total) kinds.push('order')
  // Interleave the kinds: shuffle with the seed.
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    ;[kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!]
  }

  const smartSide: Record<string, 'buy' | 'sell'> = {}
  let smartCount = 0
  let arbitrageCount = 0
  return kinds.map((kind, index): PlannedExecution => {
    const idempotencyKey = `chaos-${runId}-${String(index).padStart(4, '0')}`
    /** The API's workflow id for the key, and where to POST and GET the run. */
    const routed = (prefix: string, path: string, getPath = path) => ({
      kind,
      idempotencyKey,
      workflowId: `${prefix}-${idempotencyKey}`,
      path,
      statusPath: `${getPath}/${prefix}-${idempotencyKey}`,
    })
    if (kind === 'order') {
      const venue = VENUES[rng.int(0, VENUES.length - 1)]!
      const body = singleOrderBody(rng, venue)
      return { ...routed('order', '/api/orders'), body, venues: [venue], amount: body.amount as string }
    }
    if (kind === 'failover') {
      const [primary, backup]: [ExchangeId, ExchangeId] = rng.chance(0.5)
        ? ['coinbase', 'kraken']
        : ['kraken', 'coinbase']
      const amount = amountBetween(rng, 0.5, 3, 1)
      const side = rng.chance(0.5) ? 'buy' : 'sell'
      const order = { exchange: primary, symbol: 'SOL/USD', side, type: 'market', amount }
      const body = { order, backupExchanges: [backup] }
      return { ...routed('failover', '/api/orders/failover'), body, venues: [primary, backup], amount }
    }
    if (kind === 'smart') {
      const lane = SMART_LANES[smartCount++ % SMART_LANES.length]!
      // Alternate sides per lane so the accounts' base balances (which the arbitrages rely on) stay put.
      const side = (smartSide[lane] = smartSide[lane] === 'buy' ? 'sell' : 'buy')
      const [min, max, decimals] = SMART_AMOUNT_RANGE[lane]
      const amount = amountBetween(rng, min, max, decimals)
      const body = { symbol: lane, side, type: 'market', amount, allowSplit: true }
      return { ...routed('smart', '/api/smart-order'), body, venues: [...VENUES], amount, lane: `smart ${lane}` }
    }
    const lane = ARBITRAGE_LANES[arbitrageCount++ % ARBITRAGE_LANES.length]!
    const amount = ARBITRAGE_AMOUNT[lane]
    const body = { symbol: lane, buyExchange: 'coinbase', sellExchange: 'kraken', amount, minProfitPct: 0.1 }
    return {
      ...routed('arb', '/api/arbitrage/execute'),
      body,
      venues: ['coinbase', 'kraken'],
      amount,
      lane: `arbitrage ${lane}`,
    }
  })
}
