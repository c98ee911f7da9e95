// Tokens with scopes: every /api route is in the scope table; each token reaches exactly the routes of its scopes
// (403 elsewhere), a missing or wrong token is a 401, and neither answer says which tokens or scopes exist. Two
// tokens are valid at once (rotation); GATEWAY_API_TOKEN is the token 'default' with every scope; the risk audit
// names the token that changed a limit or the trading state. Method: createApp with the recording runner (nothing
// may start a workflow on a refused request) and an in-memory database.
import { timingSafeEqual } from 'node:crypto'

import { afterAll, describe, expect, it } from 'vitest'

import { parseApiTokens } from '../../api/api-tokens.js'
import { createApp } from '../../api/app.js'
import { matchToken, sha256, type ConfiguredToken } from '../../api/auth.js'
import { ROUTE_SCOPES, SCOPES, type Scope } from '../../api/scopes.js'
import { openDatabase } from '../../db/client.js'
import { listRiskEvents } from '../../db/risk-store.js'
import { createRecordingRunner } from './recording-runner.js'

const database = await openDatabase(':memory:')
afterAll(() => database.close())

const SECRET: Record<Scope, string> = {
  read: 'read-only-secret-0123456789',
  trade: 'trade-only-secret-0123456789',
  admin: 'admin-only-secret-0123456789',
}
const token = (name: string, secret: string, scopes: Scope[]): ConfiguredToken => ({
  name,
  sha256: sha256(secret),
  scopes,
})
const TOKENS = SCOPES.map((scope) => token(`${scope}-bot`, SECRET[scope], [scope]))

function appWith(options: { apiTokens?: ConfiguredToken[]; apiToken?: string } = { apiTokens: TOKENS }) {
  const runner = createRecordingRunner()
  const app = createApp({
    runner,
    db: database.db,
    exchanges: ['binance', 'kraken'],
    demoMode: { binance: true, kraken: true },
    ...options,
  })
  return { app, runner }
}

const SAMPLE_PARAM: Record<string, string> = { exchange: 'binance', symbol: 'BTC-USDT' }
/** A concrete path for a route pattern: /api/ticker/:exchange/:symbol -> /api/ticker/binance/BTC-USDT. */
const concrete = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAM[name] ?? 'some-id')

async function call(app: ReturnType<typeof createApp>, method: string, path: string, secret?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (secret !== undefined) headers.Authorization = `Bearer ${secret}`
  const response = await app.request(concrete(path), { method, headers, ...(method === 'GET' ? {} : { body: '{}' }) })
  const text = await response.text()
  return { status: response.status, text, headers: response.headers }
}

const apiRoutes = () =>
  appWith()
    .app.routes.filter((r) => (r.path.startsWith('/api') || r.path === '/metrics') && r.method !== 'ALL')
    .map((r) => ({ method: r.method, path: r.path, key: `${r.method} ${r.path}` }))

describe('the route -> scope table', () => {
  it('covers every /api route the app serves, and names no route the app does not have', () => {
    const routes = apiRoutes()
    expect(routes.length).toBeGreaterThanOrEqual(28)
    const missing = routes.filter((r) => !Object.hasOwn(ROUTE_SCOPES, r.key)).map((r) => r.key)
    expect(missing).toEqual([])
    const served = new Set(routes.map((r) => r.key))
    expect(Object.keys(ROUTE_SCOPES).filter((key) => !served.has(key))).toEqual([])
  })

  it('gives trade the order and strategy routes, admin the state, limits and reconciliation run, read every GET', () => {
    for (const { method, key } of apiRoutes()) {
      if (method === 'GET') expect(ROUTE_SCOPES[key], key).toBe('read')
    }
    expect(ROUTE_SCOPES['POST /api/orders']).toBe('trade')
    expect(ROUTE_SCOPES['POST /api/smart-order']).toBe('trade')
    expect(ROUTE_SCOPES['POST /api/arbitrage/execute']).toBe('trade')
    expect(ROUTE_SCOPES['DELETE /api/arbitrage/monitor/:workflowId']).toBe('trade')
    expect(ROUTE_SCOPES['PUT /api/trading-state']).toBe('admin')
    expect(ROUTE_SCOPES['PUT /api/risk/limits']).toBe('admin')
    expect(ROUTE_SCOPES['POST /api/reconciliation']).toBe('admin')
  })
})

describe('each scope on every route', () => {
  const routes = apiRoutes()
  it.each(SCOPES)('a token with only %s passes on its routes and gets a bare 403 on every other', async (scope) => {
    const { app, runner } = appWith()
    for (const route of routes) {
      const callsBefore = runner.calls.length
      const answer = await call(app, route.method, route.path, SECRET[scope])
      if (ROUTE_SCOPES[route.key] === scope) {
        // Past authorization: whatever the route answers next (a 400 for '{}', a 500 from the recording runner).
        expect([401, 403], `${route.key} with ${scope}`).not.toContain(answer.status)
      } else {
        expect(answer.status, `${route.key} with ${scope}`).toBe(403)
        expect(JSON.parse(answer.text)).toEqual({
          error: { code: 'forbidden', message: 'this token may not use this route' },
        })
        // A refused request reached no workflow.
        expect(runner.calls.length, route.key).toBe(callsBefore)
      }
    }
  })

  it('answers 401 on every route without a token, with a wrong one or another scheme, and starts nothing', async () => {
    const { app, runner } = appWith()
    for (const route of routes) {
      for (const secret of [undefined, 'wrong-secret-0123456789', `${SECRET.admin}x`, ' ']) {
        const answer = await call(app, route.method, route.path, secret)
        expect(answer.status, `${route.key} with ${secret}`).toBe(401)
        expect(answer.headers.get('WWW-Authenticate')).toBe('Bearer')
        expect(JSON.parse(answer.text)).toEqual({
          error: { code: 'unauthorized', message: 'send Authorization: Bearer <token> with a valid API token' },
        })
      }
    }
    const basic = await app.request('/api/executions', { headers: { Authorization: `Basic ${SECRET.read}` } })
    expect(basic.status).toBe(401)
    // An unknown route is a 401 too without a token: the API does not say which routes exist to strangers.
    expect((await call(app, 'GET', '/api/no-such-thing')).status).toBe(401)
    expect((await call(app, 'GET', '/api/no-such-thing', SECRET.read)).status).toBe(404)
    expect(runner.calls).toEqual([])
  })

  it('leaves /health open (it is outside /api)', async () => {
    const { app } = appWith()
    const answer = await call(app, 'GET', '/health')
    // The recording runner refuses the Temporal check: whatever health says, it is not an auth refusal.
    expect([401, 403]).not.toContain(answer.status)
  })
})

describe('several tokens at once', () => {
  it('accepts an old and a new token for the same client while it is rotated, and neither after removal', async () => {
    const old = token('desk-bot', 'old-secret-of-the-desk-bot', ['read', 'trade'])
    const renewed = token('desk-bot-2', 'new-secret-of-the-desk-bot', ['read', 'trade'])
    const during = appWith({ apiTokens: [old, renewed] }).app
    expect((await call(during, 'GET', '/api/executions', 'old-secret-of-the-desk-bot')).status).toBe(200)
    expect((await call(during, 'GET', '/api/executions', 'new-secret-of-the-desk-bot')).status).toBe(200)
    const after = appWith({ apiTokens: [renewed] }).app
    expect((await call(after, 'GET', '/api/executions', 'old-secret-of-the-desk-bot')).status).toBe(401)
    expect((await call(after, 'GET', '/api/executions', 'new-secret-of-the-desk-bot')).status).toBe(200)
  })

  it('reads tokens from a file of hashes, and refuses a bad file naming the entry but no digest', () => {
    const hex = sha256('a-secret-from-the-file').toString('hex')
    const [parsed] = parseApiTokens(
      JSON.stringify([{ name: 'desk-bot', sha256: hex, scopes: ['read', 'trade'] }]),
      'tokens.json'
    )
    expect(parsed!.name).toBe('desk-bot')
    expect(matchToken([parsed!], 'a-secret-from-the-file')?.name).toBe('desk-bot')
    expect(() => parseApiTokens('[{', 'tokens.json')).toThrow('tokens.json: not valid JSON')
    expect(() => parseApiTokens('[]', 'tokens.json')).toThrow(/at least one token/)
    expect(() =>
      parseApiTokens(JSON.stringify([{ name: 'x', sha256: 'abc', scopes: ['read'] }]), 'tokens.json')
    ).toThrow(/entry 0, sha256: must be 64 hex digits/)
    expect(() => parseApiTokens(JSON.stringify([{ name: 'x', sha256: hex, scopes: ['root'] }]), 'tokens.json')).toThrow(
      /entry 0, scopes.0: must be one of read, trade, admin/
    )
    expect(() => parseApiTokens(JSON.stringify([{ name: 'x', sha256: hex, scopes: [] }]), 'f')).toThrow(
      /at least one scope/
    )
    const twice = [
      { name: 'x', sha256: hex, scopes: ['read'] },
      { name: 'y', sha256: hex, scopes: ['admin'] },
    ]
    expect(() => parseApiTokens(JSON.stringify(twice), 'f')).toThrow(/same sha256/)
    expect(() => parseApiTokens(JSON.stringify(twice), 'f')).not.toThrow(hex)
  })
})

describe('the comparison', () => {
  it('compares the presented digest with every configured token, whichever matches and whether any does', () => {
    const tokens = ['first', 'second', 'third', 'fourth'].map((name) =>
      token(name, `${name}-secret-0123456789`, ['read'])
    )
    for (const presented of ['first-secret-0123456789', 'fourth-secret-0123456789', 'nobody-0123456789']) {
      const compared: Buffer[] = []
      const counting = (a: Buffer, b: Buffer) => {
        compared.push(b)
        // The real constant-time comparison, on two 32-byte digests whatever the presented token's length.
        expect(a.length).toBe(32)
        return timingSafeEqual(a, b)
      }
      const found = matchToken(tokens, presented, counting)
      expect(compared).toEqual(tokens.map((t) => t.sha256))
      expect(found?.name).toBe(presented.startsWith('nobody') ? undefined : presented.split('-')[0])
    }
  })
})

describe('GATEWAY_API_TOKEN', () => {
  it('is the token default with every scope, alone or beside a tokens file', async () => {
    const secret = 'the-single-gateway-api-token'
    for (const options of [{ apiToken: secret }, { apiToken: secret, apiTokens: TOKENS }]) {
      const { app } = appWith(options)
      for (const route of apiRoutes()) {
        const answer = await call(app, route.method, route.path, secret)
        expect([401, 403], route.key).not.toContain(answer.status)
      }
      expect((await call(app, 'GET', '/api/executions')).status).toBe(401)
    }
  })
})

describe('the risk audit', () => {
  it('names the token that changed the trading state and the limits', async () => {
    const operator = token('ops-desk', 'operator-secret-0123456789', ['read', 'admin'])
    const { app } = appWith({ apiTokens: [operator] })
    const headers = { 'content-type': 'application/json', Authorization: 'Bearer operator-secret-0123456789' }
    const state = await app.request('/api/trading-state', {
      method: 'PUT',
      headers,
      body: JSON.stringify({ state: 'REDUCING', reason: 'audit test' }),
    })
    expect(state.status).toBe(200)
    expect(((await state.json()) as { changedBy: string }).changedBy).toBe('ops-desk')
    const limits = await app.request('/api/risk/limits', {
      method: 'PUT',
      headers,
      body: JSON.stringify({ maxUnresolvedOrders: 7 }),
    })
    expect(limits.status).toBe(200)
    const events = await listRiskEvents(database.db, { limit: 2 })
    expect(events.map((e) => [e.kind, e.actor])).toEqual([
      ['limits_changed', 'ops-desk'],
      ['state_changed', 'ops-desk'],
    ])
    // Back to ACTIVE for whatever else shares this database.
    await app.request('/api/trading-state', {
      method: 'PUT',
      headers,
      body: JSON.stringify({ state: 'ACTIVE', reason: 'done' }),
    })
  })

  it("records 'api' when the API runs without tokens", async () => {
    const { app } = appWith({})
    const answer = await app.request('/api/trading-state', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'ACTIVE', reason: 'tokenless' }),
    })
    expect(((await answer.json()) as { changedBy: string }).changedBy).toBe('api')
  })
})
