// Example answers for the catalogue: realistic, and checked against their own schemas by test/api/openapi-document.test.ts.
const T = 1_767_312_000_000
const CLIENT_ORDER_ID = 'c0ffee00-5e1e-4c7a-9f00-000000000001'

export const placedOrder = {
  exchange: 'binance',
  id: '28457',
  clientOrderId: CLIENT_ORDER_ID,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  status: 'closed',
  amount: '0.01',
  filled: '0.01',
  remaining: '0',
  average: '64010.5',
  cost: '640.105',
  fee: { cost: '0.640105', currency: 'USDT' },
  timestamp: T,
}

const placedAttempt = {
  seq: 1,
  exchange: 'binance',
  role: 'primary',
  clientOrderId: CLIENT_ORDER_ID,
  outcome: 'placed',
  order: placedOrder,
  reconciled: false,
}

export const orderPlaced = {
  workflowId: 'order-key-1',
  exchange: 'binance',
  clientOrderId: CLIENT_ORDER_ID,
  outcome: 'placed',
  order: placedOrder,
  attempts: [placedAttempt],
}

const failed = (outcome: string, type: string, message: string) => ({
  workflowId: 'order-key-1',
  exchange: 'binance',
  clientOrderId: CLIENT_ORDER_ID,
  outcome,
  error: { type, message },
  attempts: [
    { seq: 1, exchange: 'binance', role: 'primary', clientOrderId: CLIENT_ORDER_ID, outcome, errorType: type, message },
  ],
})

export const orderRejected = failed(
  'rejected',
  'InsufficientBalanceError',
  'binance: Account has insufficient balance for requested action.'
)
export const orderNotPlaced = failed('not_placed', 'ExchangeUnavailableError', 'binance: service unavailable')
export const orderUnknown = failed('unknown', 'OrderOutcomeUnknownError', 'binance: request timed out after sending')

// A failover's result names no client order id of its own: each attempt carries one.
export const failoverUnknown = {
  workflowId: 'failover-key-2',
  outcome: 'unknown',
  exchange: 'binance',
  error: orderUnknown.error,
  attempts: orderUnknown.attempts,
}

export const orderRiskRefused = {
  ...failed('rejected', 'RiskRejectedError', 'order notional 1280210 USDT exceeds maxOrderNotional 1000000'),
  error: {
    code: 'risk_rejected',
    type: 'RiskRejectedError',
    message: 'order notional 1280210 USDT exceeds maxOrderNotional 1000000',
  },
}

export const running = { workflowId: 'order-key-1', status: 'running' }

export const orderRunning = {
  workflowId: 'order-key-1',
  status: 'unresolved',
  state: {
    phase: 'placing',
    clientOrderId: CLIENT_ORDER_ID,
    unresolved: [
      {
        exchange: 'binance',
        clientOrderId: CLIENT_ORDER_ID,
        reason: 'binance: lookup failed: service unavailable',
        since: T,
      },
    ],
  },
}

export const failoverPlaced = {
  workflowId: 'failover-key-2',
  outcome: 'placed',
  exchange: 'kraken',
  order: { ...placedOrder, exchange: 'kraken', id: 'OQCLML-BW3P3-BUCMWZ', symbol: 'BTC/USD' },
  attempts: [
    {
      seq: 1,
      exchange: 'binance',
      role: 'primary',
      clientOrderId: CLIENT_ORDER_ID,
      outcome: 'rejected',
      errorType: 'InvalidOrderError',
      message: 'binance: Filter failure: LOT_SIZE',
    },
    {
      ...placedAttempt,
      seq: 2,
      exchange: 'kraken',
      role: 'backup',
      order: { ...placedOrder, exchange: 'kraken', id: 'OQCLML-BW3P3-BUCMWZ', symbol: 'BTC/USD' },
    },
  ],
}

const routing = {
  request: { symbol: 'BTC/USDT', side: 'buy', amount: '0.5', type: 'market' },
  candidates: [
    {
      exchange: 'kraken',
      rank: 1,
      fillableAmount: '0.5',
      fillRatio: 1,
      fullFill: true,
      expectedAveragePrice: '64001',
      expectedCost: '32000.5',
      expectedFee: '83.2013',
      takerFee: '0.0026',
      effectivePrice: '64167.4026',
      worstPrice: '64002',
      liquidityScore: 1,
      expectedSlippageBps: 0.16,
      priceGapBps: 0,
      latencyPenaltyBps: 0.3,
      healthPenaltyBps: 0,
      scoreBps: 0.3,
      reason: 'fills 0.5 at 64001 (64167.4026 after fees)',
    },
    { exchange: 'coinbase', takerFee: '0.006', rejection: 'no liquidity', reason: 'no liquidity' },
  ],
  selected: 'kraken',
  reason: 'kraken: best effective price after fees for the whole amount',
  expectedAveragePrice: '64001',
  liquidityScore: 1,
  expectedSlippageBps: 0.16,
  splitRecommended: false,
}

export const smartFilled = {
  workflowId: 'smart-key-3',
  outcome: 'filled',
  selectedExchanges: ['kraken'],
  reason: routing.reason,
  expectedAveragePrice: '64001',
  actualAveragePrice: '64001',
  liquidityScore: 1,
  expectedSlippageBps: 0.16,
  realisedSlippageBps: 0,
  filled: '0.5',
  fees: [{ cost: '83.2013', currency: 'USD' }],
  orders: [{ ...placedOrder, exchange: 'kraken', amount: '0.5', filled: '0.5', average: '64001', cost: '32000.5' }],
  attempts: [
    {
      ...placedAttempt,
      exchange: 'kraken',
      role: 'routed',
      order: { ...placedOrder, exchange: 'kraken', amount: '0.5', filled: '0.5', average: '64001', cost: '32000.5' },
    },
  ],
  decision: routing,
}

export const opportunity = {
  id: 'BTC/USDT:kraken->binance',
  symbol: 'BTC/USDT',
  buyExchange: 'kraken',
  sellExchange: 'binance',
  amount: '0.2',
  buyAveragePrice: '63800',
  sellAveragePrice: '64300',
  buyLimitPrice: '63800',
  sellLimitPrice: '64300',
  buyCost: '12760',
  sellProceeds: '12860',
  buyTakerFee: '0.0026',
  sellTakerFee: '0.001',
  buyFee: '33.176',
  sellFee: '12.86',
  grossProfit: '100',
  netProfit: '53.964',
  netProfitPct: 0.42,
  buyLevelsUsed: 1,
  sellLevelsUsed: 1,
  buyBookTimestamp: T,
  sellBookTimestamp: T,
}

export const scan = {
  symbol: 'BTC/USDT',
  minProfitPct: 0.1,
  scannedAt: T,
  opportunities: [opportunity],
  venues: {
    binance: 'ok',
    kraken: 'ok',
    coinbase: { code: 'unknown_symbol', message: 'coinbase has no market BTC/USDT' },
  },
}

const leg = (seq: number, exchange: string, role: string, side: string, price: string, cost: string) => ({
  seq,
  exchange,
  role,
  clientOrderId: `arb-key-4-${seq}`,
  outcome: 'placed',
  order: {
    ...placedOrder,
    exchange,
    side,
    type: 'limit',
    clientOrderId: `arb-key-4-${seq}`,
    amount: '0.2',
    filled: '0.2',
    average: price,
    price,
    cost,
    timeInForce: 'IOC',
  },
  reconciled: false,
})

export const arbitrageCompleted = {
  workflowId: 'arb-key-4',
  outcome: 'completed',
  opportunity,
  legs: [leg(1, 'kraken', 'buy-leg', 'buy', '63800', '12760'), leg(2, 'binance', 'sell-leg', 'sell', '64300', '12860')],
  realisedProfit: {
    currency: 'USDT',
    boughtAmount: '0.2',
    soldAmount: '0.2',
    buyCost: '12760',
    sellProceeds: '12860',
    fees: '46.036',
    netProfit: '53.964',
    residualAmount: '0',
    unconvertedFees: [],
  },
  profit: '53.964',
  flat: true,
  reason: 'both legs filled 0.2',
}

export const arbitrageNoOpportunity = {
  workflowId: 'arb-key-5',
  outcome: 'no_opportunity',
  legs: [],
  realisedProfit: {
    currency: 'USDT',
    boughtAmount: '0',
    soldAmount: '0',
    buyCost: '0',
    sellProceeds: '0',
    fees: '0',
    netProfit: '0',
    residualAmount: '0',
    unconvertedFees: [],
  },
  profit: '0',
  flat: true,
  reason: 'the books no longer allow a profitable size: net 0.03 % < 0.1 %',
}

const monitorParams = {
  symbols: ['BTC/USDT'],
  exchanges: ['binance', 'kraken'],
  intervalMs: 5000,
  minProfitPct: 0.1,
  autoExecute: { enabled: false, minProfitPct: 0.1 },
}

export const monitorView = {
  workflowId: 'monitor-key-6',
  stopped: false,
  scannedAt: T,
  opportunities: { 'BTC/USDT': [opportunity] },
  errors: [],
  skipped: [],
  scans: 12,
  executions: 0,
  params: monitorParams,
  recentExecutions: [],
  running: [],
  backoffs: [],
}

export const monitorStarted = { workflowId: 'monitor-key-6', status: 'running' }
export const monitorUpdated = { workflowId: 'monitor-key-6', status: 'running', update: { intervalMs: 10000 } }

export const executionRow = {
  id: 'order-key-1',
  strategy: 'order',
  status: 'completed',
  symbol: 'BTC/USDT',
  side: 'buy',
  exchanges: 'binance',
  idempotencyKey: 'key-1',
  request: {
    exchange: 'binance',
    order: { symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' },
    idempotencyKey: 'key-1',
  },
  result: orderPlaced,
  outcome: 'placed',
  error: null,
  profit: null,
  createdAt: T,
  updatedAt: T + 180,
  completedAt: T + 180,
}

export const executionDetail = {
  ...executionRow,
  decisions: [],
  attempts: [
    {
      clientOrderId: CLIENT_ORDER_ID,
      executionId: 'order-key-1',
      role: 'primary',
      seq: 1,
      exchange: 'binance',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: '0.01',
      price: null,
      status: 'closed',
      exchangeOrderId: '28457',
      filled: '0.01',
      average: '64010.5',
      cost: '640.105',
      fee: '0.640105',
      feeCurrency: 'USDT',
      error: null,
      errorType: null,
      createdAt: T,
      updatedAt: T + 150,
    },
  ],
}

export const reconciliation = {
  differences: 1,
  reports: [
    {
      runId: 'reconciliation-now/0a1b',
      exchange: 'kraken',
      status: 'ok',
      startedAt: T,
      completedAt: T + 900,
      symbols: ['BTC/USD'],
      checked: { openOrders: 1, fills: null, ledgerRows: 4, lookups: 1, deferred: 0 },
      differences: [
        {
          kind: 'unknown_to_ledger',
          symbol: 'BTC/USD',
          exchangeOrderId: 'OQCLML-BW3P3-BUCMWZ',
          venue: {
            id: 'OQCLML-BW3P3-BUCMWZ',
            symbol: 'BTC/USD',
            side: 'buy',
            status: 'open',
            amount: '0.1',
            price: '60000',
            filled: '0',
            timestamp: T,
            source: 'open_orders',
          },
          settled: false,
        },
      ],
      settledCount: 0,
    },
  ],
}

const states = [{ scope: 'all', state: 'ACTIVE', reason: 'default', changedBy: 'default', changedAt: 0 }]
const effective = {
  binance: { state: 'ACTIVE', reason: 'default', scope: 'all' },
  kraken: { state: 'ACTIVE', reason: 'default', scope: 'all' },
}
export const tradingStateView = { states, effective }

export const tradingStateChanged = {
  scope: 'binance',
  state: 'HALTED',
  reason: 'venue maintenance announced',
  changedBy: 'ops',
  changedAt: T,
  states: [
    ...states,
    { scope: 'binance', state: 'HALTED', reason: 'venue maintenance announced', changedBy: 'ops', changedAt: T },
  ],
  effective: { ...effective, binance: { state: 'HALTED', reason: 'venue maintenance announced', scope: 'binance' } },
}

export const limits = {
  maxOrderNotional: '1000000',
  maxOrderNotionalBySymbol: { 'BTC/USDT': '250000' },
  maxExposure: { BTC: '5' },
  maxOrdersPerMinutePerVenue: 600,
  maxDailyArbitrageLoss: '50000',
  maxAutoExecutionsPerMonitorPerHour: 60,
  maxUnresolvedOrders: 20,
  venueErrorHalt: { rate: 0.5, minRequests: 20, windowMs: 60000 },
}

export const riskView = {
  limits,
  ...tradingStateView,
  halts: [],
  usage: {
    ordersLastMinute: { binance: { used: 3, limit: 600 }, kraken: { used: 0, limit: 600 } },
    dailyArbitrageLoss: { used: '0', limit: '50000' },
    unresolvedOrders: { used: 0, limit: 20 },
    exposure: { 'binance:BTC': { used: '0.01', limit: '5' }, 'kraken:BTC': { used: '0', limit: '5' } },
    venueErrors: {
      binance: { requests: 3, failures: 0, rateLimit: 0.5, minRequests: 20 },
      kraken: { requests: 0, failures: 0, rateLimit: 0.5, minRequests: 20 },
    },
  },
}

const metrics = {
  exchange: 'binance',
  windowMs: 300000,
  calls: 42,
  latencyP50Ms: 12,
  latencyP99Ms: 85,
  successRate: 1,
  errorRate: 0,
  errorsByClass: {},
  throughputPerSec: 0.14,
}

const venueHealthy = {
  exchange: 'binance',
  connected: true,
  marketDataLatencyMs: 14,
  accountAccess: true,
  lastSuccessAt: T,
  errorRate: 0,
  status: 'healthy',
  metrics,
}

export const exchangeHealth = { demo: true, ...venueHealthy }

export const health = {
  status: 'ok',
  api: { status: 'ok' },
  temporal: { status: 'ok' },
  worker: { status: 'ok', pollers: ['12345@gateway-host'] },
  database: { status: 'ok' },
  venues: { binance: { demo: true, ...venueHealthy } },
  tradingState: tradingStateView,
  halts: [],
}

export const healthDegraded = {
  status: 'degraded',
  api: { status: 'ok' },
  temporal: { status: 'down', error: '14 UNAVAILABLE: No connection established' },
  worker: { status: 'unknown', pollers: [] },
  database: { status: 'ok' },
  venues: { binance: { status: 'unknown', demo: true, error: 'Temporal is down' } },
  tradingState: tradingStateView,
  halts: [],
}

const FEATURES = {
  markets: ['spot', 'futures-usdm'],
  orderTypes: ['market', 'limit'],
  timeInForce: ['GTC', 'IOC', 'FOK'],
  postOnly: true,
  conditionalOrders: false,
  fills: false,
  fundingRecords: false,
  tradeHistory: false,
}

export const exchangeList = {
  exchanges: [
    { id: 'binance', demo: true, features: FEATURES, status: 'ok', statusUpdatedAt: T },
    {
      id: 'kraken',
      demo: false,
      features: {
        ...FEATURES,
        markets: ['spot', 'margin'],
        timeInForce: ['GTC', 'IOC'],
        conditionalOrders: true,
        tradeHistory: true,
      },
      status: 'unreachable',
      error: { code: 'venue_unavailable', message: 'kraken is unavailable: no answer from kraken within 8000 ms' },
    },
  ],
}

export const balances = {
  exchange: 'binance',
  demo: true,
  balances: { BTC: { free: '10', locked: '0', total: '10' }, USDT: { free: '1000000', locked: '0', total: '1000000' } },
}

export const ticker = {
  exchange: 'binance',
  symbol: 'BTC/USDT',
  bid: '64000',
  ask: '64010.5',
  last: '64005',
  high: '64900',
  low: '63100',
  open: '63550',
  baseVolume: '1532.18',
  quoteVolume: '98064011.3',
  timestamp: T,
}

export const orderBook = {
  exchange: 'kraken',
  symbol: 'BTC/USD',
  bids: [
    ['63990', '1.5'],
    ['63980', '2'],
  ],
  asks: [['64010', '0.7']],
  timestamp: T,
}

export const trades = {
  exchange: 'binance',
  symbol: 'BTC/USDT',
  trades: [{ id: '99120', symbol: 'BTC/USDT', side: 'sell', price: '64001.2', amount: '0.015', timestamp: T }],
}

export const klines = {
  exchange: 'binance',
  symbol: 'BTC/USDT',
  timeframe: '1h',
  klines: [{ timestamp: T - 3_600_000, open: '63550', high: '64100', low: '63420', close: '64005', volume: '85.3' }],
}
