// The comparison of the ledger with one venue: which rows need a lookup, every difference, and what the venue's
// answers settle; and never a row or an order that the platform is placing right now.
import { describe, expect, it } from 'vitest'

import { reconcileLedger, rowsToLookUp, type LedgerOrder, type ReconcileTiming } from '../../domain/reconciliation.js'
import type { Fill, UnifiedOrder } from '../../domain/types.js'

const NOW = 1_000_000_000
const GRACE = 120_000
const timing: ReconcileTiming = { now: NOW, graceMs: GRACE, venueReadAt: NOW - 1_000 }
const OLD = NOW - 10 * 60_000
const FRESH = NOW - 5_000

function row(clientOrderId: string, overrides: Partial<LedgerOrder> = {}): LedgerOrder {
  return {
    clientOrderId,
    executionId: `exec-${clientOrderId}`,
    exchange: 'binance',
    symbol: 'BTC/USDT',
    side: 'buy',
    amount: '1',
    status: 'closed',
    exchangeOrderId: `v-${clientOrderId}`,
    filled: '1',
    updatedAt: OLD,
    executionEnded: false,
    ...overrides,
  }
}

function order(id: string, overrides: Partial<UnifiedOrder> = {}): UnifiedOrder {
  return {
    exchange: 'binance',
    id,
    clientOrderId: '',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    status: 'open',
    amount: '1',
    price: '60000',
    filled: '0',
    remaining: '1',
    cost: '0',
    timestamp: OLD,
    ...overrides,
  }
}

function fill(orderId: string, amount: string, overrides: Partial<Fill> = {}): Fill {
  return {
    id: `f-${orderId}-${amount}`,
    orderId,
    symbol: 'BTC/USDT',
    side: 'buy',
    price: '60000',
    amount,
    timestamp: OLD,
    ...overrides,
  }
}

describe('rowsToLookUp', () => {
  it('looks up every in-flight row the open orders do not show, and no settled one', () => {
    const ledger = [
      row('pending', { status: 'pending', exchangeOrderId: null, filled: null }),
      row('sent', { status: 'sent', exchangeOrderId: null, filled: null }),
      row('unknown', { status: 'unknown', exchangeOrderId: null, filled: null }),
      row('open-listed', { status: 'open', filled: '0' }),
      row('open-gone', { status: 'open', filled: '0' }),
      row('closed'),
      row('absent', { status: 'absent', exchangeOrderId: null, filled: null }),
    ]
    const openOrders = [order('v-open-listed')]
    expect(rowsToLookUp(ledger, { openOrders }, timing)).toEqual(['pending', 'sent', 'unknown', 'open-gone'])
  })

  it("matches an open order to its row by our client order id or the venue's, when the ledger lacks the venue id", () => {
    const ledger = [
      row('a', { status: 'sent', exchangeOrderId: null, filled: null }),
      row('b', { status: 'sent', exchangeOrderId: null, filled: null, venueClientOrderId: 'uuid-b' }),
    ]
    const openOrders = [order('x', { clientOrderId: 'a' }), order('y', { clientOrderId: 'uuid-b' })]
    expect(rowsToLookUp(ledger, { openOrders }, timing)).toEqual([])
  })

  it('leaves rows touched within the grace window, or after the venue was read, to their workflows', () => {
    const ledger = [
      row('fresh', { status: 'sent', exchangeOrderId: null, updatedAt: FRESH }),
      row('after-read', { status: 'sent', exchangeOrderId: null, updatedAt: timing.venueReadAt }),
    ]
    expect(rowsToLookUp(ledger, { openOrders: [] }, { ...timing, graceMs: 0 })).toEqual(['fresh'])
    expect(rowsToLookUp(ledger, { openOrders: [] }, timing)).toEqual([])
  })

  it('looks up a finished row only when its fills add up to more than the ledger records', () => {
    const ledger = [row('short', { filled: '0.5', status: 'canceled' }), row('exact'), row('window-missed-some')]
    const fills = [
      fill('v-short', '0.5'),
      fill('v-short', '0.25'),
      fill('v-exact', '1'),
      // the window began after the first fills: fewer fills than recorded prove nothing
      fill('v-window-missed-some', '0.3'),
    ]
    expect(rowsToLookUp(ledger, { openOrders: [], fills }, timing)).toEqual(['short'])
  })
})

describe('reconcileLedger', () => {
  it('reports nothing when the ledger and the venue agree', () => {
    const ledger = [
      row('closed'),
      row('open', { status: 'open', filled: '0.2' }),
      row('canceled', { status: 'canceled', filled: '0.5' }),
    ]
    const outcome = reconcileLedger({
      ledger,
      openOrders: [order('v-open', { filled: '0.2' })],
      fills: [fill('v-closed', '1'), fill('v-open', '0.2'), fill('v-canceled', '0.5')],
      lookups: {},
      timing,
    })
    expect(outcome).toEqual({ differences: [], settlements: [] })
  })

  it('(a) reports an open order the ledger lacks, once it is older than the grace window', () => {
    const outsider = order('v-outsider', { clientOrderId: 'manual-1', price: '50000' })
    const young = order('v-young', { timestamp: FRESH })
    const { differences, settlements } = reconcileLedger({
      ledger: [],
      openOrders: [outsider, young],
      lookups: {},
      timing,
    })
    expect(differences).toEqual([
      {
        kind: 'unknown_to_ledger',
        symbol: 'BTC/USDT',
        exchangeOrderId: 'v-outsider',
        venue: expect.objectContaining({
          id: 'v-outsider',
          clientOrderId: 'manual-1',
          status: 'open',
          price: '50000',
          source: 'open_orders',
        }),
        settled: false,
      },
    ])
    expect(settlements).toEqual([])
  })

  it('(a) reports a filled order the ledger lacks from the fills, once per order with the summed amount', () => {
    const fills = [
      fill('v-lost', '0.1'),
      fill('v-lost', '0.15', { timestamp: OLD + 1 }),
      fill('v-mine', '1'),
      fill('v-now', '1', { timestamp: FRESH }),
    ]
    const { differences } = reconcileLedger({ ledger: [row('mine')], openOrders: [], fills, lookups: {}, timing })
    expect(differences).toHaveLength(1)
    expect(differences[0]).toMatchObject({
      kind: 'unknown_to_ledger',
      exchangeOrderId: 'v-lost',
      venue: { id: 'v-lost', status: 'unknown', filled: '0.25', timestamp: OLD, source: 'fills' },
    })
  })

  it('(a) does not report the fill of an in-flight row that a lookup matched to its venue id', () => {
    const ledger = [row('sent', { status: 'sent', exchangeOrderId: null, filled: null })]
    const found = order('v-found', { status: 'closed', filled: '1', clientOrderId: 'sent' })
    const { differences } = reconcileLedger({
      ledger,
      openOrders: [],
      fills: [fill('v-found', '1')],
      lookups: { sent: found },
      timing,
    })
    expect(differences.map((d) => d.kind)).toEqual(['fill_not_recorded'])
  })

  it('(b) reports an in-flight row the venue does not know, and settles nothing while its execution runs', () => {
    const ledger = [row('ghost', { status: 'sent', exchangeOrderId: null, filled: null })]
    const { differences, settlements } = reconcileLedger({ ledger, openOrders: [], lookups: { ghost: null }, timing })
    expect(differences).toEqual([
      {
        kind: 'unknown_to_venue',
        symbol: 'BTC/USDT',
        clientOrderId: 'ghost',
        executionId: 'exec-ghost',
        ledger: { status: 'sent', filled: '0' },
        settled: false,
      },
    ])
    expect(settlements).toEqual([])
  })

  it('(b) marks the row absent once its execution has ended: nothing can send it any more', () => {
    const ledger = [
      row('left-pending', { status: 'pending', exchangeOrderId: null, filled: null, executionEnded: true }),
    ]
    const { differences, settlements } = reconcileLedger({
      ledger,
      openOrders: [],
      lookups: { 'left-pending': null },
      timing,
    })
    expect(differences.map((d) => d.kind)).toEqual(['unknown_to_venue'])
    expect(settlements).toEqual([{ clientOrderId: 'left-pending', expectedUpdatedAt: OLD, absent: true }])
  })

  it('(b) a finished row the venue no longer finds is not reported (venues forget old orders)', () => {
    const { differences } = reconcileLedger({ ledger: [row('old')], openOrders: [], lookups: { old: null }, timing })
    expect(differences).toEqual([])
  })

  it('(c) reports and settles a fill the ledger has not recorded, from a lookup or the open orders', () => {
    const ledger = [row('stale', { status: 'open', filled: '0' }), row('partial', { status: 'open', filled: '0.1' })]
    const closed = order('v-stale', { status: 'closed', filled: '1', remaining: '0', cost: '60000', average: '60000' })
    const partial = order('v-partial', { filled: '0.4' })
    const { differences, settlements } = reconcileLedger({
      ledger,
      openOrders: [partial],
      lookups: { stale: closed },
      timing,
    })
    expect(differences).toEqual([
      expect.objectContaining({
        kind: 'fill_not_recorded',
        clientOrderId: 'partial',
        ledger: { status: 'open', filled: '0.1' },
        venue: expect.objectContaining({ status: 'open', filled: '0.4', source: 'open_orders' }),
      }),
      expect.objectContaining({
        kind: 'fill_not_recorded',
        clientOrderId: 'stale',
        ledger: { status: 'open', filled: '0' },
        venue: expect.objectContaining({ status: 'closed', filled: '1', source: 'lookup' }),
      }),
    ])
    expect(settlements).toEqual([
      { clientOrderId: 'partial', expectedUpdatedAt: OLD, order: partial },
      { clientOrderId: 'stale', expectedUpdatedAt: OLD, order: closed },
    ])
  })

  it('compares amounts as decimals, not as strings', () => {
    const ledger = [row('same', { status: 'open', filled: '0.10' })]
    const { differences } = reconcileLedger({
      ledger,
      openOrders: [order('v-same', { filled: '0.1' })],
      lookups: {},
      timing,
    })
    expect(differences).toEqual([])
  })

  it('reports and settles a status the ledger has not recorded (an unknown outcome the venue has, a cancel)', () => {
    const ledger = [
      row('unknown', { status: 'unknown', exchangeOrderId: null, filled: null }),
      row('canceled-at-venue', { status: 'open', filled: '0' }),
      row('absent-but-there', { status: 'absent', exchangeOrderId: null, filled: null }),
    ]
    const resting = order('v-unknown', { clientOrderId: 'unknown' })
    const canceled = order('v-canceled-at-venue', { status: 'canceled' })
    const found = order('v-found', { clientOrderId: 'absent-but-there' })
    const { differences, settlements } = reconcileLedger({
      ledger,
      openOrders: [resting, found],
      lookups: { 'canceled-at-venue': canceled },
      timing,
    })
    expect(differences.map((d) => [d.kind, d.clientOrderId, d.ledger?.status, d.venue?.status])).toEqual([
      ['status_not_recorded', 'unknown', 'unknown', 'open'],
      ['status_not_recorded', 'absent-but-there', 'absent', 'open'],
      ['status_not_recorded', 'canceled-at-venue', 'open', 'canceled'],
    ])
    expect(settlements.map((s) => s.clientOrderId)).toEqual(['unknown', 'absent-but-there', 'canceled-at-venue'])
  })

  it("never judges a row touched after the venue was read: the venue's answer may be older than the row", () => {
    const ledger = [row('just-filled', { status: 'closed', filled: '1', updatedAt: timing.venueReadAt + 10 })]
    const stillOpen = order('v-just-filled', { filled: '0' })
    const { differences, settlements } = reconcileLedger({
      ledger,
      openOrders: [stillOpen],
      lookups: {},
      timing: { ...timing, graceMs: 0 },
    })
    expect(differences).toEqual([])
    expect(settlements).toEqual([])
  })

  it('reports a row once even when the open orders and a lookup both answer for it', () => {
    const ledger = [row('twice', { status: 'sent', exchangeOrderId: null, filled: null })]
    const open = order('v-twice', { clientOrderId: 'twice' })
    const { differences } = reconcileLedger({ ledger, openOrders: [open], lookups: { twice: open }, timing })
    expect(differences).toHaveLength(1)
  })
})
