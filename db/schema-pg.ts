// The execution history on PostgreSQL (DATABASE_URL): the same tables, columns and names as db/schema.ts (SQLite),
// so every query in db/ reads and writes both. Times are epoch milliseconds in bigint (read back as numbers), JSON is
// `json` (kept as written, key order included), amounts and prices are decimal strings (text), never floats.
// test/db/schemas-agree.test.ts checks that the two schemas name the same tables and columns.

import { sql } from 'drizzle-orm'
import { bigint, index, integer, json, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core'

const now = sql`(floor(extract(epoch from clock_timestamp()) * 1000)::bigint)`

/** One workflow execution: a single order, a smart order, a failover order, an arbitrage or a monitor. */
export const executions = pgTable(
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
    request: json('request').notNull(),
    /** Final result (unified orders, realised profit...), JSON. */
    result: json('result'),
    /** Outcome in a word: filled, partially_filled, rejected, unwound, no_opportunity, stopped... */
    outcome: text('outcome'),
    error: text('error'),
    /** Realised profit in quote currency (arbitrage), decimal string. */
    profit: text('profit'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull().default(now),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull().default(now),
    completedAt: bigint('completed_at', { mode: 'number' }),
  },
  (t) => [
    index('executions_strategy_idx').on(t.strategy, t.createdAt),
    index('executions_symbol_idx').on(t.symbol),
    // The pre-trade check counts unresolved executions before every order: without it, a scan of the whole history.
    index('executions_status_idx').on(t.status),
  ]
)

/** A routing decision with every candidate venue it considered. */
export const routingDecisions = pgTable(
  'routing_decisions',
  {
    id: serial('id').primaryKey(),
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
    candidates: json('candidates').notNull(),
    splitPlan: json('split_plan'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull().default(now),
  },
  (t) => [uniqueIndex('routing_decisions_execution_seq').on(t.executionId, t.seq)]
)

/**
 * One order sent (or about to be sent) to one venue. Written *before* the request goes out, keyed by the client
 * order id, and updated in place by every retry, so a crash between sending and answering leaves a row that says
 * "sent, outcome unknown" rather than nothing.
 */
export const orderAttempts = pgTable(
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
    createdAt: bigint('created_at', { mode: 'number' }).notNull().default(now),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull().default(now),
  },
  (t) => [
    index('order_attempts_execution_idx').on(t.executionId, t.seq),
    // The pre-trade check reads each venue's requests of the last minute before every order (its error-rate halt):
    // without it, a scan of the whole ledger, slower with every order ever placed.
    index('order_attempts_exchange_created_idx').on(t.exchange, t.createdAt),
    index('order_attempts_created_idx').on(t.createdAt),
  ]
)

/**
 * One reconciliation of one venue with the ledger (order_attempts): what was checked, every difference found and
 * how many ledger rows the venue's answers settled. A run that could not read the venue is kept too, with its error.
 */
export const reconciliationReports = pgTable(
  'reconciliation_reports',
  {
    id: serial('id').primaryKey(),
    /** The reconciliation workflow's id: one report per (run, venue). */
    runId: text('run_id').notNull(),
    exchange: text('exchange').notNull(),
    status: text('status', { enum: ['ok', 'failed'] }).notNull(),
    startedAt: bigint('started_at', { mode: 'number' }).notNull(),
    completedAt: bigint('completed_at', { mode: 'number' }).notNull(),
    /** Symbols checked, JSON array. */
    symbols: json('symbols').notNull(),
    /** Counts of what was read (open orders, fills, ledger rows, lookups); null when the venue could not be read. */
    checked: json('checked'),
    /** domain/reconciliation.ts Difference[], JSON. */
    differences: json('differences').notNull(),
    differenceCount: integer('difference_count').notNull(),
    settledCount: integer('settled_count').notNull(),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('reconciliation_reports_run_exchange').on(t.runId, t.exchange),
    index('reconciliation_reports_exchange_idx').on(t.exchange, t.completedAt),
  ]
)

// ---- Risk (issue 8): limits, the trading state, the audit of both, and the send-rate window. ----

/**
 * The limits in force when changed through the API: one row (id 1). No row means the configuration's limits
 * (RISK_LIMITS_FILE merged over the defaults), so a fresh database follows the configuration.
 */
export const riskLimits = pgTable('risk_limits', {
  id: integer('id').primaryKey(),
  /** domain/risk/types.ts RiskLimits, JSON (decimal strings stay strings). */
  limits: json('limits').notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull().default(now),
  updatedBy: text('updated_by').notNull(),
})

/** The trading state per scope: 'all' (the whole platform) or one venue. No 'all' row means ACTIVE. */
export const tradingStates = pgTable('trading_states', {
  scope: text('scope').primaryKey(),
  state: text('state', { enum: ['ACTIVE', 'REDUCING', 'HALTED'] }).notNull(),
  reason: text('reason').notNull(),
  /** A token name, 'api', 'config', or 'auto:<halt kind>' for an automatic halt. */
  changedBy: text('changed_by').notNull(),
  changedAt: bigint('changed_at', { mode: 'number' }).notNull().default(now),
})

/** The audit of risk: every limits change, every state change, every automatic halt, every refusal. */
export const riskEvents = pgTable(
  'risk_events',
  {
    id: serial('id').primaryKey(),
    at: bigint('at', { mode: 'number' }).notNull().default(now),
    kind: text('kind', { enum: ['limits_changed', 'state_changed', 'halt', 'refusal'] }).notNull(),
    /** 'all' or a venue. */
    scope: text('scope').notNull(),
    actor: text('actor').notNull(),
    /** What changed or why: before/after for changes, the halt's kind and reason, the refusal's message. JSON. */
    detail: json('detail').notNull(),
  },
  (t) => [index('risk_events_kind_at_idx').on(t.kind, t.at)]
)

/**
 * One send slot per order within maxOrdersPerMinutePerVenue, across every process sharing the database: a row per
 * client order id (a retry finds its own), counted over the last 60 s per venue. Older rows may be pruned.
 */
export const sendReservations = pgTable(
  'send_reservations',
  {
    clientOrderId: text('client_order_id').primaryKey(),
    exchange: text('exchange').notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [index('send_reservations_exchange_at_idx').on(t.exchange, t.at)]
)

// ---- Order lifecycle (issue 13): every fill of every order the gateway follows. ----

/**
 * One fill (trade) of one of our orders, as the venue reported it. A trade id is unique per venue and symbol, so a
 * fill read twice (a retried poll, a continued run) is recorded once.
 */
export const orderFills = pgTable(
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
    tradedAt: bigint('traded_at', { mode: 'number' }).notNull(),
    recordedAt: bigint('recorded_at', { mode: 'number' }).notNull().default(now),
  },
  (t) => [
    uniqueIndex('order_fills_trade').on(t.exchange, t.symbol, t.tradeId),
    index('order_fills_execution_idx').on(t.executionId, t.tradedAt),
    index('order_fills_traded_idx').on(t.tradedAt),
  ]
)
