// The chaos suite's checks must be able to fail: each is fed an observation with the fault it exists to catch
// (the ones issue 7 saw: a crashed worker's order ended not_placed, a smart order left unknown), and one clean
// observation passes them all.
import { describe, expect, it } from 'vitest'

import {
  checkArbitrageFlat,
  checkClosed,
  checkLedgerMatchesVenues,
  checkNoDuplicates,
  checkOutcomesMatchVenues,
  checkPlacedWhileVenuesUp,
  checkResolved,
  runChecks,
} from './checks.js'
import type { ChaosObservation, ExecutionRecord, LedgerRow, PlannedExecution, VenueOrder } from './model.js'

const T0 = 1_000_000

function planned(
  kind: PlannedExecution['kind'],
  workflowId: string,
  venues: PlannedExecution['venues'],
  amount = '1'
): PlannedExecution {
  return { workflowId, kind, idempotencyKey: workflowId, path: '/x', statusPath: '/x', body: {}, venues, amount }
}

function execution(p: PlannedExecution, outcome: string, extra: Partial<ExecutionRecord> = {}): ExecutionRecord {
  return { planned: p, status: 'COMPLETED', outcome, acceptedAt: T0, closedAt: T0 + 5_000, ...extra }
}

const venueOrder = (clientOrderId: string, extra: Partial<VenueOrder> = {}): VenueOrder => ({
  venue: 'binance',
  clientOrderId,
  symbol: 'SOL/USDT',
  side: 'buy',
  status: 'filled',
  amount: '1',
  filled: '1',
  ...extra,
})

const row = (clientOrderId: string, executionId: string, extra: Partial<LedgerRow> = {}): LedgerRow => ({
  clientOrderId,
  executionId,
  exchange: 'binance',
  role: 'primary',
  side: 'buy',
  status: 'closed',
  filled: '1',
  ...extra,
})

const single = planned('order', 'order-1', ['binance'])
const smart = planned('smart', 'smart-1', ['binance', 'coinbase', 'kraken'], '0.5')
const arbitrage = planned('arbitrage', 'arb-1', ['coinbase', 'kraken'], '15')

/** A run where everything went right: one filled single order, a split smart order, an unwound arbitrage. */
function cleanRun(): ChaosObservation {
  return {
    executions: [
      execution(single, 'placed'),
      execution(smart, 'filled'),
      execution(arbitrage, 'unwound', { flat: true }),
    ],
    venueOrders: [
      venueOrder('c-1'),
      venueOrder('s-1', { filled: '0.25', amount: '0.25' }),
      venueOrder('s-2', { venue: 'kraken', filled: '0.25', amount: '0.25' }),
      venueOrder('a-buy', { venue: 'coinbase', filled: '15', amount: '15' }),
      venueOrder('a-unwind', { venue: 'coinbase', side: 'sell', filled: '15', amount: '15' }),
    ],
    ledger: [
      row('c-1', 'order-1'),
      row('s-1', 'smart-1', { filled: '0.25' }),
      row('s-2', 'smart-1', { exchange: 'kraken', filled: '0.25' }),
      row('a-buy', 'arb-1', { exchange: 'coinbase', filled: '15' }),
      row('a-sell', 'arb-1', { exchange: 'kraken', side: 'sell', status: 'rejected', filled: null }),
      row('a-unwind', 'arb-1', { exchange: 'coinbase', side: 'sell', filled: '15' }),
    ],
    executionRows: [{ id: 'order-1', status: 'completed', outcome: 'FILLED' }],
    faults: [],
  }
}

describe('chaos checks', () => {
  it('pass a clean run', () => {
    expect(runChecks(cleanRun()).flatMap((r) => r.violations)).toEqual([])
  })

  it('catch an execution still running or never started', () => {
    const run = cleanRun()
    run.executions[0] = { ...run.executions[0]!, status: 'RUNNING', outcome: undefined }
    expect(checkClosed(run).violations).toEqual(['order-1: running'])
  })

  it('catch two orders under one client order id, and an overfilled smart order', () => {
    const run = cleanRun()
    run.venueOrders.push(venueOrder('c-1'), venueOrder('s-3', { venue: 'coinbase', filled: '0.25' }))
    run.ledger.push(row('s-3', 'smart-1', { exchange: 'coinbase', filled: '0.25' }))
    const violations = checkNoDuplicates(run).violations
    expect(violations).toContain('binance:c-1: 2 orders at the venue')
    expect(violations).toContain('smart-1: filled 0.75 of 0.5 asked (overfilled)')
  })

  it('catch a venue order the ledger lacks, a fill it missed, and a ledger order the venue never had', () => {
    const run = cleanRun()
    run.venueOrders.push(venueOrder('stray'))
    run.ledger[0] = row('c-1', 'order-1', { filled: '0.5' })
    run.ledger.push(row('ghost', 'order-1', { status: 'open', filled: '0' }))
    expect(checkLedgerMatchesVenues(run).violations).toEqual([
      'binance:c-1: venue filled 1, ledger 0.5',
      'binance:stray: at the venue (filled, filled 1) but not in the ledger',
      'binance:ghost: the ledger says open (filled 0) but the venue has no such order',
    ])
  })

  it('catch a single order ended not_placed while its venue was up, and excuse it while the venue was down', () => {
    const run = cleanRun()
    run.executions[0] = execution(single, 'not_placed')
    run.venueOrders.shift()
    run.ledger[0] = row('c-1', 'order-1', { status: 'absent', filled: null })
    expect(checkPlacedWhileVenuesUp(run).violations).toEqual(['order-1: not_placed although binance were up'])
    run.faults.push({ venue: 'binance', label: 'held', from: T0, to: T0 + 9_000, excusesNotPlaced: false })
    expect(checkPlacedWhileVenuesUp(run).violations).toHaveLength(1)
    run.faults.push({ venue: 'binance', label: 'down', from: T0 + 1_000, to: T0 + 2_000, excusesNotPlaced: true })
    expect(checkPlacedWhileVenuesUp(run).violations).toEqual([])
  })

  it('catch a smart order left unknown with its ledger row still sent', () => {
    const run = cleanRun()
    run.executions[1] = execution(smart, 'unknown')
    run.ledger[2] = row('s-2', 'smart-1', { exchange: 'kraken', status: 'sent', filled: null })
    expect(checkResolved(run).violations).toEqual([
      'smart-1: ended with outcome unknown',
      'kraken:s-2 (smart-1): ledger row still sent',
    ])
    expect(checkLedgerMatchesVenues(run).violations).toEqual([
      'kraken:s-2: at the venue (filled, filled 0.25) but the ledger says sent',
    ])
  })

  it('catch an arbitrage that is not flat at the venues', () => {
    const run = cleanRun()
    run.venueOrders.pop()
    run.ledger.pop()
    expect(checkArbitrageFlat(run).violations).toEqual(['arb-1: unwound, net 15 at the venues (dust allowed 0)'])
  })

  it('catch an order told not_placed that the venue filled', () => {
    const run = cleanRun()
    run.executions[0] = execution(single, 'not_placed')
    expect(checkOutcomesMatchVenues(run).violations).toEqual([
      'order-1: told not_placed, yet the venues hold 1 order(s), filled 1',
    ])
  })
})
