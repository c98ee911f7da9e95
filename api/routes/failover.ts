// POST /api/orders/failover places an order on a primary exchange and moves to the backups, in order, only after
// a definitive failure (failoverOrderWorkflow); GET /api/orders/failover/:workflowId reports the run again.
//   201 placed | 422 rejected everywhere | 503 nothing placed (venues down) | 202 running, or outcome unknown.
import { Hono } from 'hono'

import { failoverStateQuery } from '../../workflows/definitions.js'
import type { FailoverOrderInput } from '../../workflows/failover-order.js'
import { SA } from '../../temporal.config.js'
import { unusedClientOrderId } from '../client-order-id.js'
import type { AppDeps } from '../deps.js'
import { requireEnabled } from '../enabled.js'
import { requestHash, workflowIdFor } from '../idempotency.js'
import { statusForOutcome } from '../respond.js'
import { failoverOrderBody } from '../schemas.js'
import { jsonBody, parseWith } from '../validation.js'
import { workflowIdParam } from '../request-log.js'
import { describeRun, startAndRespond } from '../workflow-response.js'

import { canRest } from '../../domain/order-lifecycle.js'
import { failoverPlacedUpdate } from '../../workflows/definitions.js'

const WORKFLOW = 'failoverOrderWorkflow'

export function failoverRoutes(deps: AppDeps) {
  const app = new Hono()

  app.post('/', async (c) => {
    const body = parseWith(failoverOrderBody, await jsonBody(c))
    const { exchange, ...order } = body.order
    requireEnabled(deps, [exchange], 'order.exchange')
    requireEnabled(deps, body.backupExchanges, 'backupExchanges')
    const idempotencyKey = c.req.header('Idempotency-Key')
    const workflowId = workflowIdFor('failover', idempotencyKey)
    if (order.clientOrderId) {
      order.clientOrderId = await unusedClientOrderId(
        deps,
        exchange,
        order.clientOrderId,
        workflowId,
        'order.clientOrderId'
      )
    }
    const input: FailoverOrderInput = { exchange, order, backupExchanges: body.backupExchanges, idempotencyKey }
    return startAndRespond(
      c,
      deps,
      {
        workflowType: WORKFLOW,
        workflowId,
        args: [input],
        requestHash: requestHash(body),
        summary:
          `${order.side} ${order.amount} ${order.symbol} ${order.type} on ${exchange}, ` +
          `then ${body.backupExchanges.join(', ')}`,
        searchAttributes: [
          { key: SA.exchange, value: exchange },
          { key: SA.symbol, value: order.symbol },
          { key: SA.side, value: order.side },
          { key: SA.strategy, value: 'failover' },
        ],
      },
      {
        location: `/api/orders/failover/${workflowId}`,
        statusFor: (result) => statusForOutcome(result.outcome),
        // A resting order is answered when placed; its run goes on following it.
        ...(canRest(order) && { early: (handle) => handle.executeUpdate(failoverPlacedUpdate) }),
      }
    )
  })

  app.get('/:workflowId', async (c) =>
    c.json((await describeRun(deps, workflowIdParam(c), WORKFLOW, failoverStateQuery)).body as object)
  )

  return app
}
