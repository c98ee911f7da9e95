// The arbitrage monitor as a resource (arbitrageMonitorWorkflow), mounted at /api/arbitrage/monitor:
//   POST /                201 { workflowId, status: 'running' }   starts it (does not wait: it runs until stopped);
//                         200 { workflowId, status } when the Idempotency-Key names a monitor that has ended
//   GET /:workflowId      200 its latest scan (query 'opportunities'), or its final view once stopped
//   PATCH /:workflowId    202 the change is in force (update 'changeParams'; the next scan uses it); 400 naming the
//                         field when the monitor's validator refuses it (nothing changes)
//   DELETE /:workflowId   200 stopped, with its final view (signal 'stop', then up to waitMs for the result);
//                         202 when it has not finished by then
// 404 when there is no monitor with that id (ids of other workflows included).
import { Hono } from 'hono'

import type {
  ArbitrageMonitorInput,
  AutoExecuteParams,
  MonitorParamsUpdate,
  MonitorView,
} from '../../workflows/arbitrage-monitor.js'
import { monitorOpportunitiesQuery, monitorParamsUpdate, monitorStopSignal } from '../../workflows/definitions.js'
import { SA } from '../../temporal.config.js'
import type { AppDeps } from '../deps.js'
import { ApiError, badRequest } from '../errors.js'
import { startOrJoinOnce } from '../start-once.js'
import { requireEnabled } from '../enabled.js'
import { requestHash, workflowIdFor } from '../idempotency.js'
import { arbitrageMonitorBody, arbitrageMonitorUpdate, type ArbitrageMonitorUpdate } from '../schemas.js'
import { jsonBody, parseWith } from '../validation.js'
import { auditIntent, auditOutcome } from '../audit.js'
import { workflowIdParam } from '../request-log.js'
import { updateRefusal } from '../update-refusal.js'
import { displayed } from '../display-markets.js'
import { DEFAULT_WAIT_MS, describeRun, failedRun } from '../workflow-response.js'
import type { StartRequest } from '../workflow-runner.js'

const WORKFLOW = 'arbitrageMonitorWorkflow'

type AutoExecuteBody = Exclude<NonNullable<ArbitrageMonitorUpdate['autoExecute']>, boolean>

export function arbitrageMonitorRoutes(deps: AppDeps) {
  const app = new Hono()

  app.post('/', async (c) => {
    const body = parseWith(arbitrageMonitorBody, await jsonBody(c))
    const exchanges = body.exchanges ?? [...deps.exchanges]
    requireEnabled(deps, exchanges, 'exchanges')
    if (exchanges.length < 2) throw badRequest('exchanges: must name at least two exchanges', 'exchanges')
    const workflowId = workflowIdFor('monitor', c.req.header('Idempotency-Key'))
    const { autoExecute, ...params } = body
    const input: ArbitrageMonitorInput = {
      ...params,
      exchanges,
      autoExecute: autoExecuteParams(autoExecute ?? false, body.minProfitPct),
    }
    c.set('workflowId', workflowId)
    const start: StartRequest<typeof WORKFLOW> = {
      workflowType: WORKFLOW,
      workflowId,
      args: [input],
      requestHash: requestHash(body),
      summary: `arbitrage monitor: ${body.symbols.join(', ')} on ${exchanges.join(', ')}`,
      searchAttributes: [
        { key: SA.symbol, value: body.symbols.join(',') },
        { key: SA.strategy, value: 'monitor' },
      ],
    }
    const handle = await startOrJoinOnce(deps, start)
    // A monitor with autoExecute places orders later, on its own: its intent is audited now, with the token.
    auditIntent(c, start)
    // A reused Idempotency-Key names the monitor it started before, which may have been stopped since.
    const status = (await handle.describe()).status.name
    const location = { Location: `/api/arbitrage/monitor/${workflowId}` }
    if (status !== 'RUNNING') {
      auditOutcome(c, workflowId, { outcome: status.toLowerCase(), status: 200 })
      return c.json({ workflowId, status: status.toLowerCase() }, 200, location)
    }
    auditOutcome(c, workflowId, { outcome: 'running', status: 201 })
    return c.json({ workflowId, status: 'running' }, 201, location)
  })

  app.get('/:workflowId', async (c) => {
    const { body } = await describeRun(deps, workflowIdParam(c), WORKFLOW, monitorOpportunitiesQuery)
    return c.json(body as object)
  })

  app.patch('/:workflowId', async (c) => {
    const workflowId = workflowIdParam(c)
    const update = parseWith(arbitrageMonitorUpdate, await jsonBody(c))
    if (update.exchanges) requireEnabled(deps, update.exchanges, 'exchanges')
    const { handle, description, body } = await describeRun(deps, workflowId, WORKFLOW, monitorOpportunitiesQuery)
    if (description.status.name !== 'RUNNING') {
      throw new ApiError(409, 'not_running', `monitor ${workflowId} is ${description.status.name.toLowerCase()}`)
    }
    const current = (body as { state?: MonitorView }).state?.params
    const change = paramsUpdate(update, update.minProfitPct ?? current?.minProfitPct ?? 0.1)
    await handle.executeUpdate(monitorParamsUpdate, { args: [change] }).catch((error: unknown) => {
      throw updateRefusal(error, workflowId)
    })
    return c.json({ workflowId, status: 'running', update: change }, 202)
  })

  app.delete('/:workflowId', async (c) => {
    const workflowId = workflowIdParam(c)
    const { handle, description, body } = await describeRun(deps, workflowId, WORKFLOW, monitorOpportunitiesQuery)
    // Stopping a stopped monitor is not an error: it answers with how it ended.
    if (description.status.name === 'COMPLETED') return c.json({ ...(body as MonitorView), status: 'stopped' })
    if (description.status.name !== 'RUNNING') return c.json(body as object)
    await handle.signal(monitorStopSignal)
    const waited = await deps.runner.awaitResult(handle, deps.waitMs ?? DEFAULT_WAIT_MS).catch((error: unknown) => {
      throw failedRun(workflowId, error)
    })
    if (!waited.done)
      return c.json({ workflowId, status: 'stopping' }, 202, { Location: `/api/arbitrage/monitor/${workflowId}` })
    return c.json(await displayed(deps, { ...waited.result, status: 'stopped' }))
  })

  return app
}

/** `true` executes at the monitor's own threshold; the object form may set another one, a cap and the back-off. */
function autoExecuteParams(auto: boolean | AutoExecuteBody, minProfitPct: number): AutoExecuteParams {
  if (typeof auto === 'boolean') return { enabled: auto, minProfitPct }
  return {
    enabled: auto.enabled,
    minProfitPct: auto.minProfitPct ?? minProfitPct,
    ...(auto.maxExecutions === undefined ? {} : { maxExecutions: auto.maxExecutions }),
    ...(auto.backoffMs === undefined ? {} : { backoffMs: auto.backoffMs }),
  }
}

function paramsUpdate(update: ArbitrageMonitorUpdate, minProfitPct: number): MonitorParamsUpdate {
  const { autoExecute, ...rest } = update
  return autoExecute === undefined ? rest : { ...rest, autoExecute: autoExecuteParams(autoExecute, minProfitPct) }
}
