// Risk limits and the trading state (the kill switch):
//   GET /api/trading-state   the state of each scope ('all' and any venue set) and the state each venue's orders obey
//   PUT /api/trading-state   { state, reason, exchange?, cancelOpenOrders? } -> 200 the new state; with
//                            cancelOpenOrders, the id of the cancelOpenOrdersWorkflow cancelling what the ledger shows open
//   GET /api/risk            limits, states, the day's halts, usage against each limit
//   PUT /api/risk/limits     any subset of the limits, merged over those in force, validated, audited
// Every change is audited in risk_events with the actor: the name of the token that asked ('api' without tokens).
import { Hono } from 'hono'
import { z } from 'zod'

import { setLimits, setTradingState } from '../../db/risk-store.js'
import {
  mergeRiskLimits,
  riskLimitsPatchProblem,
  riskLimitsProblem,
  type RiskLimitsPatch,
} from '../../domain/risk/config.js'
import { TRADING_STATES } from '../../domain/risk/types.js'
import type { CancelOpenOrdersInput, cancelOpenOrdersWorkflow } from '../../workflows/cancel-open-orders.js'
import { actorOf } from '../auth.js'
import type { AppDeps } from '../deps.js'
import { badRequest } from '../errors.js'
import { requireEnabled } from '../enabled.js'
import { limitsInForce, riskView, tradingStateView } from '../risk-view.js'
import { exchangeId } from '../schemas.js'
import { jsonBody, parseWith } from '../validation.js'

export const CANCEL_OPEN_ORDERS_WORKFLOW = 'cancelOpenOrdersWorkflow'

export const tradingStateBody = z.strictObject({
  state: z.enum(TRADING_STATES as [string, ...string[]], { message: `must be one of ${TRADING_STATES.join(', ')}` }),
  reason: z
    .string({ message: 'is required: say why, it is kept in the audit' })
    .trim()
    .min(1, { message: 'is required: say why, it is kept in the audit' })
    .max(500, { message: 'must be at most 500 characters' }),
  exchange: exchangeId.optional(),
  cancelOpenOrders: z.boolean({ message: 'must be true or false' }).optional(),
})

export function riskRoutes(deps: AppDeps) {
  const app = new Hono()

  app.get('/trading-state', async (c) => c.json(await tradingStateView(deps)))

  app.put('/trading-state', async (c) => {
    const body = parseWith(tradingStateBody, await jsonBody(c))
    if (body.exchange) requireEnabled(deps, [body.exchange], 'exchange')
    const scope = body.exchange ?? 'all'
    // The state first: from here on no new order of this scope passes the pre-trade check, so the cancel sweep below
    // is not racing new orders in.
    const state = await setTradingState(deps.db, {
      scope,
      state: body.state as (typeof TRADING_STATES)[number],
      reason: body.reason,
      changedBy: actorOf(c),
    })
    let cancelWorkflowId: string | undefined
    if (body.cancelOpenOrders) {
      cancelWorkflowId = `cancel-open-orders-${state.changedAt}`
      const input: CancelOpenOrdersInput = {
        ...(body.exchange ? { exchange: body.exchange } : {}),
        reason: body.reason,
      }
      await deps.runner.client.workflow.start<typeof cancelOpenOrdersWorkflow>(CANCEL_OPEN_ORDERS_WORKFLOW, {
        taskQueue: deps.runner.taskQueue,
        workflowId: cancelWorkflowId,
        args: [input],
        // Two PUTs in the same millisecond share one sweep.
        workflowIdConflictPolicy: 'USE_EXISTING',
        staticSummary: `cancel open orders${body.exchange ? ` on ${body.exchange}` : ''}: ${body.reason}`.slice(0, 200),
      })
    }
    return c.json({ ...state, ...(await tradingStateView(deps)), ...(cancelWorkflowId ? { cancelWorkflowId } : {}) })
  })

  app.get('/risk', async (c) => c.json(await riskView(deps)))

  app.put('/risk/limits', async (c) => {
    const patch = await jsonBody(c)
    const problem = riskLimitsPatchProblem(patch)
    if (problem) throw badRequest(problem.message, problem.field)
    const limits = mergeRiskLimits(await limitsInForce(deps), patch as RiskLimitsPatch)
    const merged = riskLimitsProblem(limits)
    if (merged) throw badRequest(merged.message, merged.field)
    return c.json({ limits: await setLimits(deps.db, limits, actorOf(c)) })
  })

  return app
}
