// Goal: secrets appear in no log line, workflow history, database row or API response (ARCHITECTURE.md, invariant 5),
// also when things go wrong.
// Method: the platform in-process as npm start wires it (the production logger for the API and the worker's Temporal
// runtime, the real connectors, a worker on the shared dev server, a SQLite file), configured with known API keys,
// secrets and a passphrase for all three venues (BINANCE_API_KEY... with *_BASE_URL at a simulator that accepts them;
// Kraken's secret is not the one the simulator holds) and an API token. A scenario runs: orders that fill, an order
// refused for its wrong secret, a failover from that venue, a venue's own refusal, an unknown outcome (the answer
// dropped) settled by lookup, reads while a venue is down or failing, a reconciliation. Then every captured log line
// (the logger's and the console's), every event of every workflow history (payloads decoded), every row of every
// table, every API answer and /metrics are scanned for each secret, as written and base64-, URL- and hex-encoded.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'

import { Client, Connection } from '@temporalio/client'
import { NativeConnection, type Worker } from '@temporalio/worker'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'

import { createApp } from '../../api/app.js'
import { createVenueReader } from '../../api/venue-reader.js'
import { createWorkflowRunner } from '../../api/workflow-runner.js'
import { createLogger, secretsInEnv } from '../../bin/logger.js'
import { bundleWorkflows, createGatewayWorker } from '../../bin/worker.js'
import { installWorkerRuntime } from '../../bin/worker-role.js'
import { openDatabase, type OpenedDatabase } from '../../db/client.js'
import { DEFAULT_RISK_LIMITS } from '../../domain/risk/config.js'
import { EXCHANGE_IDS } from '../../domain/types.js'
import { createConnectorRegistry, loadExchangeSettings, type ConnectorRegistry } from '../../exchanges/registry.js'
import { startTestSimulator, type TestSimulator } from '../support/simulator.js'

const tag = randomBytes(6).toString('hex')
const base64Secret = () => randomBytes(64).toString('base64')
const SECRETS = {
  BINANCE_API_KEY: `scanBinanceKey${tag}${randomBytes(16).toString('hex')}`,
  BINANCE_SECRET_KEY: `scanBinanceSecret${tag}${randomBytes(16).toString('hex')}`,
  COINBASE_API_KEY: `scanCoinbaseKey${tag}${randomBytes(8).toString('hex')}`,
  COINBASE_SECRET_KEY: base64Secret(),
  COINBASE_PASSPHRASE: `scanPassphrase${tag}`,
  KRAKEN_API_KEY: `scanKrakenKey${tag}${randomBytes(16).toString('hex')}`,
  KRAKEN_SECRET_KEY: base64Secret(),
  GATEWAY_API_TOKEN: `scanApiToken${tag}${randomBytes(16).toString('hex')}`,
}
const TOKEN = { Authorization: `Bearer ${SECRETS.GATEWAY_API_TOKEN}` }
// Long enough to be a real order (over the venues' minimum notional) and under the demo balances.
const riskLimits = { ...DEFAULT_RISK_LIMITS, maxOrderNotional: '1000000000' }

let sim: TestSimulator
let registry: ConnectorRegistry
let database: OpenedDatabase
let dir: string
let worker: Worker
let running: Promise<void>
let connection: Connection
let nativeConnection: NativeConnection
let client: Client
let app: ReturnType<typeof createApp>
const taskQueue = `secret-scan-${tag}`
const logLines: string[] = []
const responses: { request: string; status: number; text: string }[] = []
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const
const originalConsole = Object.fromEntries(consoleMethods.map((m) => [m, console[m]]))

beforeAll(async () => {
  // Everything the console gets (a library's warning, a stray console.error) is a log line too.
  for (const method of consoleMethods) {
    console[method] = (...args: unknown[]) => {
      logLines.push(
        args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.stack}` : safeJson(a))).join(' ')
      )
      originalConsole[method]!(...args)
    }
  }
  sim = await startTestSimulator({
    extraCredentials: {
      binance: [{ apiKey: SECRETS.BINANCE_API_KEY, secret: SECRETS.BINANCE_SECRET_KEY }],
      coinbase: [
        {
          apiKey: SECRETS.COINBASE_API_KEY,
          secret: SECRETS.COINBASE_SECRET_KEY,
          passphrase: SECRETS.COINBASE_PASSPHRASE,
        },
      ],
      // Kraken knows the key with another secret: every signed Kraken call is refused (a wrong secret).
      kraken: [{ apiKey: SECRETS.KRAKEN_API_KEY, secret: base64Secret() }],
    },
  })
  const env = {
    ...SECRETS,
    BINANCE_BASE_URL: sim.urls.binance,
    COINBASE_BASE_URL: sim.urls.coinbase,
    KRAKEN_BASE_URL: sim.urls.kraken,
    EXCHANGE_MAX_RETRIES: '1',
  }
  const settings = loadExchangeSettings(env)
  expect(settings.demo).toEqual({ binance: false, coinbase: false, kraken: false })
  registry = createConnectorRegistry(settings)
  // The production logger, as every entry process builds it (secretsInEnv: its value scrub of the environment).
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  const logger = createLogger({ level: 'debug', destination, secrets: secretsInEnv(env), base: { role: 'scan' } })
  installWorkerRuntime(logger)

  dir = mkdtempSync(join(tmpdir(), 'secret-scan-'))
  database = await openDatabase(join(dir, 'gateway.db'))
  const address = inject('temporalAddress')
  nativeConnection = await NativeConnection.connect({ address })
  worker = await createGatewayWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    deps: { connectors: registry, db: database.db, riskLimits },
    workflowBundle: await bundleWorkflows(),
  })
  running = worker.run()
  connection = await Connection.connect({ address })
  client = new Client({ connection, namespace: 'default' })
  app = createApp({
    runner: createWorkflowRunner(client, taskQueue),
    reader: createVenueReader(registry),
    db: database.db,
    exchanges: [...EXCHANGE_IDS],
    demoMode: settings.demo,
    apiToken: SECRETS.GATEWAY_API_TOKEN,
    waitMs: 30_000,
    riskLimits,
    logger,
  })
}, 180_000)

afterAll(async () => {
  for (const method of consoleMethods) console[method] = originalConsole[method]!
  worker?.shutdown()
  await running
  await connection?.close()
  await nativeConnection?.close()
  await registry?.close()
  await sim?.close()
  await database?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await app.request(path, {
    method,
    headers: { ...TOKEN, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  responses.push({ request: `${method} ${path}`, status: response.status, text })
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}

const order = (exchange: string, extra: Record<string, unknown> = {}) => ({
  exchange,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  amount: '0.01',
  ...extra,
})

/** A secret as it may have been written: plain, base64, base64url, URL-encoded, and a base64 secret's bytes as hex. */
function writtenForms(value: string): string[] {
  const forms = new Set([
    value,
    Buffer.from(value).toString('base64'),
    Buffer.from(value).toString('base64url'),
    encodeURIComponent(value),
  ])
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0)
    forms.add(Buffer.from(value, 'base64').toString('hex'))
  // base64 of a value is only matched whole up to its last complete group: drop the padding.
  return [...new Set([...forms].map((f) => f.replace(/=+$/, '')))].filter((f) => f.length >= 12)
}

/** Each secret, in each written form, found in a source: where, and what came before it. */
function scan(sources: { where: string; text: string }[]): string[] {
  const hits: string[] = []
  for (const [name, value] of Object.entries(SECRETS)) {
    for (const form of writtenForms(value)) {
      for (const { where, text } of sources) {
        const at = text.indexOf(form)
        if (at >= 0) hits.push(`${name} in ${where}: …${text.slice(Math.max(0, at - 120), at)}<SECRET>…`)
      }
    }
  }
  return hits
}

/** Every string in a value: Uint8Arrays (payload data, blobs) decoded as UTF-8, objects and arrays walked. */
function strings(value: unknown, out: string[] = [], seen = new Set<object>()): string[] {
  if (typeof value === 'string') out.push(value)
  else if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'))
  else if (value && typeof value === 'object') {
    if (seen.has(value)) return out
    seen.add(value)
    for (const inner of Object.values(value)) strings(inner, out, seen)
  }
  return out
}

it('leaves no secret in logs, histories, database rows, API answers or /metrics, through fills and failures', async () => {
  // Orders that fill, with each venue's own credentials.
  const binance = await call('POST', '/api/orders', order('binance'), { 'Idempotency-Key': `scan-binance-${tag}` })
  expect(binance.status, JSON.stringify(binance.body)).toBe(201)
  const coinbase = await call('POST', '/api/orders', order('coinbase'))
  expect(coinbase.status, JSON.stringify(coinbase.body)).toBe(201)
  // A wrong secret: Kraken refuses the signature, a definitive failure.
  const kraken = await call('POST', '/api/orders', order('kraken'))
  expect(kraken.status, JSON.stringify(kraken.body)).toBe(422)
  // A failover away from it: Kraken refuses, Binance fills.
  const failover = await call('POST', '/api/orders/failover', { order: order('kraken'), backupExchanges: ['binance'] })
  expect(failover.status, JSON.stringify(failover.body)).toBe(201)
  // The venue's own refusal: more BTC sold than the account holds.
  const refused = await call('POST', '/api/orders', order('coinbase', { side: 'sell', amount: '500' }))
  expect(refused.status, JSON.stringify(refused.body)).toBe(422)
  // An unknown outcome: the venue executes the order and the answer never arrives; a lookup settles it.
  await sim.control.setFaults('binance', { dropOrderResponses: 1 })
  const unknown = await call('POST', '/api/orders', order('binance'))
  expect([201, 202], JSON.stringify(unknown.body)).toContain(unknown.status)
  await sim.control.clearFaults('binance')
  if (unknown.status === 202) await call('GET', `/api/orders/${unknown.body.workflowId}`)
  // Reads: balances with each key (Kraken's refused), a venue down, a venue failing, the health of all.
  for (const exchange of EXCHANGE_IDS) await call('GET', `/api/balances/${exchange}`)
  await sim.control.setFaults('coinbase', { down: true })
  await call('GET', '/api/balances/coinbase')
  await call('GET', '/api/ticker/coinbase/BTC-USDT')
  await sim.control.clearFaults('coinbase')
  await sim.control.setFaults('binance', { errorRate: 1 })
  await call('GET', '/api/balances/binance')
  await sim.control.clearFaults('binance')
  await call('GET', '/health')
  await call('GET', '/api/exchanges')
  for (const exchange of EXCHANGE_IDS) await call('GET', `/api/exchanges/${exchange}/health`)
  await call('POST', '/api/reconciliation')
  await call('GET', '/api/reconciliation')
  await call('GET', '/api/risk')
  const { body: list } = await call('GET', '/api/executions?limit=200')
  for (const execution of list.executions as { id: string }[]) await call('GET', `/api/executions/${execution.id}`)
  for (const id of [binance, coinbase, kraken].map((r) => r.body.workflowId as string))
    await call('GET', `/api/orders/${id}`)
  await call('GET', `/api/orders/failover/${failover.body.workflowId}`)
  // A wrong token is refused without echoing anything.
  await call('GET', '/api/risk', undefined, { Authorization: `Bearer ${SECRETS.GATEWAY_API_TOKEN}x` })
  const metrics = await call('GET', '/metrics')

  // Every workflow of this task queue (visibility is eventually consistent: wait until the list stops growing).
  const ids = new Set<string>()
  for (let stable = 0; stable < 3;) {
    const before = ids.size
    for await (const workflow of client.workflow.list({ query: `TaskQueue = '${taskQueue}'` }))
      ids.add(workflow.workflowId)
    stable = ids.size === before && ids.size > 0 ? stable + 1 : 0
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  const histories = await Promise.all(
    [...ids].map(async (id) => ({ id, history: await client.workflow.getHandle(id).fetchHistory() }))
  )

  // Every row of every table, read through a connection of its own.
  const sqlite = new Database(join(dir, 'gateway.db'), { readonly: true })
  const tables = sqlite.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]
  const rows = tables.map(({ name }) => ({ name, rows: sqlite.prepare(`select * from "${name}"`).all() }))
  sqlite.close()

  const sources: { where: string; text: string }[] = [
    ...logLines.map((text, i) => ({ where: `log line ${i}`, text })),
    ...histories.flatMap(({ id, history }) => strings(history).map((text) => ({ where: `history of ${id}`, text }))),
    ...rows.flatMap(({ name, rows }) =>
      rows.flatMap((row) => strings(row).map((text) => ({ where: `table ${name}`, text })))
    ),
    ...responses.map(({ request, status, text }) => ({ where: `answer to ${request} (${status})`, text })),
  ]
  const hits = scan(sources)
  // The scan itself finds a secret in each form it looks for.
  for (const form of writtenForms(SECRETS.KRAKEN_SECRET_KEY))
    expect(scan([{ where: 'canary', text: `x${form}x` }]).length).toBeGreaterThan(0)
  const historyEvents = histories.reduce((n, { history }) => n + (history.events?.length ?? 0), 0)
  const rowCount = rows.reduce((n, t) => n + t.rows.length, 0)
  console.info(
    `[secret-scan] ${Object.keys(SECRETS).length} secrets scanned in ${logLines.length} log lines, ${histories.length} workflow ` +
      `histories (${historyEvents} events), ${rowCount} rows of ${tables.length} tables, ${responses.length} API answers ` +
      `(/metrics ${metrics.status}): ${hits.length} hits`
  )
  // The scan saw the scenario: failures were logged and recorded, not just successes.
  expect(histories.length).toBeGreaterThanOrEqual(5)
  expect(logLines.length).toBeGreaterThan(20)
  expect(rowCount).toBeGreaterThan(5)
  expect(hits).toEqual([])
}, 240_000)
