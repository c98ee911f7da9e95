// POST /api/orders places one order on one exchange through placeOrderWorkflow; GET returns it again.
//   201 placed | 422 rejected by the venue | 503 nothing placed (venue down) | 202 running, or outcome unknown.
import { Hono } from 'hono'

import { orderStateQuery } from '../../workflows/definitions.js'
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
import { describeRun, startAndRespond } from '../workflow-response.js'

const WORKFLOW = 'placeOrderWorkflow'

export function orderRoutes(deps: AppDeps) {
  const app = new Hono()

  app.post('/', async (c) => {
    const body = parseWith(placeOrderBody, await jsonBody(c))
    requireEnabled(deps, [body.exchange], 'exchange')
    const idempotencyKey = c.req.header('Idempotency-Key')
    const workflowId = workflowIdFor('order', idempotencyKey)
    const { exchange, ...order } = body
    if (order.clientOrderId)
      order.clientOrderId = unusedClientOrderId(deps, exchange, order.clientOrderId, workflowId, 'clientOrderId')
    const input: PlaceOrderWorkflowInput = { exchange, order, idempotencyKey }
    return startAndRespond(
      c,
      deps,
      {
        workflowType: WORKFLOW,
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
      },
      { location: `/api/orders/${workflowId}`, statusFor: (result) => statusForOutcome(result.outcome) }
    )
  })

  app.get('/:workflowId', async (c) =>
    c.json((await describeRun(deps, workflowIdParam(c), WORKFLOW, orderStateQuery)).body as object)
  )

  return app
}
