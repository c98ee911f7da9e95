// Example answers of a resting order's lifecycle routes, checked against their schemas by
// test/api-docs/openapi-document.test.ts.
const T = 1_767_312_000_000
const CLIENT_ORDER_ID = 'c0ffee00-5e1e-4c7a-9f00-000000000002'
const REPLACEMENT_ID = 'c0ffee00-5e1e-4c7a-9f00-000000000003'
const WORKFLOW_ID = 'order-rest-1'

const restingOrder = {
  exchange: 'binance',
  id: '28460',
  clientOrderId: CLIENT_ORDER_ID,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  status: 'open',
  amount: '1',
  price: '62000',
  filled: '0',
  remaining: '1',
  cost: '0',
  timeInForce: 'GTC',
  timestamp: T,
}

const placedAttempt = {
  seq: 1,
  exchange: 'binance',
  role: 'primary',
  clientOrderId: CLIENT_ORDER_ID,
  outcome: 'placed',
  order: restingOrder,
  reconciled: false,
}

/** POST /api/orders of a resting limit buy: answered once the venue has it, while its run follows it. */
export const restingPlaced = {
  workflowId: WORKFLOW_ID,
  exchange: 'binance',
  clientOrderId: CLIENT_ORDER_ID,
  outcome: 'placed',
  order: restingOrder,
  attempts: [placedAttempt],
  status: 'open',
  total: '1',
  filled: '0',
  fills: [],
  amendments: [],
  expireAt: T + 8 * 3_600_000,
}

export const restingFollowed = {
  workflowId: WORKFLOW_ID,
  status: 'running',
  state: { phase: 'following', clientOrderId: CLIENT_ORDER_ID, result: restingPlaced, unresolved: [] },
}

const raceFill = {
  id: '9101',
  orderId: '28460',
  clientOrderId: CLIENT_ORDER_ID,
  symbol: 'BTC/USDT',
  side: 'buy',
  price: '62000',
  amount: '0.4',
  fee: { cost: '24.8', currency: 'USDT' },
  takerOrMaker: 'maker',
  timestamp: T + 60_000,
}

/** PATCH {amount: '0.7', price: '62100'} after 0.4 filled: the replacement asks for the 0.3 left. */
export const orderAmended = {
  ...restingPlaced,
  order: {
    ...restingOrder,
    id: '28461',
    clientOrderId: REPLACEMENT_ID,
    amount: '0.3',
    price: '62100',
    remaining: '0.3',
    timestamp: T + 61_000,
  },
  total: '0.7',
  filled: '0.4',
  fills: [raceFill],
  amendments: [
    {
      at: T + 61_000,
      change: { amount: '0.7', price: '62100' },
      replaced: CLIENT_ORDER_ID,
      result: 'replaced',
      clientOrderId: REPLACEMENT_ID,
    },
  ],
}

export const orderCancelled = {
  ...restingPlaced,
  order: { ...restingOrder, status: 'canceled' },
  status: 'canceled',
}

export const orderCommandPending = { workflowId: WORKFLOW_ID, status: 'in_progress' }

export const orderAlreadyDone = {
  error: { code: 'order_done', message: `order ${WORKFLOW_ID} is already canceled`, workflowId: WORKFLOW_ID },
  order: orderCancelled,
}

export const ledgerOrders = {
  orders: [
    {
      clientOrderId: CLIENT_ORDER_ID,
      executionId: WORKFLOW_ID,
      role: 'primary',
      seq: 1,
      exchange: 'binance',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      amount: '1',
      price: '62000',
      status: 'open',
      exchangeOrderId: '28460',
      filled: '0',
      average: null,
      cost: '0',
      fee: null,
      feeCurrency: null,
      error: null,
      errorType: null,
      createdAt: T,
      updatedAt: T + 1_000,
    },
  ],
}

const ledgerFill = {
  exchange: 'binance',
  symbol: 'BTC/USDT',
  tradeId: raceFill.id,
  clientOrderId: CLIENT_ORDER_ID,
  executionId: WORKFLOW_ID,
  exchangeOrderId: raceFill.orderId,
  side: 'buy',
  price: raceFill.price,
  amount: raceFill.amount,
  fee: raceFill.fee.cost,
  feeCurrency: raceFill.fee.currency,
  liquidity: 'maker',
  tradedAt: raceFill.timestamp,
  recordedAt: T + 61_500,
}

export const orderFills = { workflowId: WORKFLOW_ID, fills: [ledgerFill] }
export const ledgerFills = { fills: [ledgerFill] }

export const sweepDone = {
  workflowId: 'cancel-orders-desk-sweep-1',
  cancelled: [{ exchange: 'kraken', symbol: 'BTC/USDT', clientOrderId: CLIENT_ORDER_ID }],
  alreadyDone: [{ exchange: 'kraken', symbol: 'BTC/USDT', clientOrderId: REPLACEMENT_ID, status: 'closed' }],
  failed: [],
}

export const sweepRunning = { workflowId: 'cancel-orders-desk-sweep-1', status: 'running' }
