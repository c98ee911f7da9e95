// POST /api/orders places one order on one exchange through placeOrderWorkflow; GET returns it again.
import { Hono } from 'hono'

import type { PlaceOrderWorkflowInput, OrderExecutionResult } from '../../workflows/place-order.js'
import { SA } from '../../temporal.config.js'
import type { AppDeps } from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { requestHash, workflowIdFor } from '../idempotency.js'
import { statusForOutcome } from '../respond.js'
import { placeOrderBody } from '../schemas.js'
import { jsonBody, parseWith } from '../validation.js'
import { startOrJoinOnce } from '../start-once.js'
import { describeOrUndefined } from '../workflow-runner.js'

export function orderRoutes(deps: AppDeps) {
  const app = new Hono()

  app.post('/', async (c) => {
    const body = parseWith(placeOrderBody, await jsonBody(c))
    if (!deps.exchanges.includes(body.exchange)) {
      throw new ApiError(400, 'validation_error', `exchange: ${body.exchange} is not enabled here`, { field: 'exchange' })
    }
    const idempotencyKey = c.req.header('Idempotency-Key')
    const workflowId = workflowIdFor('order', idempotencyKey)
    const { exchange, ...order } = body
    const input: PlaceOrderWorkflowInput = { exchange, order, idempotencyKey }
    const handle = await startOrJoinOnce(deps, {
      workflowType: 'placeOrderWorkflow',
      workflowId,
      args: [input],
      requestHash: requestHash(body),
      summary: `${order.side} ${order.amount} ${order.symbol} ${order.type} on ${exchange}`,
      searchAttributes: [
        { key: SA.exchange, value: exchange },
        { key: SA.symbol, value: order.symbol },
        { key: SA.side, value: order.side },
        { key: SA.strategy, value: 'order' },
      ],
    })
    const waited = await deps.runner.awaitResult<OrderExecutionResult>(handle, deps.waitMs ?? 30_000)
    if (!waited.done) return c.json({ workflowId, status: 'running' }, 202, { Location: `/api/orders/${workflowId}` })
    return c.json(waited.result, statusForOutcome(waited.result.outcome))
  })

  app.get('/:workflowId', async (c) => {
    const workflowId = c.req.param('workflowId')
    const found = await describeOrUndefined(deps.runner.client, workflowId)
    if (!found) throw notFound(`no order with workflow id ${workflowId}`)
    if (found.description.status.name === 'RUNNING') {
      const state = await found.handle.query('state').catch(() => undefined)
      return c.json({ workflowId, status: 'running', state })
    }
    if (found.description.status.name !== 'COMPLETED') {
      return c.json({ workflowId, status: found.description.status.name.toLowerCase() })
    }
    return c.json(await found.handle.result())
  })

  return app
}
