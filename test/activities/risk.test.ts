// The risk activities (activities/risk.ts) on real parts: the venue simulator through the real connectors (ccxt,
// demo mode) and a SQLite file with the real migrations. What the pre-trade decision is made from must be what the
// venue and the ledger show.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createRiskActivities } from '../../activities/risk.js'
import type { PlaceOrderInput } from '../../activities/orders.js'
import { openDatabase, type OpenedDatabase } from '../../db/client.js'
import { recordExecutionStart } from '../../db/executions.js'
import { getOrderAttempt } from '../../db/order-attempts.js'
import { reserveSendSlot } from '../../db/risk-facts.js'
import { listRiskEvents, setLimits, setTradingState } from '../../db/risk-store.js'
import { DEFAULT_RISK_LIMITS } from '../../domain/risk/config.js'
import { decideOrderRisk } from '../../domain/risk/decide.js'
import type { RiskCheckInput } from '../../domain/risk/types.js'
import type { BinanceConnector } from '../../exchanges/connector.js'
import { createConnectorRegistry, loadExchangeSettings, type ConnectorRegistry } from '../../exchanges/registry.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'

let sim: TestSimulator
let registry: ConnectorRegistry
let database: OpenedDatabase
let dir: string
let risk: ReturnType<typeof createRiskActivities>
let seq = 0

beforeAll(async () => {
  sim = await startTestSimulator()
  registry = createConnectorRegistry(
    { ...loadExchangeSettings({}), exchanges: ['binance', 'kraken'] },
    { simulatorUrls: sim.urls }
  )
  dir = mkdtempSync(join(tmpdir(), 'risk-activities-'))
  database = await openDatabase(join(dir, 'gateway.db'))
  risk = createRiskActivities({ connectors: registry, db: database.db, riskLimits: DEFAULT_RISK_LIMITS })
})

afterAll(async () => {
  await registry?.close()
  await sim?.close()
  await database?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

beforeEach(async () => {
  await database.db.orm.delete(database.db.t.tradingStates)
  await database.db.orm.delete(database.db.t.sendReservations)
  await sim.control.clearFaults()
})

const check = (
  request: Partial<RiskCheckInput['request']> = {},
  rest: Partial<RiskCheckInput> = {}
): RiskCheckInput => {
  seq += 1
  return {
    executionId: 'exec-risk',
    exchange: 'binance',
    request: {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: '0.1',
      clientOrderId: `risk-${seq}`,
      ...request,
    },
    ...rest,
  }
}

describe('checkOrderRisk', () => {
  it('values a market buy at the venue’s best ask and a market sell at its best bid', async () => {
    await sim.control.setBook('binance', 'BTC/USDT', {
      bids: [
        ['60000.5', '2'],
        ['59990', '3'],
      ],
      asks: [
        ['60100.25', '2'],
        ['60110', '3'],
      ],
    })
    try {
      const buy = await risk.checkOrderRisk(check({ side: 'buy' }))
      expect(buy.valuationPrice).toBe('60100.25')
      const sell = await risk.checkOrderRisk(check({ side: 'sell' }))
      expect(sell.valuationPrice).toBe('60000.5')
      // a limit order is valued at its own price
      const limit = await risk.checkOrderRisk(check({ type: 'limit', price: '123.45' }))
      expect(limit.valuationPrice).toBe('123.45')
      expect(buy).toMatchObject({ state: 'ACTIVE', slotReserved: true, limits: DEFAULT_RISK_LIMITS })
      // no maxExposure ceiling applies: the ledger is not summed for a figure nothing will use
      expect(buy.netPosition).toBeUndefined()
      expect(buy.heldAtVenue).toBeUndefined()
    } finally {
      await sim.control.resetBook('binance', 'BTC/USDT')
    }
  })

  it('leaves a market order unvalued when the book has no opposite side: the decision refuses it', async () => {
    await sim.control.setBook('binance', 'BTC/USDT', { bids: [['60000', '1']], asks: [] })
    try {
      const input = check({ side: 'buy' })
      const facts = await risk.checkOrderRisk(input)
      expect(facts.valuationPrice).toBeUndefined()
      expect(decideOrderRisk(facts, input)).toMatchObject({ allowed: false, limit: 'maxOrderNotional' })
    } finally {
      await sim.control.resetBook('binance', 'BTC/USDT')
    }
  })

  it('REDUCING reads the venue’s free balance of the base asset: a sell within it passes, a buy is refused', async () => {
    await setTradingState(database.db, { scope: 'binance', state: 'REDUCING', reason: 'desk', changedBy: 'test' })
    await sim.control.credit('binance', 'BTC', '1.5')
    const free = (await sim.control.balances('binance'))['BTC']!.free
    const sellInput = check({ side: 'sell', amount: '0.2' })
    const sell = await risk.checkOrderRisk(sellInput)
    expect(sell).toMatchObject({ state: 'REDUCING', stateReason: 'desk', heldAtVenue: free })
    expect(decideOrderRisk(sell, sellInput)).toEqual({ allowed: true })
    const buyInput = check({ side: 'buy', amount: '0.2' })
    expect(decideOrderRisk(await risk.checkOrderRisk(buyInput), buyInput)).toMatchObject({
      allowed: false,
      limit: 'tradingState',
    })
    // another venue is not REDUCING and is not asked for its balances
    const kraken = await risk.checkOrderRisk(check({}, { exchange: 'kraken' }))
    expect(kraken.state).toBe('ACTIVE')
    expect(kraken.heldAtVenue).toBeUndefined()
  })

  it('REDUCING reads a futures position signed: a sell reduces the long', async () => {
    const binance = registry.get('binance') as BinanceConnector
    await binance.placeFuturesOrder({
      symbol: 'BTC/USDT:USDT',
      side: 'buy',
      type: 'market',
      amount: '0.01',
      clientOrderId: 'risk-long-1',
    })
    await setTradingState(database.db, { scope: 'all', state: 'REDUCING', reason: 'desk', changedBy: 'test' })
    const input = check({ symbol: 'BTC/USDT:USDT', side: 'sell', amount: '0.01' })
    const facts = await risk.checkOrderRisk(input)
    expect(facts.heldAtVenue).toBe('0.01')
    expect(decideOrderRisk(facts, input)).toEqual({ allowed: true })
    const sellMore = check({ symbol: 'BTC/USDT:USDT', side: 'sell', amount: '0.02' })
    expect(decideOrderRisk(await risk.checkOrderRisk(sellMore), sellMore)).toMatchObject({
      allowed: false,
      limit: 'tradingState',
    })
  })

  it('under HALTED reserves no slot and reads nothing from the venue', async () => {
    await setTradingState(database.db, { scope: 'all', state: 'HALTED', reason: 'kill switch', changedBy: 'test' })
    // a venue that cannot answer does not make the check fail: it is not asked
    await sim.control.setFaults('binance', { errorRate: 1 })
    const facts = await risk.checkOrderRisk(check())
    expect(facts).toMatchObject({ state: 'HALTED', stateReason: 'kill switch', slotReserved: false })
    expect(facts.valuationPrice).toBeUndefined()
    expect(await database.db.orm.select().from(database.db.t.sendReservations)).toHaveLength(0)
  })

  it('reserves a send slot per client order id within the cap; an unwind always gets one', async () => {
    await setLimits(database.db, { ...DEFAULT_RISK_LIMITS, maxOrdersPerMinutePerVenue: 2 }, 'test')
    try {
      const first = check({ type: 'limit', price: '100' })
      expect(await risk.checkOrderRisk(first)).toMatchObject({ slotReserved: true, sentLastMinute: 0 })
      // the retried check of the same order holds the same slot
      expect(await risk.checkOrderRisk(first)).toMatchObject({ slotReserved: true, sentLastMinute: 0 })
      expect(await risk.checkOrderRisk(check({ type: 'limit', price: '100' }))).toMatchObject({
        slotReserved: true,
        sentLastMinute: 1,
      })
      const third = check({ type: 'limit', price: '100' })
      const refused = await risk.checkOrderRisk(third)
      expect(refused).toMatchObject({ slotReserved: false, sentLastMinute: 2 })
      expect(decideOrderRisk(refused, third)).toMatchObject({ allowed: false, limit: 'maxOrdersPerMinutePerVenue' })
      const unwind = check({}, { reducing: true })
      expect(await risk.checkOrderRisk(unwind)).toMatchObject({ slotReserved: true, sentLastMinute: 2 })
    } finally {
      await setLimits(database.db, DEFAULT_RISK_LIMITS, 'test')
    }
  })
})

describe('recordRiskRefusal', () => {
  it('gives the slot back and records the refusal in the ledger (never sent) and the audit, once', async () => {
    await recordExecutionStart(database.db, {
      id: 'exec-refused',
      strategy: 'order',
      symbol: 'BTC/USDT',
      side: 'buy',
      exchanges: 'binance',
      idempotencyKey: null,
      request: {},
    })
    const placement: PlaceOrderInput = {
      executionId: 'exec-refused',
      exchange: 'binance',
      request: {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        amount: '30',
        price: '60000',
        clientOrderId: 'refused-1',
      },
      role: 'primary',
      seq: 1,
    }
    await reserveSendSlot(database.db, {
      clientOrderId: 'refused-1',
      exchange: 'binance',
      cap: 10,
      force: false,
      now: Date.now(),
    })
    const message = 'buy 30 BTC/USDT on binance: order value 1800000 USDT is above maxOrderNotional 1000000 USDT'
    await risk.recordRiskRefusal({ placement, limit: 'maxOrderNotional', message })
    await risk.recordRiskRefusal({ placement, limit: 'maxOrderNotional', message }) // a retry

    expect(await database.db.orm.select().from(database.db.t.sendReservations)).toHaveLength(0)
    expect(await getOrderAttempt(database.db, 'refused-1')).toMatchObject({
      executionId: 'exec-refused',
      role: 'primary',
      seq: 1,
      exchange: 'binance',
      amount: '30',
      price: '60000',
      status: 'rejected',
      errorType: 'RiskRejectedError',
      error: message,
      exchangeOrderId: null,
    })
    const refusals = (await listRiskEvents(database.db, { kind: 'refusal', limit: 10 })).filter(
      (e) => (e.detail as { clientOrderId?: string }).clientOrderId === 'refused-1'
    )
    expect(refusals).toHaveLength(1)
    expect(refusals[0]).toMatchObject({
      scope: 'binance',
      detail: { limit: 'maxOrderNotional', message, executionId: 'exec-refused' },
    })
    // nothing reached the venue
    expect(await sim.control.receivedOrders('binance', { clientOrderId: 'refused-1' })).toHaveLength(0)
  })
})

describe('checkAutomation', () => {
  it('reports the platform state, the monitor’s executions of the last hour and the cap', async () => {
    for (const id of ['mon-a~arb-1', 'mon-a~arb-2', 'mon-b~arb-1']) {
      await recordExecutionStart(database.db, {
        id,
        strategy: 'arbitrage',
        symbol: 'BTC/USDT',
        side: null,
        exchanges: null,
        idempotencyKey: null,
        request: {},
      })
    }
    expect(await risk.checkAutomation({ monitorId: 'mon-a' })).toEqual({
      state: 'ACTIVE',
      executionsLastHour: 2,
      maxPerHour: DEFAULT_RISK_LIMITS.maxAutoExecutionsPerMonitorPerHour,
    })
    // a venue's state is the gate's business; the monitor follows the platform's
    await setTradingState(database.db, { scope: 'kraken', state: 'HALTED', reason: 'venue', changedBy: 'test' })
    expect((await risk.checkAutomation({ monitorId: 'mon-a' })).state).toBe('ACTIVE')
    await setTradingState(database.db, { scope: 'all', state: 'REDUCING', reason: 'desk', changedBy: 'test' })
    expect((await risk.checkAutomation({ monitorId: 'mon-a' })).state).toBe('REDUCING')
  })
})
