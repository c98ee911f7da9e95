// With GATEWAY_API_TOKEN set, every /api route wants the bearer token; nothing is started without it.
import { afterAll, describe, expect, it } from 'vitest'

import { createApp } from '../../api/app.js'
import { readStartConfig } from '../../bin/start-config.js'
import { openDatabase } from '../../db/client.js'
import { createRecordingRunner } from './recording-runner.js'

const database = openDatabase(':memory:')
afterAll(() => database.close())
const TOKEN = 'a-long-enough-secret-token'

describe('bearer token', () => {
  const runner = createRecordingRunner()
  const app = createApp({ runner, db: database.db, exchanges: ['binance'], demoMode: { binance: true }, apiToken: TOKEN })
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

  it('names a bad port variable', () => {
    expect(() => readStartConfig({ PORT: 'eighty' })).toThrow(/PORT must be a port number/)
  })
})
