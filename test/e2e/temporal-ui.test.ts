// What an operator sees: an order placed through the API is listed in the Temporal UI, and the search attributes
// filter it. Debian's chromium driven by playwright-core (the global setup installs it where it can).
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'

import { startTestStack, type TestStack } from '../support/stack.js'

let stack: TestStack
let browser: Browser

beforeAll(async () => {
  const provisioned = inject('chromium')
  if (!provisioned.ok) throw new Error(provisioned.problem)
  stack = await startTestStack({ exchanges: ['binance', 'kraken'] })
  browser = await chromium.launch({
    executablePath: provisioned.path,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
})
afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

it('lists an order execution in the Temporal UI, filterable by exchange and strategy', async () => {
  const key = `ui-${Date.now()}`
  const placed = await stack.request(
    'POST',
    '/api/orders',
    { exchange: 'kraken', symbol: 'BTC/USD', side: 'buy', type: 'market', amount: '0.01' },
    { 'Idempotency-Key': key }
  )
  expect(placed.status).toBe(201)
  const workflowId = placed.body.workflowId as string

  const page = await browser.newPage()
  try {
    const query = encodeURIComponent(`Exchange = "kraken" AND Strategy = "order" AND WorkflowId = "${workflowId}"`)
    const url = `${inject('temporalUiUrl')}/namespaces/default/workflows?query=${query}`
    // Visibility is eventually consistent: reload until the row appears.
    let listed = false
    for (let i = 0; i < 15 && !listed; i++) {
      await page.goto(url)
      listed = await page
        .getByText(workflowId)
        .first()
        .waitFor({ timeout: 2_000 })
        .then(() => true)
        .catch(() => false)
    }
    expect(listed).toBe(true)
    await page.getByText(workflowId).first().click()
    await expect(page.getByText('placeOrder').first().waitFor({ timeout: 10_000 })).resolves.toBeUndefined()
  } finally {
    await page.close()
  }
})
