// POST /api/smart-order routes one order to the best venue (or splits it) through smartOrderWorkflow;
// GET /api/smart-order/:workflowId reports the run again.
//   201 filled, partially_filled or placed | 422 failed (no venue accepted it) | 202 still running, or the
//   outcome of an order is unknown (the workflow could not confirm it; poll the GET).
import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

import { smartOrderStateQuery } from '../../workflows/definitions.js'
import type { SmartOrderInput, SmartOrderResult } from '../../workflows/smart-order.js'
import { SA } from '../../temporal.config.js'
import type { AppDeps } from '../deps.js'
import { requireEnabled } from '../enabled.js'
import { requestHash, workflowIdFor } from '../idempotency.js'
import { smartOrderBody } from '../schemas.js'
import { jsonBody, parseWith } from '../validation.js'
import { workflowIdParam } from '../request-log.js'
import { describeRun, startAndRespond } from '../workflow-response.js'

const WORKFLOW = 'smartOrderWorkflow'

export function smartOrderRoutes(deps: AppDeps) {
  const app = new Hono()

  app.post('/', async (c) => {
    const body = parseWith(smartOrderBody, await jsonBody(c))
    const exchanges = body.exchanges ?? [...deps.exchanges]
    requireEnabled(deps, exchanges, 'exchanges')
    const idempotencyKey = c.req.header('Idempotency-Key')
    const workflowId = workflowIdFor('smart', idempotencyKey)
    const { symbol, side, type, amount, price, maxSlippageBps, allowSplit } = body
    const order = { symbol, side, type, amount, price }
    const input: SmartOrderInput = { order, exchanges, maxSlippageBps, allowSplit, idempotencyKey }
    return startAndRespond(
      c,
      deps,
      {
        workflowType: WORKFLOW,
        workflowId,
        args: [input],
        requestHash: requestHash(body),
        summary: `smart ${order.side} ${order.amount} ${order.symbol} ${order.type} over ${exchanges.join(', ')}`,
        searchAttributes: [
          { key: SA.symbol, value: order.symbol },
          { key: SA.side, value: order.side },
          { key: SA.strategy, value: 'smart' },
        ],
      },
      { location: `/api/smart-order/${workflowId}`, statusFor: (result) => statusForSmartOutcome(result.outcome) }
    )
  })

  app.get('/:workflowId', async (c) =>
    c.json((await describeRun(deps, workflowIdParam(c), WORKFLOW, smartOrderStateQuery)).body as object)
  )

  return app
}

export function statusForSmartOutcome(outcome: SmartOrderResult['outcome']): ContentfulStatusCode {
  switch (outcome) {
    case 'filled':
    case 'partially_filled':
    case 'placed':
      return 201
    case 'failed':
      return 422
    case 'unknown':
      return 202
  }
}
