// The HTTP API as npm start and npm run api run it: a Temporal client, the Hono app and the execution history.
import { Client, Connection } from '@temporalio/client'
import type { NativeConnection } from '@temporalio/worker'

import { createApp } from '../api/app.js'
import { registerLedgerMetrics } from '../api/ledger-metrics.js'
import { createVenueReader } from '../api/venue-reader.js'
import { createWorkflowRunner } from '../api/workflow-runner.js'
import type { GatewayDb } from '../db/client.js'
import type { ConnectorRegistry, ExchangeSettings } from '../exchanges/registry.js'
import type { TemporalConnectionSettings } from '../temporal.config.js'
import { listenHttp } from './http-server.js'
import type { Lifecycle } from './lifecycle.js'
import type { Logger } from './logger.js'
import type { ProcessMetrics } from './process-metrics.js'
import { readRiskLimits } from './risk-limits.js'
import type { ApiConfig } from './start-config.js'
import { readTemporalConnectionOptions } from './temporal-connection-options.js'

export interface ApiServerOptions {
  temporal: TemporalConnectionSettings
  api: ApiConfig
  db: GatewayDb
  settings: ExchangeSettings
  /** The process logger: request lines, audit lines and errors. */
  logger: Logger
  /** The connectors the API reads market data and balances through (npm start shares the worker's, and its limiter). */
  connectors: ConnectorRegistry
  /** The process's metrics: GET /metrics answers them, with the ledger's gauges added here. */
  metrics: ProcessMetrics
  /**
   * The worker's connection when the worker runs in this process (npm start): the API's client shares it and asks
   * for eager workflow start, so a new order's first workflow task goes straight to this worker.
   */
  workerConnection?: NativeConnection
}

/** Listens and resolves with the API's URL once the port is bound (or rejects, e.g. on EADDRINUSE). */
export async function startApiServer(
  lifecycle: Lifecycle,
  { temporal, api, db, settings, logger, connectors, metrics, workerConnection }: ApiServerOptions
): Promise<string> {
  let connection: Connection | NativeConnection | undefined = workerConnection
  if (!connection) {
    const own = await Connection.connect({ address: temporal.address, ...readTemporalConnectionOptions(process.env) })
    lifecycle.defer(() => own.close())
    connection = own
  }
  const client = new Client({ connection, namespace: temporal.namespace })
  registerLedgerMetrics(metrics.registry, { db, exchanges: settings.exchanges })
  const app = createApp({
    runner: createWorkflowRunner(client, temporal.taskQueue, { eagerStart: workerConnection !== undefined }),
    reader: createVenueReader(connectors),
    db,
    exchanges: settings.exchanges,
    demoMode: settings.demo,
    apiToken: api.apiToken,
    apiTokens: api.apiTokens,
    limits: api.limits,
    rateLimit: api.rateLimit,
    // The configured risk limits, shown and merged over by the API until limits are set through it.
    riskLimits: readRiskLimits(process.env),
    logger,
    metrics,
  })
  // PORT=0 picks a free port: the URL carries the one bound.
  const { server, port } = await listenHttp(app.fetch, api)
  lifecycle.defer(() => new Promise<void>((done) => server.close(() => done())))
  return `http://${api.host}:${port}`
}
