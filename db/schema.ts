// The execution history: what was asked, what was decided, every order attempt and how it ended.
// Temporal holds the live state; these tables keep the audit trail after Temporal's retention window and serve
// GET /api/executions. Amounts and prices are decimal strings (TEXT), never REAL.

import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`

/** One workflow execution: a single order, a smart order, a failover order, an arbitrage or a monitor. */
export const executions = sqliteTable(
  'executions',
  {
    /** The Temporal workflow id. */
    id: text('id').primaryKey(),
    strategy: text('strategy', { enum: ['order', 'smart', 'failover', 'arbitrage', 'monitor'] }).notNull(),
    /** unresolved: running, with an order whose outcome the venue has not told yet (looked up until it does). */
    status: text('status', { enum: ['running', 'unresolved', 'completed', 'failed'] })
      .notNull()
      .default('running'),
    symbol: text('symbol'),
    side: text('side'),
    /** Exchanges involved: requested or selected, comma separated. */
    exchanges: text('exchanges'),
    idempotencyKey: text('idempotency_key'),
    request: text('request', { mode: 'json' }).notNull(),
    /** Final result (unified orders, realised profit...), JSON. */
    result: text('result', { mode: 'json' }),
    /** Outcome in a word: filled, partially_filled, rejected, unwound, no_opportunity, stopped... */
    outcome: text('outcome'),
    error: text('error'),
    /** Realised profit in quote currency (arbitrage), decimal string. */
    profit: text('profit'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
    completedAt: integer('completed_at'),
  },
  (t) => [
    index('executions_strategy_idx').on(t.strategy, t.createdAt),
    index('executions_symbol_idx').on(t.symbol),
    // The pre-trade check counts unresolved executions before every order: without it, a scan of the whole history.
    index('executions_status_idx').on(t.status),
  ]
)

/** A routing decision with every candidate venue it considered. */
export const routingDecisions = sqliteTable(
  'routing_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    executionId: text('execution_id')
      .notNull()
      .references(() => executions.id),
    /** Position of this decision within the execution (a retry after failover makes another). */
    seq: integer('seq').notNull(),
    selected: text('selected'),
    reason: text('reason').notNull(),
    expectedAveragePrice: text('expected_average_price'),
    liquidityScore: text('liquidity_score'),
    expectedSlippageBps: text('expected_slippage_bps'),
    candidates: text('candidates', { mode: 'json' }).notNull(),
    splitPlan: text('split_plan', { mode: 'json' }),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('routing_decisions_execution_seq').on(t.executionId, t.seq)]
)

/**
 * One order sent (or about to be sent) to one venue. Written *before* the request goes out, keyed by the client
 * order id, and updated in place by every retry, so a crash between sending and answering leaves a row that says
 * "sent, outcome unknown" rather than nothing.
 */
export const orderAttempts = sqliteTable(
  'order_attempts',
  {
    clientOrderId: text('client_order_id').primaryKey(),
    executionId: text('execution_id')
      .notNull()
      .references(() => executions.id),
    /** primary, backup, routed, split, buy-leg, sell-leg, unwind */
    role: text('role').notNull(),
    seq: integer('seq').notNull(),
    exchange: text('exchange').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side').notNull(),
    type: text('type').notNull(),
    amount: text('amount').notNull(),
    price: text('price'),
    /** pending (recorded, not yet sent), sent, open, closed, canceled, expired, rejected, unknown, absent */
    status: text('status').notNull(),
    exchangeOrderId: text('exchange_order_id'),
    filled: text('filled'),
    average: text('average'),
    cost: text('cost'),
    fee: text('fee'),
    feeCurrency: text('fee_currency'),
    error: text('error'),
    errorType: text('error_type'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    index('order_attempts_execution_idx').on(t.executionId, t.seq),
    // The pre-trade check reads each venue's requests of the last minute before every order (its error-rate halt):
    // without it, a scan of the whole ledger, slower with every order ever placed.
    index('order_attempts_exchange_created_idx').on(t.exchange, t.createdAt),
    index('order_attempts_created_idx').on(t.createdAt),
  ]
)

export type Execution = typeof executions.$inferSelect
export type NewExecution = typeof executions.$inferInsert
export type RoutingDecisionRow = typeof routingDecisions.$inferSelect
export type OrderAttempt = typeof orderAttempts.$inferSelect
export type NewOrderAttempt = typeof orderAttempts.$inferInsert

/**
 * One reconciliation of one venue with the ledger (order_attempts): what was checked, every difference found and
 * how many ledger rows the venue's answers settled. A run that could not read the venue is kept too, with its error.
 */
export const reconciliationReports = sqliteTable(
  'reconciliation_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The reconciliation workflow's id: one report per (run, venue). */
    runId: text('run_id').notNull(),
    exchange: text('exchange').notNull(),
    status: text('status', { enum: ['ok', 'failed'] }).notNull(),
    startedAt: integer('started_at').notNull(),
    completedAt: integer('completed_at').notNull(),
    /** Symbols checked, JSON array. */
    symbols: text('symbols', { mode: 'json' }).notNull(),
    /** Counts of what was read (open orders, fills, ledger rows, lookups); null when the venue could not be read. */
    checked: text('checked', { mode: 'json' }),
    /** domain/reconciliation.ts Difference[], JSON. */
    differences: text('differences', { mode: 'json' }).notNull(),
    differenceCount: integer('difference_count').notNull(),
    settledCount: integer('settled_count').notNull(),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('reconciliation_reports_run_exchange').on(t.runId, t.exchange),
    index('reconciliation_reports_exchange_idx').on(t.exchange, t.completedAt),
  ]
)

export type ReconciliationReportRow = typeof reconciliationReports.$inferSelect
export type NewReconciliationReport = typeof reconciliationReports.$inferInsert

// ---- Risk (issue 8): limits, the trading state, the audit of both, and the send-rate window. ----

/**
 * The limits in force when changed through the API: one row (id 1). No row means the configuration's limits
 * (RISK_LIMITS_FILE merged over the defaults), so a fresh database follows the configuration.
 */
export const riskLimits = sqliteTable('risk_limits', {
  id: integer('id').primaryKey(),
  /** domain/risk/types.ts RiskLimits, JSON (decimal strings stay strings). */
  limits: text('limits', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull().default(now),
  updatedBy: text('updated_by').notNull(),
})

/** The trading state per scope: 'all' (the whole platform) or one venue. No 'all' row means ACTIVE. */
export const tradingStates = sqliteTable('trading_states', {
  scope: text('scope').primaryKey(),
  state: text('state', { enum: ['ACTIVE', 'REDUCING', 'HALTED'] }).notNull(),
  reason: text('reason').notNull(),
  /** A token name, 'api', 'config', or 'auto:<halt kind>' for an automatic halt. */
  changedBy: text('changed_by').notNull(),
  changedAt: integer('changed_at').notNull().default(now),
})

/** The audit of risk: every limits change, every state change, every automatic halt, every refusal. */
export const riskEvents = sqliteTable(
  'risk_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull().default(now),
    kind: text('kind', { enum: ['limits_changed', 'state_changed', 'halt', 'refusal'] }).notNull(),
    /** 'all' or a venue. */
    scope: text('scope').notNull(),
    actor: text('actor').notNull(),
    /** What changed or why: before/after for changes, the halt's kind and reason, the refusal's message. JSON. */
    detail: text('detail', { mode: 'json' }).notNull(),
  },
  (t) => [index('risk_events_kind_at_idx').on(t.kind, t.at)]
)

/**
 * One send slot per order within maxOrdersPerMinutePerVenue, across every process sharing the database: a row per
 * client order id (a retry finds its own), counted over the last 60 s per venue. Older rows may be pruned.
 */
export const sendReservations = sqliteTable(
  'send_reservations',
  {
    clientOrderId: text('client_order_id').primaryKey(),
    exchange: text('exchange').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('send_reservations_exchange_at_idx').on(t.exchange, t.at)]
)

export type RiskLimitsRow = typeof riskLimits.$inferSelect
export type TradingStateRow = typeof tradingStates.$inferSelect
export type RiskEventRow = typeof riskEvents.$inferSelect
export type NewRiskEvent = typeof riskEvents.$inferInsert

// ---- Order lifecycle (issue 13): every fill of every order the gateway follows. ----

/**
 * One fill (trade) of one of our orders, as the venue reported it. A trade id is unique per venue and symbol, so a
 * fill read twice (a retried poll, a continued run) is recorded once.
 */
export const orderFills = sqliteTable(
  'order_fills',
  {
    exchange: text('exchange').notNull(),
    symbol: text('symbol').notNull(),
    /** The venue's trade id. */
    tradeId: text('trade_id').notNull(),
    clientOrderId: text('client_order_id')
      .notNull()
      .references(() => orderAttempts.clientOrderId),
    executionId: text('execution_id').notNull(),
    exchangeOrderId: text('exchange_order_id').notNull(),
    side: text('side').notNull(),
    price: text('price').notNull(),
    amount: text('amount').notNull(),
    fee: text('fee'),
    feeCurrency: text('fee_currency'),
    /** maker or taker, when the venue says. */
    liquidity: text('liquidity'),
    /** The venue's time of the trade, epoch ms. */
    tradedAt: integer('traded_at').notNull(),
    recordedAt: integer('recorded_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('order_fills_trade').on(t.exchange, t.symbol, t.tradeId),
    index('order_fills_execution_idx').on(t.executionId, t.tradedAt),
    index('order_fills_traded_idx').on(t.tradedAt),
  ]
)

export type OrderFillRow = typeof orderFills.$inferSelect
export type NewOrderFill = typeof orderFills.$inferInsert
