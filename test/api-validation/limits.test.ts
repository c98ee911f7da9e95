// Request limits in the app: a body past the limit is a 413 (declared or streamed), a URL past it a 414, a token or
// client past its rate a 429 with Retry-After; error messages quote at most a short prefix of any input. Method:
// createApp with the recording runner (a refused request starts nothing); the Node server's own limits (431, and a
// 200 MB body against the process's memory) are tested over a socket in test/bin/http-limits.test.ts.
import { afterAll, describe, expect, it } from 'vitest'

import { createApp } from '../../api/app.js'
import { sha256 } from '../../api/auth.js'
import { createTokenBuckets } from '../../api/rate-limit.js'
import { openDatabase } from '../../db/client.js'
import { inputPrefix } from '../../domain/input-prefix.js'
import { createRecordingRunner } from './recording-runner.js'

const database = await openDatabase(':memory:')
afterAll(() => database.close())

function appWith(extra: Partial<Parameters<typeof createApp>[0]> = {}) {
  const runner = createRecordingRunner()
  const app = createApp({
    runner,
    db: database.db,
    exchanges: ['binance', 'kraken'],
    demoMode: { binance: true, kraken: true },
    ...extra,
  })
  return { app, runner }
}

type Envelope = { error: { code: string; message: string; field?: string; exchange?: string } }
const order = { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' }

/** A body sent in chunks, without a Content-Length: the limit must count it as it streams. */
function streamed(totalBytes: number, chunkBytes = 16 * 1024) {
  let sent = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close()
      const size = Math.min(chunkBytes, totalBytes - sent)
      sent += size
      controller.enqueue(new Uint8Array(size).fill(0x20))
    },
  })
}

describe('body size', () => {
  it('refuses a declared Content-Length past 64 KiB with 413 in the envelope, before reading, and starts nothing', async () => {
    const { app, runner } = appWith()
    const body = JSON.stringify({ ...order, pad: 'x'.repeat(70 * 1024) })
    const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
    const response = await app.request('/api/orders', { method: 'POST', headers, body })
    expect(response.status).toBe(413)
    expect(((await response.json()) as Envelope).error).toEqual({
      code: 'payload_too_large',
      message: 'request body larger than 65536 bytes',
    })
    expect(runner.calls).toEqual([])
  })

  it('refuses a streamed body at the limit without a Content-Length', async () => {
    const { app, runner } = appWith({ limits: { maxBodyBytes: 1024 } })
    const response = await app.request('/api/smart-order', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: streamed(1024 * 1024, 100),
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
    expect(((await response.json()) as Envelope).error.code).toBe('payload_too_large')
    expect(runner.calls).toEqual([])
  })

  it('lets a body within the limit through to validation (a 400 naming the field, not a 413)', async () => {
    const { app } = appWith({ limits: { maxBodyBytes: 1024 } })
    const response = await app.request('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: new Blob([JSON.stringify({ ...order, amount: '-1' })]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(400)
    expect(((await response.json()) as Envelope).error.field).toBe('amount')
  })
})

describe('URL length', () => {
  it('refuses a request target past the limit with 414, /health included', async () => {
    const { app, runner } = appWith()
    for (const path of [
      `/api/executions?symbol=${'A'.repeat(4100)}`,
      `/api/ticker/binance/${'B'.repeat(4100)}`,
      `/health?${'x'.repeat(4100)}`,
    ]) {
      const response = await app.request(path)
      expect(response.status, path.slice(0, 30)).toBe(414)
      expect(((await response.json()) as Envelope).error).toEqual({
        code: 'uri_too_long',
        message: 'request URL longer than 4096 characters',
      })
    }
    const within = await app.request(`/api/executions/${'x'.repeat(4000)}`)
    expect(within.status).toBe(404)
    expect(runner.calls).toEqual([])
  })
})

describe('inputs quoted in error messages', () => {
  const huge = 'Q'.repeat(60_000)
  const short = (message: string) => expect(message.length).toBeLessThan(200)

  it.each([
    ['a symbol in a body', 'POST', '/api/orders', { ...order, symbol: huge }],
    ['a symbol in a smart order', 'POST', '/api/smart-order', { ...order, exchange: undefined, symbol: huge }],
    ['an unknown key', 'POST', '/api/orders', { ...order, [huge]: 1 }],
    [
      'many unknown keys',
      'POST',
      '/api/orders',
      { ...order, ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`${huge.slice(0, 100)}${i}`, 1])) },
    ],
    ['a key of a limits map', 'PUT', '/api/risk/limits', { maxOrderNotionalBySymbol: { [huge]: 'not-a-number' } }],
    ['an unknown key in the limits', 'PUT', '/api/risk/limits', { [huge]: 1 }],
  ])('%s: a 400 quoting at most a prefix', async (_, method, path, body) => {
    const { app } = appWith()
    const response = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const { error } = (await response.json()) as Envelope
    expect(response.status).toBe(400)
    short(error.message)
    short(error.field ?? '')
    expect(error.message).not.toContain('Q'.repeat(41))
  })

  it.each([
    ['a symbol in a path', `/api/ticker/binance/${'S'.repeat(3900)}`, 400],
    ['an exchange in a path', `/api/ticker/${'E'.repeat(3900)}/BTC-USDT`, 404],
    ['a symbol in a query', `/api/executions?symbol=${'S'.repeat(3900)}`, 400],
    ['an execution id', `/api/executions/${'I'.repeat(3900)}`, 404],
    ['an unknown route', `/api/${'R'.repeat(3900)}`, 404],
  ])('%s: quoted as at most a prefix', async (_, path, status) => {
    const { app } = appWith()
    const response = await app.request(path)
    const answer = (await response.json()) as Envelope
    expect(response.status).toBe(status)
    short(JSON.stringify(answer))
  })

  it('cuts at 40 characters with an ellipsis, whole code points only', () => {
    expect(inputPrefix('BTC-USDT')).toBe('BTC-USDT')
    expect(inputPrefix('x'.repeat(40))).toBe('x'.repeat(40))
    expect(inputPrefix('x'.repeat(41))).toBe(`${'x'.repeat(40)}…`)
    expect(inputPrefix('😀'.repeat(41))).toBe(`${'😀'.repeat(40)}…`)
    expect(inputPrefix(`${'😀'.repeat(40)}`)).toBe('😀'.repeat(40))
    expect(inputPrefix(`a${'😀'.repeat(40)}`)).toBe(`a${'😀'.repeat(39)}…`)
  })
})

describe('rate limit', () => {
  const secret = (name: string) => `${name}-secret-0123456789`
  const tokens = ['bot-a', 'bot-b'].map((name) => ({ name, sha256: sha256(secret(name)), scopes: ['read' as const] }))
  const get = (app: ReturnType<typeof createApp>, name?: string, env?: object) =>
    app.request('/api/executions', { headers: name ? { Authorization: `Bearer ${secret(name)}` } : {} }, env)

  it('answers 429 in the envelope with Retry-After once a token spent its burst, and counts each token apart', async () => {
    const { app } = appWith({ apiTokens: tokens, rateLimit: { perSecond: 0.5, burst: 3 } })
    for (let i = 0; i < 3; i++) expect((await get(app, 'bot-a')).status).toBe(200)
    const limited = await get(app, 'bot-a')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('Retry-After')).toBe('2')
    expect(((await limited.json()) as Envelope).error.code).toBe('rate_limited')
    // Another token is not held back by the first one.
    expect((await get(app, 'bot-b')).status).toBe(200)
  })

  it('counts per client address without tokens (loopback demo mode), /health included', async () => {
    const { app } = appWith({ rateLimit: { perSecond: 1, burst: 2 } })
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } })
    expect((await get(app, undefined, from('10.0.0.1'))).status).toBe(200)
    expect((await get(app, undefined, from('10.0.0.1'))).status).toBe(200)
    const limited = await get(app, undefined, from('10.0.0.1'))
    expect(limited.status).toBe(429)
    expect(limited.headers.get('Retry-After')).toBe('1')
    expect((await app.request('/health', {}, from('10.0.0.1'))).status).toBe(429)
    expect((await get(app, undefined, from('10.0.0.2'))).status).toBe(200)
  })

  it('refills at the configured rate, up to the burst', () => {
    let now = 0
    const buckets = createTokenBuckets({ perSecond: 20, burst: 40 }, () => now)
    for (let i = 0; i < 40; i++) expect(buckets.take('t')).toBe(0)
    expect(buckets.take('t')).toBe(1)
    now += 50 // one request's worth at 20/s
    expect(buckets.take('t')).toBe(0)
    expect(buckets.take('t')).toBe(1)
    now += 60_000
    for (let i = 0; i < 40; i++) expect(buckets.take('t')).toBe(0)
    expect(buckets.take('t')).toBe(1)
  })

  it('keeps a bounded number of buckets however many clients come by', () => {
    let now = 0
    const buckets = createTokenBuckets({ perSecond: 1, burst: 2 }, () => now)
    for (let i = 0; i < 25_000; i++) {
      buckets.take(`address:${i}`)
      now += 1
    }
    expect(buckets.size).toBeLessThanOrEqual(10_000)
  })
})
