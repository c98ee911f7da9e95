// One order, failover and smart routing (api/routes/orders.ts, failover.ts, smart-order.ts).
import type { RouteDoc } from '../route-doc.js'
import * as ex from './examples.js'
import * as life from './order-lifecycle-examples.js'
import { ORDER_LIFECYCLE_ROUTES } from './order-lifecycle.js'
import { workflowIdParam } from './params.js'

const POLL = 'Poll GET on the Location header until the outcome is settled.'

const runningOr = (result: 'OrderResult' | 'FailoverResult' | 'SmartOrderResult', unknown: unknown) => ({
  status: 202,
  description: `Still running after the wait (RunStarted), or finished with an outcome that is not settled yet (unknown). ${POLL}`,
  schemas: ['RunStarted' as const, result],
  headers: ['Location' as const],
  examples: {
    running: { summary: 'still running', value: ex.running },
    unknown: { summary: 'outcome unknown', value: unknown },
  },
})

const failedRun = {
  status: 500,
  description: 'The run failed instead of returning an outcome.',
  errors: ['workflow_failed' as const],
}
const noSuchRun = { status: 404, description: 'No such run of this kind.', errors: ['not_found' as const] }

export const ORDER_ROUTES: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/orders',
    operationId: 'placeOrder',
    summary: 'Place one order on one exchange',
    description:
      'Places the order exactly once (placeOrderWorkflow): its client order id is chosen and recorded before it is sent ' +
      'and reused on every retry; an unknown outcome is settled by looking the order up, never by sending it again ' +
      'blindly. Waits up to 30 s for the outcome. The same Idempotency-Key returns the same order instead of placing another. ' +
      'A limit order that can rest (GTC, the default) is answered once the venue has it (status `open`) and followed by ' +
      'its run until it is done: looked at on a schedule that yields to the venue’s read budget, every fill recorded; ' +
      '`expireAt` cancels it then if it is still open. GET shows it, DELETE cancels it, PATCH amends it.',
    tags: ['orders'],
    idempotencyKey: true,
    body: {
      schema: 'PlaceOrderRequest',
      required: true,
      examples: {
        market: {
          summary: 'market buy',
          value: { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' },
        },
        limit: {
          summary: 'post-only limit sell with its own client order id',
          value: {
            exchange: 'kraken',
            symbol: 'BTC/USD',
            side: 'sell',
            type: 'limit',
            amount: '0.5',
            price: '70000',
            postOnly: true,
            clientOrderId: 'my-order-1',
          },
        },
        resting: {
          summary: 'limit buy that rests until filled, cancelled, or its expire-at',
          value: {
            exchange: 'binance',
            symbol: 'BTC/USDT',
            side: 'buy',
            type: 'limit',
            amount: '1',
            price: '62000',
            expireAt: '2099-01-02T18:00:00Z',
          },
        },
      },
    },
    responses: [
      {
        status: 201,
        description: 'Placed: the venue has the order (a resting limit order: `status` open, followed by its run).',
        schemas: ['OrderResult'],
        examples: {
          placed: { summary: 'filled market order', value: ex.orderPlaced },
          resting: { summary: 'resting limit order', value: life.restingPlaced },
        },
      },
      runningOr('OrderResult', ex.orderUnknown),
      {
        status: 409,
        description: 'The Idempotency-Key or the client order id was used before.',
        errors: ['idempotency_conflict', 'idempotency_key_used', 'client_order_id_used'],
      },
      {
        status: 422,
        description: 'Rejected: the venue said no, or a risk limit did (then `error.code` is `risk_rejected`).',
        schemas: ['OrderResult'],
        examples: {
          venue: { summary: 'the venue refused it', value: ex.orderRejected },
          risk: { summary: 'a risk limit refused it', value: ex.orderRiskRefused },
        },
      },
      failedRun,
      {
        status: 503,
        description: 'Not placed: nothing reached the book (the venue down or throttling until the retries ran out).',
        schemas: ['OrderResult'],
        examples: { down: { summary: 'venue unavailable', value: ex.orderNotPlaced } },
      },
    ],
  },
  {
    method: 'get',
    path: '/api/orders/:workflowId',
    operationId: 'getOrder',
    summary: 'One order, again',
    description:
      'Its result once done (as the POST answered it), its live state while running (a resting order: phase ' +
      '`following`, its result so far with every fill), its end otherwise.',
    tags: ['orders'],
    pathParams: workflowIdParam,
    responses: [
      {
        status: 200,
        description: 'The order.',
        schemas: ['OrderRun'],
        examples: {
          done: { summary: 'placed', value: ex.orderPlaced },
          unresolved: { summary: 'outcome being looked up', value: ex.orderRunning },
          following: { summary: 'a resting order, followed', value: life.restingFollowed },
        },
      },
      noSuchRun,
      failedRun,
    ],
  },
  {
    method: 'post',
    path: '/api/orders/failover',
    operationId: 'placeFailoverOrder',
    summary: 'Place an order with backup exchanges',
    description:
      'Tries the primary exchange, then each backup in order, moving on only after a definitive failure ' +
      '(failoverOrderWorkflow). An unknown outcome is settled on the venue where it happened before anything else is tried.',
    tags: ['orders'],
    idempotencyKey: true,
    body: {
      schema: 'FailoverOrderRequest',
      required: true,
      examples: {
        failover: {
          summary: 'binance first, then kraken',
          value: {
            order: { exchange: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' },
            backupExchanges: ['kraken'],
          },
        },
      },
    },
    responses: [
      {
        status: 201,
        description: 'Placed on one of the venues.',
        schemas: ['FailoverResult'],
        examples: { backup: { summary: 'placed on the backup', value: ex.failoverPlaced } },
      },
      runningOr('FailoverResult', ex.failoverUnknown),
      {
        status: 409,
        description: 'The Idempotency-Key or the client order id was used before.',
        errors: ['idempotency_conflict', 'idempotency_key_used', 'client_order_id_used'],
      },
      { status: 422, description: 'Rejected everywhere (by the venues or a risk limit).', schemas: ['FailoverResult'] },
      failedRun,
      { status: 503, description: 'Not placed anywhere: every venue down or throttling.', schemas: ['FailoverResult'] },
    ],
  },
  {
    method: 'get',
    path: '/api/orders/failover/:workflowId',
    operationId: 'getFailoverOrder',
    summary: 'One failover order, again',
    tags: ['orders'],
    pathParams: workflowIdParam,
    responses: [{ status: 200, description: 'The failover order.', schemas: ['FailoverRun'] }, noSuchRun, failedRun],
  },
  {
    method: 'post',
    path: '/api/smart-order',
    operationId: 'placeSmartOrder',
    summary: 'Route one order to the best venue, or split it',
    description:
      'Ranks the venues by effective price after fees, depth, latency and health (smartOrderWorkflow), sends the order ' +
      'to the best one that can fill it (the next only after a definitive failure), or splits it across venues when no ' +
      'single book is deep enough. maxSlippageBps bounds the price as an IOC limit.',
    tags: ['orders'],
    idempotencyKey: true,
    body: {
      schema: 'SmartOrderRequest',
      required: true,
      examples: {
        routed: {
          summary: 'buy 0.5 BTC wherever it is cheapest',
          value: { symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.5', maxSlippageBps: 50 },
        },
      },
    },
    responses: [
      {
        status: 201,
        description: 'filled, partially_filled or placed.',
        schemas: ['SmartOrderResult'],
        examples: { filled: { summary: 'filled on one venue', value: ex.smartFilled } },
      },
      runningOr('SmartOrderResult', { ...ex.smartFilled, outcome: 'unknown', filled: '0', fees: [], orders: [] }),
      {
        status: 409,
        description: 'The Idempotency-Key was used before.',
        errors: ['idempotency_conflict', 'idempotency_key_used'],
      },
      {
        status: 422,
        description: 'failed: no venue accepted it (or a risk limit refused it).',
        schemas: ['SmartOrderResult'],
      },
      failedRun,
    ],
  },
  {
    method: 'get',
    path: '/api/smart-order/:workflowId',
    operationId: 'getSmartOrder',
    summary: 'One smart order, again',
    tags: ['orders'],
    pathParams: workflowIdParam,
    responses: [{ status: 200, description: 'The smart order.', schemas: ['SmartOrderRun'] }, noSuchRun, failedRun],
  },
  ...ORDER_LIFECYCLE_ROUTES,
]
