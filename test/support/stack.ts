// The whole platform for one test file, on real parts: the venue simulator on free ports, the real connectors
// (unmodified ccxt) in demo mode, a SQLite file with the real migrations, a worker on the shared Temporal dev server
// (started once by temporal-global-setup.ts) with its own task queue, and the Hono app.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Client, Connection } from '@temporalio/client'
import {
  NativeConnection,
  Runtime,
  DefaultLogger,
  type Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker'
import { inject } from 'vitest'

import { createApp } from '../../api/app.js'
import { registerLedgerMetrics } from '../../api/ledger-metrics.js'
import { createVenueReader } from '../../api/venue-reader.js'
import { createWorkflowRunner } from '../../api/workflow-runner.js'
import { openDatabase, type GatewayDb } from '../../db/client.js'
import type { RiskLimits } from '../../domain/risk/types.js'
import { EXCHANGE_IDS, type ExchangeId } from '../../domain/types.js'
import { createConnectorRegistry, loadExchangeSettings, type ConnectorRegistry } from '../../exchanges/registry.js'
import { createProcessMetrics, runtimeMetricsAddress, type ProcessMetrics } from '../../bin/process-metrics.js'
import { bundleWorkflows, createGatewayWorker } from '../../bin/worker.js'
import { startTestSimulator, type TestSimulator } from './simulator.js'

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined
let runtimeInstalled: { metricsAddress?: string } | undefined

export interface TestStack {
  sim: TestSimulator
  db: GatewayDb
  client: Client
  taskQueue: string
  registry: ConnectorRegistry
  /** The process's metrics as npm start wires them (GET /metrics answers them), when `metrics` was asked for. */
  metrics?: ProcessMetrics
  /** Calls the Hono app in-process (same code path as over HTTP). */
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>
  ): Promise<{ status: number; body: any }>
  close(): Promise<void>
}

export interface StackOptions {
  exchanges?: ExchangeId[]
  /** How long POSTs wait for a workflow before answering 202. */
  waitMs?: number
  /** The worker's clock runs this far ahead of (positive) or behind the real one: activities read time through it. */
  workerClockSkewMs?: number
  /** The configured risk limits (as RISK_LIMITS_FILE gives them); the demo-safe defaults when absent. */
  riskLimits?: RiskLimits
  /**
   * Metrics as npm start wires them: a registry of this stack's own, counted connectors, the ledger's gauges and the
   * worker runtime's Prometheus exporter. The runtime is installed once per test file: ask for it in the first stack.
   */
  metrics?: boolean
}

export async function startTestStack(options: StackOptions = {}): Promise<TestStack> {
  if (runtimeInstalled === undefined) {
    const metricsAddress = options.metrics ? await runtimeMetricsAddress() : undefined
    Runtime.install({
      logger: new DefaultLogger(process.env.TEST_WORKER_LOG === '1' ? 'WARN' : 'ERROR'),
      shutdownSignals: [],
      ...(metricsAddress !== undefined && {
        telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } },
      }),
    })
    runtimeInstalled = { metricsAddress }
  }
  if (options.metrics && runtimeInstalled.metricsAddress === undefined) {
    throw new Error(
      'startTestStack({ metrics: true }) after a stack without metrics: the worker runtime is already installed'
    )
  }
  const metrics = options.metrics
    ? createProcessMetrics({ runtimeMetricsAddress: runtimeInstalled.metricsAddress })
    : undefined
  bundle ??= bundleWorkflows()
  const address = inject('temporalAddress')
  const sim = await startTestSimulator()
  const dir = mkdtempSync(join(tmpdir(), 'gateway-test-'))
  const database = await openDatabase(join(dir, 'gateway.db'))
  const settings = loadExchangeSettings({})
  const exchanges = options.exchanges ?? [...EXCHANGE_IDS]
  const registry = createConnectorRegistry(
    { ...settings, exchanges },
    { simulatorUrls: sim.urls, ...(metrics !== undefined && { deps: metrics.connectorDeps(exchanges) }) }
  )
  if (metrics !== undefined) registerLedgerMetrics(metrics.registry, { db: database.db, exchanges })

  const taskQueue = `test-${randomUUID()}`
  const nativeConnection = await NativeConnection.connect({ address })
  const worker: Worker = await createGatewayWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    deps: {
      connectors: registry,
      db: database.db,
      ...(options.workerClockSkewMs ? { now: () => Date.now() + options.workerClockSkewMs! } : {}),
      ...(options.riskLimits ? { riskLimits: options.riskLimits } : {}),
    },
    workflowBundle: await bundle,
  })
  const running = worker.run()
  const connection = await Connection.connect({ address })
  const client = new Client({ connection, namespace: 'default' })
  const app = createApp({
    runner: createWorkflowRunner(client, taskQueue),
    reader: createVenueReader(registry),
    db: database.db,
    exchanges,
    demoMode: registry.demoMode,
    waitMs: options.waitMs ?? 45_000,
    ...(options.riskLimits ? { riskLimits: options.riskLimits } : {}),
    ...(metrics !== undefined && { metrics }),
  })

  return {
    sim,
    db: database.db,
    client,
    taskQueue,
    registry,
    metrics,
    async request(method, path, body, headers = {}) {
      const response = await app.request(path, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      })
      const text = await response.text()
      // Every route answers JSON but /metrics, whose body is the Prometheus text as it came.
      const json = response.headers.get('content-type')?.includes('json') === true
      return { status: response.status, body: text ? (json ? JSON.parse(text) : text) : undefined }
    },
    async close() {
      worker.shutdown()
      await running
      await connection.close()
      await nativeConnection.close()
      await registry.close()
      await sim.close()
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
