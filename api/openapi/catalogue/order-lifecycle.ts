// A resting order's life after it is placed (api/routes/orders.ts, fills.ts, api/order-commands.ts): cancel, amend,
// its fills; the ledger's orders and fills; cancelling every open order of a venue or symbol.
import { cancelOrdersQuery, fillsQuery, ordersQuery } from '../../schemas-orders.js'
import type { ResponseDoc, RouteDoc } from '../route-doc.js'
import * as ex from './order-lifecycle-examples.js'
import { workflowIdParam } from './params.js'

const COMMAND =
  'A command to the order’s run (a Temporal update), carried out by the run one at a time, so no two venue actions ' +
  'of one order overlap. An Idempotency-Key makes a retried request the same command: it is carried out once and ' +
  'answered again. Waits up to 30 s for the venue.'

const commandAnswers = (done: { summary: string; value: unknown }): ResponseDoc[] => [
  {
    status: 200,
    description: 'Carried out: the order as it is now.',
    schemas: ['OrderResult'],
    examples: { done },
  },
  {
    status: 202,
    description:
      'Accepted and being carried out; the venue has not answered within the wait. Poll GET on the Location header.',
    schemas: ['OrderCommandPending'],
    headers: ['Location'],
    examples: { pending: { summary: 'in progress', value: ex.orderCommandPending } },
  },
  {
    status: 409,
    description:
      'The order is already done (filled, cancelled, expired or rejected): `error.code` is `order_done`, nothing was ' +
      'sent, and `order` is the order as it ended.',
    schemas: ['OrderDone'],
    examples: { done: { summary: 'cancelled before', value: ex.orderAlreadyDone } },
  },
  { status: 404, description: 'No such order run.', errors: ['not_found'] },
  { status: 500, description: 'The run failed instead of returning an outcome.', errors: ['workflow_failed'] },
]

export const ORDER_LIFECYCLE_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/orders',
    operationId: 'listOrders',
    summary: 'The ledger’s orders',
    description:
      'Every order the gateway sent (or recorded before sending), newest first, from the database: with `status=open`, ' +
      'the orders resting at the venues as far as the ledger knows (reconciliation compares it with the venues).',
    tags: ['orders'],
    query: ordersQuery,
    queryNotes: {
      status: 'Only orders with this ledger status',
      exchange: 'Only orders on this venue',
      symbol: 'A market written BTC-USDT or BTC/USDT',
      limit: '1 to 500; default 100',
    },
    responses: [
      {
        status: 200,
        description: 'The orders.',
        schemas: ['LedgerOrders'],
        examples: { open: { summary: 'one open order', value: ex.ledgerOrders } },
      },
    ],
  },
  {
    method: 'delete',
    path: '/api/orders',
    operationId: 'cancelOpenOrders',
    summary: 'Cancel every open order of a venue, a symbol, or all',
    description:
      'Cancels every order the ledger shows possibly open that matches, through the kill switch’s own sweep ' +
      '(cancelOpenOrdersWorkflow): each by its client order id; one the venue will not cancel is looked up, and its ' +
      'ledger row takes the venue’s answer. Each order’s own run sees the cancel at its next look and ends. Name an ' +
      'exchange, a symbol or both, or all=true. The trading state is not changed (PUT /api/trading-state halts). ' +
      'An Idempotency-Key joins a sweep still running under the same key.',
    tags: ['orders'],
    query: cancelOrdersQuery,
    queryNotes: {
      exchange: 'Only this venue’s orders',
      symbol: 'Only this market’s orders, written BTC-USDT or BTC/USDT',
      all: 'true: every open order on every venue (when neither exchange nor symbol is named)',
    },
    idempotencyKey: true,
    responses: [
      {
        status: 200,
        description: 'The sweep is done: what became of each order.',
        schemas: ['CancelOrdersResult'],
        examples: { done: { summary: 'one cancelled, one filled before', value: ex.sweepDone } },
      },
      {
        status: 202,
        description: 'Still sweeping after the wait.',
        schemas: ['RunStarted'],
        examples: { running: { summary: 'still running', value: ex.sweepRunning } },
      },
      { status: 500, description: 'The sweep failed instead of returning a result.', errors: ['workflow_failed'] },
    ],
  },
  {
    method: 'delete',
    path: '/api/orders/:workflowId',
    operationId: 'cancelOrder',
    summary: 'Cancel a resting order',
    description:
      `Cancels the order at the venue until the venue shows it done (cancelled, or filled first: then it ends filled). ` +
      `An order is cancelled exactly once: a cancel of an order that is done answers 409. ${COMMAND}`,
    tags: ['orders'],
    pathParams: workflowIdParam,
    idempotencyKey: true,
    responses: commandAnswers({ summary: 'cancelled', value: ex.orderCancelled }),
  },
  {
    method: 'patch',
    path: '/api/orders/:workflowId',
    operationId: 'amendOrder',
    summary: 'Amend a resting order: a new price, a new total amount, or both',
    description:
      'Cancel and replace: the order is cancelled at the venue first, its fills are read (a fill that raced the ' +
      'amendment counts), then a replacement under a new client order id (recorded before it is sent, through the ' +
      'pre-trade check) asks for what the new total still lacks, so the execution never buys or sells more than the ' +
      'new total. When the fills already reach it, nothing more is sent (`not_needed`). The venue’s native amend is ' +
      `not used yet. ${COMMAND}`,
    tags: ['orders'],
    pathParams: workflowIdParam,
    idempotencyKey: true,
    body: {
      schema: 'AmendOrderRequest',
      required: true,
      examples: {
        price: { summary: 'a new price', value: { price: '62100' } },
        both: { summary: 'a new total and price', value: { amount: '0.7', price: '62100' } },
      },
    },
    responses: commandAnswers({ summary: '0.4 filled first, 0.3 asked for at the new price', value: ex.orderAmended }),
  },
  {
    method: 'get',
    path: '/api/orders/:workflowId/fills',
    operationId: 'getOrderFills',
    summary: 'The fills of one order',
    description:
      'Every fill the ledger recorded of the order (its original and every replacement), oldest first. The run ' +
      'records each fill it sees once, however often it reads it.',
    tags: ['orders'],
    pathParams: workflowIdParam,
    responses: [
      {
        status: 200,
        description: 'The fills (empty until one is seen).',
        schemas: ['OrderFills'],
        examples: { one: { summary: 'one fill', value: ex.orderFills } },
      },
      { status: 404, description: 'No such order run.', errors: ['not_found'] },
      { status: 500, description: 'The run failed instead of returning an outcome.', errors: ['workflow_failed'] },
    ],
  },
  {
    method: 'get',
    path: '/api/fills',
    operationId: 'listFills',
    summary: 'Fills of every followed order, for accounting',
    description:
      'Every fill the ledger recorded of the resting orders it followed, oldest first. Read on with `since` = the ' +
      'last `tradedAt` seen (fills of that instant come again; `tradeId` tells them apart). ' +
      'GET /api/fills/{exchange} reads the venue’s own list instead.',
    tags: ['orders'],
    query: fillsQuery,
    queryNotes: {
      since: 'Fills traded at or after this time (ms since the epoch)',
      exchange: 'Only this venue’s fills',
      limit: '1 to 1000; default 200',
    },
    responses: [
      {
        status: 200,
        description: 'The fills.',
        schemas: ['LedgerFills'],
        examples: { one: { summary: 'one fill', value: ex.ledgerFills } },
      },
    ],
  },
]
