// Bad POST/PATCH bodies are refused with a 400 naming the field, and nothing is started.
import { afterAll, beforeEach, describe, expect, it } from 'vitest'

import { createApp } from '../../api/app.js'
import { openDatabase } from '../../db/client.js'
import { createRecordingRunner, type RecordingRunner } from './recording-runner.js'

const database = await openDatabase(':memory:')
afterAll(() => database.close())

let runner: RecordingRunner
let app: ReturnType<typeof createApp>
beforeEach(() => {
  runner = createRecordingRunner()
  // coinbase is deliberately not enabled.
  app = createApp({
    runner,
    db: database.db,
    exchanges: ['binance', 'kraken'],
    demoMode: { binance: true, kraken: true },
  })
})

async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return {
    status: response.status,
    body: (await response.json()) as { error: { code: string; message: string; field?: string } },
  }
}

async function expectRefused(method: string, path: string, body: unknown, field: string | undefined, headers = {}) {
  const { status, body: answer } = await send(method, path, body, headers)
  expect(status).toBe(400)
  expect(answer.error.code).toBe('validation_error')
  expect(answer.error.field).toBe(field)
  if (field) expect(answer.error.message).toContain(field)
  expect(runner.calls).toEqual([])
  return answer.error
}

const smart = { symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.1' }

describe('POST /api/smart-order', () => {
  it.each([
    ['a missing amount', { ...smart, amount: undefined }, 'amount'],
    ['a negative amount', { ...smart, amount: '-1' }, 'amount'],
    // eslint-disable-next-line no-loss-of-precision -- the point: more digits than a double holds
    ['an amount as a JSON number too long to be exact', { ...smart, amount: 0.12345678901234567 }, 'amount'],
    ['a side that is neither buy nor sell', { ...smart, side: 'long' }, 'side'],
    ['a limit order without a price', { ...smart, type: 'limit' }, 'price'],
    ['an unknown exchange', { ...smart, exchanges: ['binance', 'ftx'] }, 'exchanges.1'],
    ['an exchange named twice', { ...smart, exchanges: ['binance', 'binance'] }, 'exchanges'],
    ['an exchange that is not enabled', { ...smart, exchanges: ['coinbase'] }, 'exchanges'],
    ['maxSlippageBps 0', { ...smart, maxSlippageBps: 0 }, 'maxSlippageBps'],
    ['maxSlippageBps above 1000', { ...smart, maxSlippageBps: 1001 }, 'maxSlippageBps'],
    ['allowSplit that is not a boolean', { ...smart, allowSplit: 'yes' }, 'allowSplit'],
    ['a field it does not know', { ...smart, leverage: 5 }, undefined],
    ['a malformed symbol', { ...smart, symbol: 'BTCUSDT' }, 'symbol'],
  ])('refuses %s', async (_, body, field) => {
    await expectRefused('POST', '/api/smart-order', body, field)
  })

  it('refuses a body that is not JSON and a malformed Idempotency-Key', async () => {
    await expectRefused('POST', '/api/smart-order', '{"symbol":', undefined)
    await expectRefused('POST', '/api/smart-order', smart, 'Idempotency-Key', { 'Idempotency-Key': 'has spaces in it' })
  })
})

const failover = {
  order: { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '0.1', price: '60000' },
  backupExchanges: ['kraken'],
}

describe('POST /api/orders/failover', () => {
  it.each([
    ['no backups', { ...failover, backupExchanges: [] }, 'backupExchanges'],
    ['three backups', { ...failover, backupExchanges: ['kraken', 'coinbase', 'binance'] }, 'backupExchanges'],
    ['the primary as a backup', { ...failover, backupExchanges: ['binance'] }, 'backupExchanges'],
    ['a backup named twice', { ...failover, backupExchanges: ['kraken', 'kraken'] }, 'backupExchanges'],
    ['a backup that is not enabled', { ...failover, backupExchanges: ['coinbase'] }, 'backupExchanges'],
    [
      'a primary that is not enabled',
      { ...failover, order: { ...failover.order, exchange: 'coinbase' } },
      'order.exchange',
    ],
    ['an order without an amount', { ...failover, order: { ...failover.order, amount: undefined } }, 'order.amount'],
    ['a limit order without a price', { ...failover, order: { ...failover.order, price: undefined } }, 'order.price'],
    ['a missing order', { backupExchanges: ['kraken'] }, 'order'],
  ])('refuses %s', async (_, body, field) => {
    await expectRefused('POST', '/api/orders/failover', body, field)
  })

  it('is not taken for a plain order by POST /api/orders', async () => {
    // The plain order schema would name `exchange`; the failover one names its own field.
    const error = await expectRefused(
      'POST',
      '/api/orders/failover',
      { ...failover, backupExchanges: 'kraken' },
      'backupExchanges'
    )
    expect(error.message).toMatch(/^backupExchanges:/)
  })
})

const execute = { symbol: 'BTC/USDT', buyExchange: 'binance', sellExchange: 'kraken' }

describe('POST /api/arbitrage/execute', () => {
  it.each([
    ['the same venue on both sides', { ...execute, sellExchange: 'binance' }, 'sellExchange'],
    ['an unknown buy venue', { ...execute, buyExchange: 'ftx' }, 'buyExchange'],
    ['a sell venue that is not enabled', { ...execute, sellExchange: 'coinbase' }, 'sellExchange'],
    ['a zero amount', { ...execute, amount: '0' }, 'amount'],
    ['a minProfitPct that is not a number', { ...execute, minProfitPct: 'lots' }, 'minProfitPct'],
    ['a negative minProfitPct', { ...execute, minProfitPct: -1 }, 'minProfitPct'],
  ])('refuses %s', async (_, body, field) => {
    await expectRefused('POST', '/api/arbitrage/execute', body, field)
  })
})

const monitor = { symbols: ['BTC/USDT'], minProfitPct: 0.2 }

describe('POST /api/arbitrage/monitor', () => {
  it.each([
    ['an interval under a second', { ...monitor, intervalMs: 999 }, 'intervalMs'],
    ['a fractional interval', { ...monitor, intervalMs: 1500.5 }, 'intervalMs'],
    ['no symbols', { ...monitor, symbols: [] }, 'symbols'],
    ['a malformed symbol', { ...monitor, symbols: ['BTC/USDT', 'nope'] }, 'symbols.1'],
    ['a symbol named twice', { ...monitor, symbols: ['BTC/USDT', 'BTC-USDT'] }, 'symbols'],
    ['one exchange', { ...monitor, exchanges: ['binance'] }, 'exchanges'],
    ['an exchange that is not enabled', { ...monitor, exchanges: ['binance', 'coinbase'] }, 'exchanges'],
    ['autoExecute that is a string', { ...monitor, autoExecute: 'yes' }, 'autoExecute'],
    [
      'an auto-execution back-off under a second',
      { ...monitor, autoExecute: { enabled: true, backoffMs: 10 } },
      'autoExecute.backoffMs',
    ],
    ['a maxAmount that is not a decimal', { ...monitor, maxAmount: 'all of it' }, 'maxAmount'],
  ])('refuses %s', async (_, body, field) => {
    await expectRefused('POST', '/api/arbitrage/monitor', body, field)
  })

  it('refuses an update that changes nothing or sets a bad interval, before looking the monitor up', async () => {
    await expectRefused('PATCH', '/api/arbitrage/monitor/monitor-1', {}, undefined)
    await expectRefused('PATCH', '/api/arbitrage/monitor/monitor-1', { intervalMs: 10 }, 'intervalMs')
  })
})
