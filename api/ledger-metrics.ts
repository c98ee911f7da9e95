// The ledger as gauges, read from the database at every scrape (collect callbacks): orders by venue and status,
// the orders whose outcome is not known yet and how old the oldest is, executions by strategy, status and outcome.
// Every API copy reports the same figures from the shared database: a dashboard takes max(), not sum().
import { Gauge, type Registry } from 'prom-client'

import type { GatewayDb } from '../db/client.js'
import { executionCounts, orderCountsByStatus, unresolvedOrdersByExchange } from '../db/ledger-counts.js'
import { unresolvedCount } from '../db/risk-facts.js'
import type { ExchangeId } from '../domain/types.js'

interface LedgerMetricsOptions {
  db: GatewayDb
  /** Venues reported with 0 unresolved orders (and age 0) when the ledger has none: an absent series alerts on nothing. */
  exchanges: readonly ExchangeId[]
  /** ms since the epoch. */
  clock?: () => number
}

export function registerLedgerMetrics(
  registry: Registry,
  { db, exchanges, clock = Date.now }: LedgerMetricsOptions
): void {
  const registers = [registry]
  new Gauge({
    name: 'gateway_ledger_orders',
    help: 'Orders in the ledger (order_attempts) by venue and status: pending, sent, open, closed, canceled, expired, rejected, unknown, absent',
    labelNames: ['exchange', 'status'],
    registers,
    async collect() {
      this.reset()
      for (const row of await orderCountsByStatus(db))
        this.set({ exchange: row.exchange, status: row.status }, row.count)
    },
  })
  new Gauge({
    name: 'gateway_unresolved_orders',
    help: 'Orders sent to a venue whose outcome is not known yet (ledger status sent or unknown), by venue',
    labelNames: ['exchange'],
    registers,
    async collect() {
      this.reset()
      for (const exchange of exchanges) this.set({ exchange }, 0)
      for (const row of await unresolvedOrdersByExchange(db)) this.set({ exchange: row.exchange }, row.count)
    },
  })
  new Gauge({
    name: 'gateway_unresolved_order_oldest_age_seconds',
    help: 'Age of the oldest order whose outcome is not known yet, by venue (0 while there is none)',
    labelNames: ['exchange'],
    registers,
    async collect() {
      this.reset()
      const now = clock()
      for (const exchange of exchanges) this.set({ exchange }, 0)
      for (const row of await unresolvedOrdersByExchange(db)) {
        this.set({ exchange: row.exchange }, Math.max(0, now - row.oldestCreatedAt) / 1000)
      }
    },
  })
  new Gauge({
    name: 'gateway_unresolved_executions',
    help: 'Executions waiting on a venue to tell an order outcome past the reconcile grace window (what maxUnresolvedOrders halts on)',
    registers,
    async collect() {
      this.set(await unresolvedCount(db))
    },
  })
  new Gauge({
    name: 'gateway_executions',
    help: 'Executions in the history by strategy (order, smart, failover, arbitrage, monitor), status and outcome (empty while running)',
    labelNames: ['strategy', 'status', 'outcome'],
    registers,
    async collect() {
      this.reset()
      for (const row of await executionCounts(db)) {
        this.set({ strategy: row.strategy, status: row.status, outcome: row.outcome ?? '' }, row.count)
      }
    },
  })
}
