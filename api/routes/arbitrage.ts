// GET /api/arbitrage/opportunities/:symbol scans the venues now; POST /api/arbitrage/execute runs one arbitrage
// (arbitrageWorkflow) and GET /api/arbitrage/execute/:workflowId reports it again.
//
// POST /api/arbitrage/execute answers, by the workflow's outcome:
//   201 completed       both legs filled the same amount
//   200 no_opportunity  the re-check on fresh books found no profitable size; nothing was sent (a valid answer)
//   200 unwound         the legs filled different amounts; the difference was traded back and the position is flat
//   422 rejected        neither leg filled
//   500 unwind_failed   the difference could not be traded back: the position is NOT flat, a person must act
//   202 unknown         a leg's outcome could not be established (see `error`); also 202 while still running
import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

import type { ArbitrageInput, ArbitrageOutcome } from '../../workflows/arbitrage.js'
import { arbitrageStateQuery } from '../../workflows/definitions.js'
import { SA } from '../../temporal.config.js'
import { scanOpportunities } from '../arbitrage-scan.js'
import type { AppDeps } from '../deps.js'
import { badRequest } from '../errors.js'
import { displayed, marketsOf } from '../display-markets.js'
import { requireEnabled } from '../enabled.js'
import { requestHash, workflowIdFor } from '../idempotency.js'
import { arbitrageExecuteBody, opportunitiesQuery } from '../schemas.js'
import { parseSymbol } from '../symbols.js'
import { jsonBody, parseWith } from '../validation.js'
import { workflowIdParam } from '../request-log.js'
import { describeRun, startAndRespond } from '../workflow-response.js'

const WORKFLOW = 'arbitrageWorkflow'

const STATUS: Record<ArbitrageOutcome, ContentfulStatusCode> = {
  completed: 201,
  no_opportunity: 200,
  unwound: 200,
  rejected: 422,
  unwind_failed: 500,
  unknown: 202,
}

export function arbitrageRoutes(deps: AppDeps) {
  const app = new Hono()
  const markets = marketsOf(deps)

  app.get('/opportunities/:symbol', async (c) => {
    const symbol = parseSymbol(c.req.param('symbol'))
    const query = parseWith(opportunitiesQuery, c.req.query())
    const exchanges = query.exchanges ?? [...deps.exchanges]
    requireEnabled(deps, exchanges, 'exchanges')
    if (exchanges.length < 2) throw badRequest('exchanges: must name at least two exchanges', 'exchanges')
    return c.json(await displayed(deps, await scanOpportunities(deps, markets, { ...query, symbol, exchanges })))
  })

  app.post('/execute', async (c) => {
    const body = parseWith(arbitrageExecuteBody, await jsonBody(c))
    requireEnabled(deps, [body.buyExchange], 'buyExchange')
    requireEnabled(deps, [body.sellExchange], 'sellExchange')
    const idempotencyKey = c.req.header('Idempotency-Key')
    const workflowId = workflowIdFor('arb', idempotencyKey)
    const input: ArbitrageInput = { ...body, idempotencyKey }
    return startAndRespond(
      c,
      deps,
      {
        workflowType: WORKFLOW,
        workflowId,
        args: [input],
        requestHash: requestHash(body),
        summary: `arbitrage ${body.symbol}: buy on ${body.buyExchange}, sell on ${body.sellExchange}`,
        searchAttributes: [
          { key: SA.symbol, value: body.symbol },
          { key: SA.strategy, value: 'arbitrage' },
        ],
      },
      { location: `/api/arbitrage/execute/${workflowId}`, statusFor: (result) => STATUS[result.outcome] }
    )
  })

  app.get('/execute/:workflowId', async (c) =>
    c.json((await describeRun(deps, workflowIdParam(c), WORKFLOW, arbitrageStateQuery)).body as object)
  )

  return app
}
