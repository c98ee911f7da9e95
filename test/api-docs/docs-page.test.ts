// The reference page as a person sees it, offline. Goal: /docs renders every operation of the document in a real
// browser without reaching anything but the API itself (no CDN, no validator). Method: the app over real HTTP on a
// loopback port (listenHttp, as npm run api serves it), Debian's chromium driven by playwright-core, every request
// to another host aborted and recorded.
import { existsSync } from 'node:fs'

import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { createApp } from '../../api/app.js'
import { DEFAULT_LIMITS } from '../../api/limits.js'
import { buildOpenApiDocument } from '../../api/openapi/index.js'
import { listenHttp, type ListeningServer } from '../../bin/http-server.js'
import { openDatabase } from '../../db/client.js'
import { EXCHANGE_IDS } from '../../domain/types.js'
import { createRecordingRunner } from '../api-validation/recording-runner.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const database = await openDatabase(':memory:')
let listening: ListeningServer
let browser: Browser

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`
    )
  }
  // With a token configured: the page and the document must not need one.
  const app = createApp({
    runner: createRecordingRunner(),
    db: database.db,
    exchanges: [...EXCHANGE_IDS],
    demoMode: {},
    apiToken: 'a-configured-token-0123456789',
  })
  listening = await listenHttp(app.fetch, { host: '127.0.0.1', port: 0, limits: DEFAULT_LIMITS })
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
})
afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => listening?.server.close(resolve))
  await database.close()
})

it('renders every operation of the document, offline, from the API alone', async () => {
  const origin = `http://127.0.0.1:${listening.port}`
  const page = await browser.newPage()
  const elsewhere: string[] = []
  const failed: string[] = []
  const errors: string[] = []
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith(`${origin}/`)) return route.continue()
    elsewhere.push(route.request().url())
    return route.abort()
  })
  page.on('requestfailed', (request) => failed.push(request.url()))
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`)
  })
  page.on('pageerror', (error) => errors.push(error.message))
  try {
    await page.goto(`${origin}/docs`)
    await page.locator('.swagger-ui .info .title').getByText('exchange-gateway').waitFor({ timeout: 30_000 })
    const document = buildOpenApiDocument()
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item))
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 10_000 }).toBe(operations.length)
    for (const operation of operations) {
      await expect(
        page
          .getByText(operation.summary as string, { exact: true })
          .first()
          .isVisible(),
        operation.summary as string
      ).resolves.toBe(true)
    }
    // An operation opens on its request example and its answers.
    await page.locator('#operations-orders-placeOrder .opblock-summary').click()
    await page
      .locator('#operations-orders-placeOrder')
      .getByText('Idempotency-Key')
      .first()
      .waitFor({ timeout: 10_000 })
    await expect(
      page.locator('#operations-orders-placeOrder').getByText('risk_rejected').first().isVisible()
    ).resolves.toBe(true)
    // Swagger UI shows what it cannot read in the document (an unsupported field, a broken $ref) in error boxes.
    await expect(page.locator('.swagger-ui .errors-wrapper').count()).resolves.toBe(0)
    expect(elsewhere).toEqual([])
    expect(failed).toEqual([])
    expect(errors).toEqual([])
  } finally {
    await page.close()
  }
})
