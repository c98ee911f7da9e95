// Issue 8's promises on real parts (the dev server, the simulator through unmodified ccxt, a SQLite file), with the
// venue's own order list as the truth: the notional cap refuses and sends nothing; REDUCING lets a sell of held
// inventory through and refuses a buy; HALTED during a running auto-executing monitor stops every new order within a
// second, and an unwind waits under HALTED without sending; the daily loss limit halts trading; the rate cap holds.
import { defaultPayloadConverter } from '@temporalio/common'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { getExecution } from '../../db/executions.js'
import { abs, add, cmp } from '../../domain/money.js'
import { setSpread } from '../support/arbitrage-books.js'
import { captureHistory } from '../support/histories.js'
import { startTestStack, type TestStack } from '../support/stack.js'
import { waitFor } from '../support/wait-for.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ exchanges: ['binance', 'kraken'] })
})
afterAll(async () => stack?.close())

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const marketOrder = (side: 'buy' | 'sell', amount: string, exchange = 'binance') => ({
  exchange,
  symbol: 'BTC/USDT',
  side,
  type: 'market',
  amount,
})

async function setState(state: string, reason: string, extra: Record<string, unknown> = {}) {
  const response = await stack.request('PUT', '/api/trading-state', { state, reason, ...extra })
  expect(response.status).toBe(200)
  return response.body
}

async function setLimits(limits: Record<string, unknown>) {
  const response = await stack.request('PUT', '/api/risk/limits', limits)
  expect(response.status).toBe(200)
  return response.body
}

const venueOrderCount = async (exchange: 'binance' | 'kraken') =>
  (await stack.sim.control.receivedOrders(exchange)).length

describe('pre-trade risk limits and the trading state', () => {
  beforeEach(async () => {
    await stack.sim.control.clearFaults()
    await setState('ACTIVE', 'test reset')
  })

  it('refuses an order above the notional cap with 422 risk_rejected, sends nothing, and keeps the refusal in the history', async () => {
    const before = await setLimits({ maxOrderNotional: '1000' })
    expect(before.limits ?? before).toMatchObject({ maxOrderNotional: '1000' })
    const sentBefore = await venueOrderCount('binance')
    try {
      const refused = await stack.request('POST', '/api/orders', marketOrder('buy', '0.5'))
      expect(refused.status).toBe(422)
      expect(refused.body.error.code).toBe('risk_rejected')
      // names the limit and the figures: 0.5 BTC at the best ask is far above 1000 USDT
      expect(refused.body.error.message).toMatch(/maxOrderNotional 1000 USDT/)
      expect(refused.body.error.message).toMatch(/order value \d+(\.\d+)? USDT/)
      expect(await venueOrderCount('binance')).toBe(sentBefore)

      const workflowId = refused.body.workflowId ?? refused.body.error.workflowId
      expect(workflowId).toEqual(expect.any(String))
      const execution = (await getExecution(stack.db, workflowId))!
      expect(execution.attempts).toEqual([
        expect.objectContaining({ status: 'rejected', errorType: 'RiskRejectedError', exchangeOrderId: null }),
      ])
      // The refusal's event carries it as its summary in the Temporal UI.
      const history = await stack.client.workflow.getHandle(workflowId).fetchHistory()
      const summaries = (history.events ?? []).map((event) =>
        event.userMetadata?.summary ? String(defaultPayloadConverter.fromPayload(event.userMetadata.summary)) : ''
      )
      expect(summaries.some((summary) => summary.includes('risk refused'))).toBe(true)
      await captureHistory(stack.client, workflowId, 'order-risk-refused')

      const within = await stack.request('POST', '/api/orders', marketOrder('buy', '0.01'))
      expect(within.status).toBe(201)
    } finally {
      await setLimits({ maxOrderNotional: '1000000' })
    }
  })

  it('REDUCING lets a sell of held inventory through and refuses a buy', async () => {
    await setState('REDUCING', 'end of day: reduce only')
    const sentBefore = await venueOrderCount('binance')
    // the demo account holds BTC at binance: selling some of it reduces what is held
    const sell = await stack.request('POST', '/api/orders', marketOrder('sell', '0.1'))
    expect(sell.status).toBe(201)
    expect(sell.body.order).toMatchObject({ side: 'sell', filled: '0.1' })
    const buy = await stack.request('POST', '/api/orders', marketOrder('buy', '0.1'))
    expect(buy.status).toBe(422)
    expect(buy.body.error.code).toBe('risk_rejected')
    expect(buy.body.error.message).toMatch(/REDUCING/)
    // more than the account holds is not a reduction either
    const oversell = await stack.request('POST', '/api/orders', marketOrder('sell', '100000'))
    expect(oversell.status).toBe(422)
    expect(await venueOrderCount('binance')).toBe(sentBefore + 1)
  })

  it('holds the net position per venue and asset to maxExposure, and shows it in GET /api/risk', async () => {
    const exposure = async () => (await stack.request('GET', '/api/risk')).body.usage.exposure['binance:BTC']
    await setLimits({ maxExposure: { 'binance:BTC': '1000' } })
    const now = (await exposure()).used as string
    // room for 0.2 more BTC bought on binance
    await setLimits({ maxExposure: { 'binance:BTC': add(abs(now), '0.2') } })
    try {
      const sentBefore = await venueOrderCount('binance')
      const first = await stack.request('POST', '/api/orders', marketOrder(cmp(now, '0') < 0 ? 'sell' : 'buy', '0.1'))
      expect(first.status).toBe(201)
      const used = (await exposure()).used as string
      expect(abs(used)).toBe(add(abs(now), '0.1'))
      const beyond = await stack.request(
        'POST',
        '/api/orders',
        marketOrder(cmp(used, '0') < 0 ? 'sell' : 'buy', '0.15')
      )
      expect(beyond.status).toBe(422)
      expect(beyond.body.error.message).toMatch(/beyond maxExposure/)
      expect(await venueOrderCount('binance')).toBe(sentBefore + 1)
    } finally {
      await setLimits({ maxExposure: {} })
    }
  })

  it('holds the per-venue order rate across the platform', async () => {
    const usage = (await stack.request('GET', '/api/risk')).body
    const sentLastMinute = usage.usage.ordersLastMinute.kraken.used as number
    await setLimits({ maxOrdersPerMinutePerVenue: sentLastMinute + 3 })
    const sentBefore = await venueOrderCount('kraken')
    try {
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => stack.request('POST', '/api/orders', marketOrder('buy', '0.01', 'kraken')))
      )
      const statuses = answers.map((answer) => answer.status).sort()
      expect(statuses).toEqual([201, 201, 201, 422, 422, 422])
      for (const refused of answers.filter((answer) => answer.status === 422)) {
        expect(refused.body.error.message).toMatch(/maxOrdersPerMinutePerVenue/)
      }
      expect(await venueOrderCount('kraken')).toBe(sentBefore + 3)
    } finally {
      await setLimits({ maxOrdersPerMinutePerVenue: 600 })
    }
  })

  it('halts all trading when the day’s realised arbitrage loss reaches its limit', async () => {
    await setLimits({ maxDailyArbitrageLoss: '1' })
    try {
      // kraken's demo account holds 10 BTC: the 12 BTC sell leg is refused and the bought leg is unwound at a loss
      await setSpread(stack.sim, '12')
      const arbitrage = await stack.request('POST', '/api/arbitrage/execute', {
        symbol: 'BTC/USDT',
        buyExchange: 'binance',
        sellExchange: 'kraken',
        amount: '12',
        minProfitPct: 0.1,
      })
      expect([200, 201]).toContain(arbitrage.status)
      const result = await stack.client.workflow.getHandle(arbitrage.body.workflowId).result()
      expect(result).toMatchObject({ outcome: 'unwound', flat: true })
      expect(result.profit.startsWith('-')).toBe(true)

      const sentBefore = await venueOrderCount('binance')
      const next = await stack.request('POST', '/api/orders', marketOrder('buy', '0.01'))
      expect(next.status).toBe(422)
      expect(next.body.error.message).toMatch(/HALTED/)
      const state = (await stack.request('GET', '/api/trading-state')).body
      expect(JSON.stringify(state)).toMatch(/auto:daily_loss/)
      const risk = (await stack.request('GET', '/api/risk')).body
      expect(JSON.stringify(risk.halts)).toMatch(/daily_loss/)
      expect(JSON.stringify((await stack.request('GET', '/health')).body)).toMatch(/HALTED/)
      expect(await venueOrderCount('binance')).toBe(sentBefore)
    } finally {
      await setLimits({ maxDailyArbitrageLoss: '50000' })
      await setState('ACTIVE', 'loss reviewed')
    }
  })

  it('HALTED stops a running auto-executing monitor within a second', async () => {
    await setSpread(stack.sim, '1')
    const started = await stack.request('POST', '/api/arbitrage/monitor', {
      symbols: ['BTC/USDT'],
      exchanges: ['binance', 'kraken'],
      intervalMs: 1000,
      minProfitPct: 0.1,
      // 0.1 BTC a time from books 1 BTC deep: executions keep coming until the halt
      maxAmount: '0.1',
      autoExecute: { enabled: true, minProfitPct: 0.5, maxExecutions: 1000 },
    })
    expect(started.status).toBe(201)
    const monitorId = started.body.workflowId as string
    try {
      let last: unknown
      await waitFor('two automatic executions', async () => {
        const view = (await stack.request('GET', `/api/arbitrage/monitor/${monitorId}`)).body.state
        last = view
        return view?.executions >= 2 ? true : undefined
      }).catch((error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(last)}`)
      })
      await setState('HALTED', 'kill switch drill')
      await sleep(1_000)
      const monitorView = async () => (await stack.request('GET', `/api/arbitrage/monitor/${monitorId}`)).body.state
      const counts = { binance: await venueOrderCount('binance'), kraken: await venueOrderCount('kraken') }
      const executions = (await monitorView()).executions
      await sleep(3_000)
      expect({ binance: await venueOrderCount('binance'), kraken: await venueOrderCount('kraken') }).toEqual(counts)
      // and no new child either
      expect((await monitorView()).executions).toBe(executions)
    } finally {
      await stack.request('DELETE', `/api/arbitrage/monitor/${monitorId}`)
      await setState('ACTIVE', 'drill over')
    }
  })

  it('caps a monitor’s automatic executions per hour, and says why it waits', async () => {
    await setSpread(stack.sim, '1')
    await setLimits({ maxAutoExecutionsPerMonitorPerHour: 1 })
    const started = await stack.request('POST', '/api/arbitrage/monitor', {
      symbols: ['BTC/USDT'],
      exchanges: ['binance', 'kraken'],
      intervalMs: 1000,
      minProfitPct: 0.1,
      maxAmount: '0.1',
      autoExecute: { enabled: true, minProfitPct: 0.5, maxExecutions: 1000 },
    })
    const monitorId = started.body.workflowId as string
    try {
      const view = await waitFor('the hourly cap', async () => {
        const state = (await stack.request('GET', `/api/arbitrage/monitor/${monitorId}`)).body.state
        return state?.automationBlocked ? state : undefined
      })
      expect(view.automationBlocked).toMatch(
        /1 automatic executions in the last hour, at maxAutoExecutionsPerMonitorPerHour 1/
      )
      expect(view.executions).toBe(1)
      expect(view.opportunities['BTC/USDT'].length).toBeGreaterThan(0)
    } finally {
      await stack.request('DELETE', `/api/arbitrage/monitor/${monitorId}`)
      await setLimits({ maxAutoExecutionsPerMonitorPerHour: 60 })
    }
  })

  it('under HALTED an arbitrage unwind waits without sending, and unwinds once trading is REDUCING', async () => {
    await setSpread(stack.sim, '12')
    // kraken holds its answer to the sell leg for 3 s: time to halt between the bought leg and the unwind
    await stack.sim.control.setFaults('kraken', { holdOrderResponsesMs: 3_000 })
    const handle = await stack.client.workflow.start('arbitrageWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: `arb-held-${Date.now()}`,
      args: [
        {
          symbol: 'BTC/USDT',
          buyExchange: 'binance',
          sellExchange: 'kraken',
          amount: '12',
          minProfitPct: 0.1,
          reconcileGraceMs: 500,
        },
      ],
    })
    // halt as soon as the buy leg has filled: the sell leg is refused by kraken, the unwind must wait
    await waitFor('the bought leg', async () => {
      const attempts = (await getExecution(stack.db, handle.workflowId))?.attempts ?? []
      return attempts.some((a) => a.role === 'buy-leg' && a.status === 'closed') ? true : undefined
    })
    await setState('HALTED', 'halt during an arbitrage')
    await waitFor('the unwind held', async () => {
      const description = await handle.describe()
      return description.searchAttributes?.OrderStatus?.[0] === 'UNWIND_HELD' ? true : undefined
    })
    const sentWhileHeld = await venueOrderCount('binance')
    await sleep(6_000)
    expect(await venueOrderCount('binance')).toBe(sentWhileHeld)
    await setState('REDUCING', 'unwind allowed')
    const result = await handle.result()
    expect(result).toMatchObject({ outcome: 'unwound', flat: true })
    expect(await venueOrderCount('binance')).toBe(sentWhileHeld + 1)
    await captureHistory(stack.client, handle.workflowId, 'arbitrage-unwind-held-by-halt')
  })
})
