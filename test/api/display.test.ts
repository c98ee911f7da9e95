// Answers show prices, averages and costs at the market's precision; the execution history keeps them exact.
// Method: the whole stack; a market buy that walks two ask levels has an average that is a repeating decimal
// (19220 / 0.3), computed exactly by the workflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { placesOf, roundToPlaces } from '../../domain/money.js'
import { startTestStack, type TestStack } from '../support/stack.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ exchanges: ['binance', 'kraken'] })
  await stack.sim.control.setBook('binance', 'BTC/USDT', {
    bids: [['63900', '5']],
    asks: [
      ['64000', '0.1'],
      ['64100', '0.2'],
    ],
  })
})
afterAll(async () => stack?.close())

const EXACT_AVERAGE = '64066.66666666666666666666666666666666667'

describe('figures in answers', () => {
  it('rounds a smart order’s average to the market’s precision in every answer, and keeps it exact in the history', async () => {
    const { priceStep } = await stack.registry.get('binance').getMarket('BTC/USDT')
    const shown = roundToPlaces(EXACT_AVERAGE, placesOf(priceStep))
    expect(shown.length).toBeLessThan(EXACT_AVERAGE.length)

    const placed = await stack.request(
      'POST',
      '/api/smart-order',
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.3', exchanges: ['binance'] },
      { 'Idempotency-Key': 'display-1' }
    )
    expect(placed.status).toBe(201)
    expect(placed.body.actualAveragePrice).toBe(shown)
    expect(placed.body.filled).toBe('0.3')
    const again = await stack.request('GET', `/api/smart-order/${placed.body.workflowId}`)
    expect(again.body.actualAveragePrice).toBe(shown)
    for (const answer of [placed.body, again.body]) expect(JSON.stringify(answer)).not.toMatch(/"-?\d+\.\d{12,}"/)

    const history = await stack.request('GET', `/api/executions/${placed.body.workflowId}`)
    expect(history.body.result.actualAveragePrice).toBe(EXACT_AVERAGE)
  })

  it('rounds the averages of an arbitrage scan', async () => {
    await stack.sim.control.setBook('binance', 'BTC/USDT', {
      bids: [['63900', '5']],
      asks: [
        ['64000', '0.1'],
        ['64100', '0.2'],
      ],
    })
    await stack.sim.control.setBook('kraken', 'BTC/USDT', { bids: [['65000', '0.3']], asks: [['65100', '5']] })
    const scan = await stack.request(
      'GET',
      '/api/arbitrage/opportunities/BTC-USDT?exchanges=binance,kraken&minProfitPct=0.1'
    )
    expect(scan.status).toBe(200)
    const best = scan.body.opportunities[0]
    expect(best).toMatchObject({ buyExchange: 'binance', sellExchange: 'kraken', amount: '0.3' })
    expect(best.buyAveragePrice).toBe('64066.67')
    expect(JSON.stringify(scan.body)).not.toMatch(/"-?\d+\.\d{12,}"/)
  })
})
