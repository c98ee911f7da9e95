// With GATEWAY_API_TOKEN set, every /api route wants the bearer token; nothing is started without it. The tokens file,
// the limits and the rate limit as configuration reads them (scopes.test.ts tests the tokens at work).
import { afterAll, describe, expect, it } from 'vitest'

import { createApp } from '../../api/app.js'
import { sha256 } from '../../api/auth.js'
import { readApiConfig, readStartConfig } from '../../bin/start-config.js'
import { openDatabase } from '../../db/client.js'
import { createRecordingRunner } from './recording-runner.js'

const database = await openDatabase(':memory:')
afterAll(() => database.close())
const TOKEN = 'a-long-enough-secret-token'

describe('bearer token', () => {
  const runner = createRecordingRunner()
  const app = createApp({
    runner,
    db: database.db,
    exchanges: ['binance'],
    demoMode: { binance: true },
    apiToken: TOKEN,
  })
  const order = JSON.stringify({ exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' })

  it('refuses a request without the token, or with a wrong one, and starts nothing', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`]) {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (authorization) headers.Authorization = authorization
      const response = await app.request('/api/orders', { method: 'POST', headers, body: order })
      expect(response.status).toBe(401)
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer')
      expect(((await response.json()) as any).error.code).toBe('unauthorized')
    }
    const listed = await app.request('/api/executions')
    expect(listed.status).toBe(401)
    expect(runner.calls).toEqual([])
  })

  it('lets a request with the token through', async () => {
    const response = await app.request('/api/executions', { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(response.status).toBe(200)
  })
})

describe('npm start configuration', () => {
  it('refuses to expose an unauthenticated API beyond loopback', () => {
    expect(() => readStartConfig({ HOST: '0.0.0.0' })).toThrow(/set GATEWAY_API_TOKEN/)
    expect(() => readStartConfig({ HOST: '0.0.0.0', GATEWAY_API_TOKEN: 'short' })).toThrow(/at least 16/)
    expect(readStartConfig({ HOST: '0.0.0.0', GATEWAY_API_TOKEN: TOKEN }).apiToken).toBe(TOKEN)
    expect(readStartConfig({}).apiToken).toBeUndefined()
  })

  it('reads GATEWAY_API_TOKENS_FILE, which alone is enough beyond loopback, and refuses a bad one naming the file', () => {
    const files: Record<string, string> = {
      '/etc/gw/tokens.json': JSON.stringify([
        { name: 'desk-bot', sha256: sha256(TOKEN).toString('hex'), scopes: ['read'] },
      ]),
      '/etc/gw/default.json': JSON.stringify([
        { name: 'default', sha256: sha256('another-secret-token').toString('hex'), scopes: ['read'] },
      ]),
    }
    const read = (path: string) => {
      if (!(path in files)) throw new Error('ENOENT: no such file')
      return files[path]!
    }
    const config = readApiConfig({ HOST: '0.0.0.0', GATEWAY_API_TOKENS_FILE: '/etc/gw/tokens.json' }, read)
    expect(config.apiTokens.map((t) => [t.name, t.scopes])).toEqual([['desk-bot', ['read']]])
    expect(config.apiToken).toBeUndefined()
    expect(() => readApiConfig({ GATEWAY_API_TOKENS_FILE: '/etc/gw/missing.json' }, read)).toThrow(
      /GATEWAY_API_TOKENS_FILE \/etc\/gw\/missing.json: ENOENT/
    )
    // The same secret as GATEWAY_API_TOKEN, or the name 'default' again: one token each.
    expect(() =>
      readApiConfig({ GATEWAY_API_TOKEN: TOKEN, GATEWAY_API_TOKENS_FILE: '/etc/gw/tokens.json' }, read)
    ).toThrow(/same sha256/)
    expect(() =>
      readApiConfig({ GATEWAY_API_TOKEN: TOKEN, GATEWAY_API_TOKENS_FILE: '/etc/gw/default.json' }, read)
    ).toThrow(/'default' is used twice/)
  })

  it('reads the request limits and the rate limit, with their defaults', () => {
    expect(readApiConfig({}).limits).toEqual({ maxBodyBytes: 65_536, maxUrlLength: 4096, maxHeaderBytes: 16_384 })
    expect(readApiConfig({}).rateLimit).toEqual({ perSecond: 20, burst: 40 })
    const custom = readApiConfig({
      GATEWAY_MAX_BODY_BYTES: '1024',
      GATEWAY_RATE_LIMIT_RPS: '5',
      GATEWAY_RATE_LIMIT_BURST: '10',
    })
    expect(custom.limits.maxBodyBytes).toBe(1024)
    expect(custom.rateLimit).toEqual({ perSecond: 5, burst: 10 })
    expect(readApiConfig({ GATEWAY_RATE_LIMIT_RPS: '0' }).rateLimit).toBeUndefined()
    expect(() => readApiConfig({ GATEWAY_MAX_BODY_BYTES: '0' })).toThrow(/GATEWAY_MAX_BODY_BYTES must be at least 1/)
    expect(() => readApiConfig({ GATEWAY_MAX_HEADER_BYTES: '100' })).toThrow(
      /GATEWAY_MAX_HEADER_BYTES must be at least 1024/
    )
  })

  it('names a bad port variable', () => {
    expect(() => readStartConfig({ PORT: 'eighty' })).toThrow(/PORT must be a port number/)
  })
})
