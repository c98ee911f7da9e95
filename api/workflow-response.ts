// The two answers every workflow-backed resource gives: POST starts (or joins) a run and waits up to waitMs for
// its result, answering 202 + Location while it is still running; GET /:workflowId reports the run again. Both show
// prices and costs at the market's precision (api/display.ts); the run's history keeps them exact.
import type { WorkflowHandle } from '@temporalio/client'
import type { QueryDefinition } from '@temporalio/common'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

import { SA } from '../temporal.config.js'
import { auditIntent, auditOutcome, outcomeOf } from './audit.js'
import { inputPrefix } from '../domain/input-prefix.js'
import type { AppDeps } from './deps.js'
import { displayed } from './display-markets.js'
import { ApiError, notFound } from './errors.js'
import { riskRefusalOf, riskRejectedBody } from './risk-refusal.js'
import { workflowFailure } from './workflow-failure.js'
import { startOrJoinOnce } from './start-once.js'
import { describeOrUndefined, type StartRequest } from './workflow-runner.js'
import type { WorkflowName, WorkflowOf, WorkflowResult } from './workflow-types.js'

export const DEFAULT_WAIT_MS = 30_000

export async function startAndRespond<N extends WorkflowName>(
  c: Context,
  deps: AppDeps,
  request: StartRequest<N>,
  answer: {
    location: string
    statusFor: (result: WorkflowResult<N>) => ContentfulStatusCode
    /** An answer that may come before the result (see WorkflowRunner.awaitResult). */
    early?: (handle: WorkflowHandle<WorkflowOf<N>>) => Promise<WorkflowResult<N>>
  }
) {
  c.set('workflowId', request.workflowId)
  const handle = await startOrJoinOnce(deps, request)
  auditIntent(c, request)
  const early = answer.early && (() => answer.early!(handle))
  const waited = await deps.runner
    .awaitResult(handle, deps.waitMs ?? DEFAULT_WAIT_MS, early)
    .catch((error: unknown) => {
      auditOutcome(c, request.workflowId, { outcome: 'failed', status: 500 })
      throw failedRun(request.workflowId, error)
    })
  if (!waited.done) {
    auditOutcome(c, request.workflowId, { outcome: 'running', status: 202 })
    return c.json({ workflowId: request.workflowId, status: 'running' }, 202, { Location: answer.location })
  }
  const status = answer.statusFor(waited.result)
  // Refused by our own limits rather than by the venue: the same 422, with the code that says so.
  const refusal = status === 422 ? riskRefusalOf(waited.result) : undefined
  auditOutcome(c, request.workflowId, { outcome: outcomeOf(waited.result), status, refusal })
  const symbol = request.searchAttributes.find((pair) => pair.key.name === SA.symbol.name)?.value as string | undefined
  if (refusal !== undefined)
    return c.json(await displayed(deps, riskRejectedBody(waited.result as object, refusal), symbol), 422)
  // 202 with a result: the outcome is not settled yet (e.g. unknown); the Location is where it will be.
  return c.json(
    await displayed(deps, waited.result, symbol),
    status,
    status === 202 ? { Location: answer.location } : {}
  )
}

/** A run that failed instead of returning an outcome (a bug, or terminated by hand): a 500 that says why. */
export function failedRun(workflowId: string, error: unknown): unknown {
  const failure = workflowFailure(error)
  if (!failure) return error
  return new ApiError(
    500,
    'workflow_failed',
    `workflow ${workflowId} failed: ${failure.errorType}: ${failure.message}`,
    {
      workflowId,
      errorType: failure.errorType,
    }
  )
}

/** A running workflow's state: `unresolved` lists the orders whose outcome is still unknown, when it has any. */
type StateQuery = QueryDefinition<object & { unresolved?: unknown[] }, []>

/**
 * The run as a resource: its result once completed (as the POST answered it), its live state (query `stateQuery`) while running, its
 * Temporal status otherwise. 404 when there is no such run of `workflowType` (ids of other kinds included).
 */
export async function describeRun(
  deps: AppDeps,
  workflowId: string,
  workflowType: WorkflowName,
  stateQuery: StateQuery
) {
  const found = await describeOrUndefined(deps.runner.client, workflowId)
  if (!found || found.description.type !== workflowType)
    throw notFound(`no ${workflowType} run with id ${inputPrefix(workflowId)}`)
  const status = found.description.status.name
  let body: unknown
  if (status === 'RUNNING') {
    const state = await found.handle.query(stateQuery).catch(() => undefined)
    // unresolved: an order's outcome is unknown and the venue cannot be asked yet; the run keeps looking it up.
    body = { workflowId, status: state?.unresolved?.length ? 'unresolved' : 'running', state }
  } else if (status === 'COMPLETED') {
    body = await found.handle.result().catch((error: unknown) => {
      throw failedRun(workflowId, error)
    })
  } else {
    body = { workflowId, status: status.toLowerCase() }
  }
  return { ...found, body: await displayed(deps, body, found.description.typedSearchAttributes.get(SA.symbol)) }
}
