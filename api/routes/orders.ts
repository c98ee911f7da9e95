// POST /api/orders places one order on one exchange through placeOrderWorkflow; GET returns it again.
//   201 placed | 422 rejected by the venue | 503 nothing placed (venue down) | 202 running, or outcome unknown.
// A resting limit order is answered once placed and followed by its run until it is done; meanwhile
//   DELETE /api/orders/:workflowId cancels it and PATCH amends it (updates of its run), GET .../fills lists its fills.
// GET /api/orders lists the ledger's orders; DELETE /api/orders?exchange=&symbol= cancels every open one that
//   matches, through the kill switch's own sweep (cancelOpenOrdersWorkflow).
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client'
import { Hono } from 'hono'

import { fillsOfExecution } from '../../db/order-fills.js'
import { listLedgerOrders } from '../../db/order-list.js'
import { canRest } from '../../domain/order-lifecycle.js'
import { orderKind } from '../../domain/order-kinds.js'
import type { CancelOpenOrdersInput } from '../../workflows/cancel-open-orders.js'
import { amendOrderUpdate, cancelOrderUpdate, orderPlacedUpdate, orderStateQuery } from '../../workflows/definitions.js'
import type { PlaceOrderWorkflowInput } from '../../workflows/place-order.js'
import { SA } from '../../temporal.config.js'
import { unusedClientOrderId } from '../client-order-id.js'
import type { AppDeps } from '../deps.js'
import { requireEnabled } from '../enabled.js'
import { requestHash, workflowIdFor } from '../idempotency.js'
import { statusForOutcome } from '../respond.js'
import { placeOrderBody } from '../schemas.js'
import { jsonBody, parseWith } from '../validation.js'
import { workflowIdParam } from '../request-log.js'
import { DEFAULT_WAIT_MS, describeRun, failedRun, startAndRespond } from '../workflow-response.js'
import { orderCommand } from '../order-commands.js'
import { amendOrderBody, cancelOrdersQuery, ordersQuery } from '../schemas-orders.js'
import { CANCEL_OPEN_ORDERS_WORKFLOW } from './risk.js'

const WORKFLOW = 'placeOrderWorkflow'

export function orderRoutes(deps: AppDeps) {
  const app = new Hono()

  app.post('/', async (c) => {
    const body = parseWith(placeOrderBody, await jsonBody(c))
    requireEnabled(deps, [body.exchange], 'exchange')
    const idempotencyKey = c.req.header('Idempotency-Key')
    const workflowId = workflowIdFor('order', idempotencyKey)
    const { exchange, expireAt, ...order } = body
    if (order.clientOrderId)
      order.clientOrderId = await unusedClientOrderId(deps, exchange, order.clientOrderId, workflowId, 'clientOrderId')
    const input: PlaceOrderWorkflowInput = {
      exchange,
      order,
      idempotencyKey,
      ...(expireAt !== undefined && { expireAt }),
    }
    return startAndRespond(
      c,
      deps,
      {
        workflowType: WORKFLOW,
        workflowId,
        args: [input],
        requestHash: requestHash(body),
        summary: `${order.side} ${order.amount} ${order.symbol} ${orderKind(order)} on ${exchange}`,
        searchAttributes: [
          { key: SA.exchange, value: exchange },
          { key: SA.symbol, value: order.symbol },
          { key: SA.side, value: order.side },
          { key: SA.strategy, value: 'order' },
          { key: SA.orderType, value: orderKind(order) },
        ],
      },
      {
        location: `/api/orders/${workflowId}`,
        statusFor: (result) => statusForOutcome(result.outcome),
        // A resting order is answered when placed; its run goes on following it.
        ...(canRest(order) && { early: (handle) => handle.executeUpdate(orderPlacedUpdate) }),
      }
    )
  })

  app.get('/', async (c) => {
    const query = parseWith(ordersQuery, c.req.query())
    return c.json({ orders: await listLedgerOrders(deps.db, query) })
  })

  app.delete('/', async (c) => {
    const query = parseWith(cancelOrdersQuery, c.req.query())
    const input: CancelOpenOrdersInput = {
      ...(query.exchange && { exchange: query.exchange }),
      ...(query.symbol && { symbol: query.symbol }),
      reason: `DELETE /api/orders${query.exchange ? ` on ${query.exchange}` : ''}${query.symbol ? ` ${query.symbol}` : ''}`,
    }
    const workflowId = workflowIdFor('cancel-orders', c.req.header('Idempotency-Key'))
    c.set('workflowId', workflowId)
    // The same Idempotency-Key joins its sweep: while it runs, and after it ended (its result is answered again).
    const handle = await deps.runner.client.workflow
      .start(CANCEL_OPEN_ORDERS_WORKFLOW, {
        taskQueue: deps.runner.taskQueue,
        workflowId,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: input.reason.slice(0, 200),
      })
      .catch((error: unknown) => {
        if (error instanceof WorkflowExecutionAlreadyStartedError)
          return deps.runner.client.workflow.getHandle(workflowId)
        throw error
      })
    const waited = await deps.runner.awaitResult(handle, deps.waitMs ?? DEFAULT_WAIT_MS).catch((error: unknown) => {
      throw failedRun(workflowId, error)
    })
    if (!waited.done) return c.json({ workflowId, status: 'running' }, 202)
    return c.json({ workflowId, ...(waited.result as object) })
  })

  app.get('/:workflowId', async (c) =>
    c.json((await describeRun(deps, workflowIdParam(c), WORKFLOW, orderStateQuery)).body as object)
  )

  app.get('/:workflowId/fills', async (c) => {
    const workflowId = workflowIdParam(c)
    const fills = await fillsOfExecution(deps.db, workflowId)
    // An execution with no fills yet is still one of ours: 404 only for an id the history has never seen.
    if (fills.length === 0) await describeRun(deps, workflowId, WORKFLOW, orderStateQuery)
    return c.json({ workflowId, fills })
  })

  app.delete('/:workflowId', (c) =>
    orderCommand(c, deps, workflowIdParam(c), (handle, options) => handle.startUpdate(cancelOrderUpdate, options))
  )

  app.patch('/:workflowId', async (c) => {
    const workflowId = workflowIdParam(c)
    const change = parseWith(amendOrderBody, await jsonBody(c))
    return orderCommand(c, deps, workflowId, (handle, options) =>
      handle.startUpdate(amendOrderUpdate, { ...options, args: [change] })
    )
  })

  return app
}
