// Risk limits, the trading state and the kill switch through the real Hono app, on a SQLite file, with the worker on
// the Temporal dev server and the venues of the simulator (the venue's own order list is the truth).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { recordExecutionEnd, recordExecutionStart } from '../../db/executions.js'
import { getOrderAttempt } from '../../db/order-attempts.js'
import { listRiskEvents } from '../../db/risk-store.js'
import { DEFAULT_RISK_LIMITS } from '../../domain/risk/config.js'
import { startTestStack, type TestStack } from '../support/stack.js'
import { waitFor } from '../support/wait-for.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack()
  await stack.sim.control.setBook('binance', 'BTC/USDT', { bids: [['63990', '5']], asks: [['64010', '5']] })
})
afterAll(async () => stack?.close())
beforeEach(async () => {
  // Each test starts ACTIVE under the configuration's limits, with an empty audit.
  const { tradingStates, riskLimits, riskEvents, sendReservations } = stack.db.t
  for (const table of [tradingStates, riskLimits, riskEvents, sendReservations]) await stack.db.orm.delete(table)
})

describe('GET and PUT /api/trading-state', () => {
  it('is ACTIVE everywhere until set', async () => {
    const { status, body } = await stack.request('GET', '/api/trading-state')
    expect(status).toBe(200)
    expect(body.states).toEqual([
      { scope: 'all', state: 'ACTIVE', reason: 'default', changedBy: 'default', changedAt: 0 },
    ])
    expect(body.effective).toEqual({
      binance: { state: 'ACTIVE', reason: 'default', scope: 'all' },
      coinbase: { state: 'ACTIVE', reason: 'default', scope: 'all' },
      kraken: { state: 'ACTIVE', reason: 'default', scope: 'all' },
    })
  })

  it('sets the platform or one venue, effective per venue, audited with the actor', async () => {
    const venue = await stack.request('PUT', '/api/trading-state', {
      state: 'HALTED',
      reason: 'kraken incident',
      exchange: 'kraken',
    })
    expect(venue.status).toBe(200)
    expect(venue.body).toMatchObject({ scope: 'kraken', state: 'HALTED', reason: 'kraken incident', changedBy: 'api' })
    expect(venue.body.cancelWorkflowId).toBeUndefined()
    const all = await stack.request('PUT', '/api/trading-state', { state: 'REDUCING', reason: 'end of quarter' })
    expect(all.status).toBe(200)
    const { body } = await stack.request('GET', '/api/trading-state')
    expect(body.states.map((s: any) => [s.scope, s.state])).toEqual([
      ['all', 'REDUCING'],
      ['kraken', 'HALTED'],
    ])
    expect(body.effective.kraken).toEqual({ state: 'HALTED', reason: 'kraken incident', scope: 'kraken' })
    expect(body.effective.binance).toEqual({ state: 'REDUCING', reason: 'end of quarter', scope: 'all' })
    const audit = await listRiskEvents(stack.db, { kind: 'state_changed', limit: 10 })
    expect(audit.map((e) => [e.scope, e.actor, (e.detail as any).after.state])).toEqual([
      ['all', 'api', 'REDUCING'],
      ['kraken', 'api', 'HALTED'],
    ])
  })

  it('answers 400 naming the field for a bad body', async () => {
    const cases: [unknown, string][] = [
      [{ reason: 'x' }, 'state'],
      [{ state: 'STOPPED', reason: 'x' }, 'state'],
      [{ state: 'HALTED' }, 'reason'],
      [{ state: 'HALTED', reason: '   ' }, 'reason'],
      [{ state: 'HALTED', reason: 'x'.repeat(501) }, 'reason'],
      [{ state: 'HALTED', reason: 'x', exchange: 'nasdaq' }, 'exchange'],
      [{ state: 'HALTED', reason: 'x', cancelOpenOrders: 'yes' }, 'cancelOpenOrders'],
    ]
    for (const [body, field] of cases) {
      const response = await stack.request('PUT', '/api/trading-state', body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.error).toMatchObject({ code: 'validation_error', field })
      expect(response.body.error.message).toMatch(new RegExp(`^${field}: `))
    }
    const extra = await stack.request('PUT', '/api/trading-state', { state: 'HALTED', reason: 'x', scope: 'all' })
    expect(extra.status).toBe(400)
    expect(extra.body.error.message).toMatch(/scope/)
    expect(await listRiskEvents(stack.db, { limit: 10 })).toEqual([])
  })
})

describe('GET /api/risk and PUT /api/risk/limits', () => {
  it('shows the configuration limits until changed; a partial change is merged, audited and shown', async () => {
    const before = await stack.request('GET', '/api/risk')
    expect(before.status).toBe(200)
    expect(before.body.limits).toEqual(DEFAULT_RISK_LIMITS)
    const changed = await stack.request('PUT', '/api/risk/limits', {
      maxOrderNotional: '250000',
      maxOrderNotionalBySymbol: { 'BTC/USDT': '100000' },
      venueErrorHalt: { rate: 0.25 },
    })
    expect(changed.status).toBe(200)
    const expected = {
      ...DEFAULT_RISK_LIMITS,
      maxOrderNotional: '250000',
      maxOrderNotionalBySymbol: { 'BTC/USDT': '100000' },
      venueErrorHalt: { ...DEFAULT_RISK_LIMITS.venueErrorHalt, rate: 0.25 },
    }
    expect(changed.body.limits).toEqual(expected)
    expect((await stack.request('GET', '/api/risk')).body.limits).toEqual(expected)
    const [audit] = await listRiskEvents(stack.db, { kind: 'limits_changed', limit: 10 })
    expect(audit).toMatchObject({ actor: 'api', detail: { before: null, after: expected } })
  })

  it('answers 400 naming the field and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ maxOrderNotional: '-1' }, 'maxOrderNotional'],
      [{ maxOrderNotional: 1000 }, 'maxOrderNotional'],
      [{ maxOrdersPerMinutePerVenue: 0 }, 'maxOrdersPerMinutePerVenue'],
      [{ venueErrorHalt: { rate: 2 } }, 'venueErrorHalt.rate'],
      [{ maxExposure: { BTC: 'a lot' } }, 'maxExposure.BTC'],
      [{ maxOrderSize: '5' }, 'maxOrderSize'],
    ]
    for (const [body, field] of cases) {
      const response = await stack.request('PUT', '/api/risk/limits', body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.error).toMatchObject({ code: 'validation_error', field })
    }
    expect((await stack.request('PUT', '/api/risk/limits', '[1]')).status).toBe(400)
    expect((await stack.request('GET', '/api/risk')).body.limits).toEqual(DEFAULT_RISK_LIMITS)
    expect(await listRiskEvents(stack.db, { limit: 10 })).toEqual([])
  })

  it('shows usage against each limit, and a daily loss past its limit halts trading, shown in /health', async () => {
    await stack.request('PUT', '/api/risk/limits', { maxDailyArbitrageLoss: '100', maxOrdersPerMinutePerVenue: 50 })
    const now = Date.now()
    await stack.db.orm.insert(stack.db.t.sendReservations).values([
      { clientOrderId: 'usage-1', exchange: 'binance', at: now - 1_000 },
      { clientOrderId: 'usage-2', exchange: 'binance', at: now - 2_000 },
      { clientOrderId: 'usage-3', exchange: 'binance', at: now - 120_000 },
      { clientOrderId: 'usage-4', exchange: 'kraken', at: now - 3_000 },
    ])
    const loss = async (id: string, profit: string) => {
      await recordExecutionStart(stack.db, { id, strategy: 'arbitrage', symbol: 'BTC/USDT', request: {} })
      await recordExecutionEnd(stack.db, id, { status: 'completed', outcome: 'unwound', profit }, now)
    }
    await loss('risk-usage-arb-1', '-40.5')
    await loss('risk-usage-arb-2', '12')

    const below = await stack.request('GET', '/api/risk')
    expect(below.body.usage).toEqual({
      ordersLastMinute: {
        binance: { used: 2, limit: 50 },
        coinbase: { used: 0, limit: 50 },
        kraken: { used: 1, limit: 50 },
      },
      dailyArbitrageLoss: { used: '40.5', limit: '100' },
      unresolvedOrders: { used: 0, limit: 20 },
      // no maxExposure key configured: nothing to show
      exposure: {},
      venueErrors: {
        binance: { requests: expect.any(Number), failures: 0, rateLimit: 0.5, minRequests: 20 },
        coinbase: { requests: expect.any(Number), failures: 0, rateLimit: 0.5, minRequests: 20 },
        kraken: { requests: expect.any(Number), failures: 0, rateLimit: 0.5, minRequests: 20 },
      },
    })
    expect(below.body.halts).toEqual([])
    expect(below.body.states[0].state).toBe('ACTIVE')
    const healthy = await stack.request('GET', '/health')
    expect(healthy.status).toBe(200)
    expect(healthy.body.tradingState.effective.binance.state).toBe('ACTIVE')
    expect(healthy.body.halts).toEqual([])
    expect(healthy.body.warnings ?? []).not.toContainEqual(expect.stringMatching(/HALTED/))

    await loss('risk-usage-arb-3', '-60')
    const halted = await stack.request('GET', '/api/risk')
    expect(halted.body.usage.dailyArbitrageLoss).toEqual({ used: '100.5', limit: '100' })
    expect(halted.body.states[0]).toMatchObject({ scope: 'all', state: 'HALTED', changedBy: 'auto:daily_loss' })
    expect(halted.body.halts).toEqual([
      {
        kind: 'daily_loss',
        scope: 'all',
        reason: expect.stringMatching(/100\.5.*maxDailyArbitrageLoss 100/),
        at: expect.any(Number),
        active: true,
      },
    ])
    const health = await stack.request('GET', '/health')
    expect(health.status).toBe(200)
    expect(health.body.halts).toEqual(halted.body.halts)
    expect(health.body.tradingState.effective.kraken).toMatchObject({ state: 'HALTED', scope: 'all' })
    expect(health.body.warnings).toContainEqual(
      expect.stringMatching(/trading HALTED for all venues \(realised arbitrage loss.*auto:daily_loss/)
    )

    // The operator takes responsibility: ACTIVE again, and the same halt does not fire again today.
    await stack.request('PUT', '/api/trading-state', { state: 'ACTIVE', reason: 'loss reviewed' })
    const resumed = await stack.request('GET', '/api/risk')
    expect(resumed.body.states[0]).toMatchObject({ state: 'ACTIVE', changedBy: 'api' })
    expect(resumed.body.halts).toEqual([{ ...halted.body.halts[0], active: false }])
    expect((await stack.request('GET', '/health')).body.halts).toEqual([])
  })
})

describe('422 risk_rejected', () => {
  it('an order over the notional cap is refused with the limit and figures, and nothing reaches the venue', async () => {
    await stack.request('PUT', '/api/risk/limits', { maxOrderNotional: '1000' })
    const clientOrderId = 'risk-api-notional-1'
    const response = await stack.request('POST', '/api/orders', {
      exchange: 'binance',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      price: '60000',
      amount: '0.1',
      clientOrderId,
    })
    expect(response.status).toBe(422)
    expect(response.body.error).toMatchObject({ code: 'risk_rejected', type: 'RiskRejectedError' })
    expect(response.body.error.message).toMatch(/6000.*maxOrderNotional 1000/)
    expect(response.body.workflowId).toEqual(expect.any(String))
    expect(await stack.sim.control.receivedOrders('binance', { clientOrderId })).toEqual([])
  })

  it('a venue rejection keeps its own 422 (not risk_rejected)', async () => {
    await stack.request('PUT', '/api/risk/limits', { maxOrderNotional: '1000000000' })
    const response = await stack.request('POST', '/api/orders', {
      exchange: 'binance',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      price: '60000',
      amount: '1000',
    })
    expect(response.status).toBe(422)
    expect(response.body.outcome).toBe('rejected')
    expect(response.body.error.type).toBe('InsufficientBalanceError')
    expect(response.body.error.code).toBeUndefined()
  })
})

describe('kill switch: HALTED with cancelOpenOrders', () => {
  it("cancels the resting orders the ledger shows open, as the venue's own order list shows", async () => {
    const resting = async (clientOrderId: string, exchange: string, symbol: string, price: string) => {
      const response = await stack.request('POST', '/api/orders', {
        exchange,
        symbol,
        side: 'buy',
        type: 'limit',
        price,
        amount: '0.01',
        clientOrderId,
      })
      expect(response.status, JSON.stringify(response.body)).toBe(201)
      expect(response.body.order.status).toBe('open')
    }
    await resting('risk-kill-binance-1', 'binance', 'BTC/USDT', '30000')
    await resting('risk-kill-kraken-1', 'kraken', 'BTC/USD', '30000')
    // A venue-only halt cancels that venue's orders alone.
    const venue = await stack.request('PUT', '/api/trading-state', {
      state: 'HALTED',
      reason: 'binance drill',
      exchange: 'binance',
      cancelOpenOrders: true,
    })
    expect(venue.status).toBe(200)
    expect(venue.body.cancelWorkflowId).toMatch(/^cancel-open-orders-\d+$/)
    const venueResult = await stack.client.workflow.getHandle(venue.body.cancelWorkflowId).result()
    expect(venueResult).toEqual({
      cancelled: [{ exchange: 'binance', symbol: 'BTC/USDT', clientOrderId: 'risk-kill-binance-1' }],
      alreadyDone: [],
      failed: [],
    })
    const [binanceOrder] = await stack.sim.control.receivedOrders('binance', { clientOrderId: 'risk-kill-binance-1' })
    expect(binanceOrder?.status).toBe('canceled')
    const [krakenOrder] = await stack.sim.control.receivedOrders('kraken', { clientOrderId: 'risk-kill-kraken-1' })
    expect(krakenOrder?.status).toBe('new')

    // The whole platform: the kraken order goes too; an order filled behind the ledger's back is already done.
    await resting('risk-kill-kraken-2', 'kraken', 'BTC/USD', '31000')
    await stack.sim.control.setBook('kraken', 'BTC/USD', { bids: [], asks: [['30500', '1']] })
    await waitFor('the kraken order to fill', async () => {
      await stack.sim.control.tick('kraken')
      const [o] = await stack.sim.control.receivedOrders('kraken', { clientOrderId: 'risk-kill-kraken-2' })
      return o?.status === 'filled' ? o : undefined
    })
    const all = await stack.request('PUT', '/api/trading-state', {
      state: 'HALTED',
      reason: 'stop everything',
      cancelOpenOrders: true,
    })
    expect(all.status).toBe(200)
    const result = await stack.client.workflow.getHandle(all.body.cancelWorkflowId).result()
    expect(result).toEqual({
      cancelled: [{ exchange: 'kraken', symbol: 'BTC/USD', clientOrderId: 'risk-kill-kraken-1' }],
      alreadyDone: [{ exchange: 'kraken', symbol: 'BTC/USD', clientOrderId: 'risk-kill-kraken-2', status: 'closed' }],
      failed: [],
    })
    // The filled order's ledger row took the venue's answer.
    expect(await getOrderAttempt(stack.db, 'risk-kill-kraken-2')).toMatchObject({ status: 'closed', filled: '0.01' })
    const kraken = await stack.sim.control.receivedOrders('kraken')
    const statusOf = (id: string) => kraken.find((o) => o.clientOrderId === id)?.status
    expect([statusOf('risk-kill-kraken-1'), statusOf('risk-kill-kraken-2')]).toEqual(['canceled', 'filled'])
    // Nothing the ledger shows open is left.
    const again = await stack.request('PUT', '/api/trading-state', {
      state: 'HALTED',
      reason: 'sweep again',
      cancelOpenOrders: true,
    })
    expect(await stack.client.workflow.getHandle(again.body.cancelWorkflowId).result()).toEqual({
      cancelled: [],
      alreadyDone: [],
      failed: [],
    })
  })
})
