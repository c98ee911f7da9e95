// Commands to a running order (cancel, amend) as HTTP answers. Each is a Temporal update the order's workflow carries
// out at the venue, so a retried request (the same Idempotency-Key as its update id) is carried out once.
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
  type WorkflowHandle,
  type WorkflowUpdateHandle,
} from '@temporalio/client'
import { ApplicationFailure } from '@temporalio/common'
import type { Context } from 'hono'

import { SA } from '../temporal.config.js'
import type { OrderExecutionResult, placeOrderWorkflow } from '../workflows/place-order.js'
import type { AppDeps } from './deps.js'
import { displayed } from './display-markets.js'
import { badRequest } from './errors.js'
import { isClosedRunError } from './update-refusal.js'
import { keyedId } from './idempotency.js'
import { DEFAULT_WAIT_MS, describeRun } from './workflow-response.js'
import { orderStateQuery } from '../workflows/definitions.js'

const WORKFLOW = 'placeOrderWorkflow'

/** Starts one update on the order's run, e.g. (handle, options) => handle.startUpdate(cancelOrderUpdate, options). */
export type SendCommand = (
  handle: WorkflowHandle<typeof placeOrderWorkflow>,
  options: { waitForStage: typeof WorkflowUpdateStage.ACCEPTED; updateId?: string }
) => Promise<WorkflowUpdateHandle<OrderExecutionResult>>

/**
 * Sends `update` to the order's run and answers with the order's state after it: 200 when done within the wait,
 * 202 + Location while the venue has not answered yet, 409 with the order's state when it is already done.
 */
export async function orderCommand(c: Context, deps: AppDeps, workflowId: string, send: SendCommand) {
  // The key names the update; an update id past Temporal's length limit would otherwise fail as a 500.
  const updateId = keyedId('order-command', c.req.header('Idempotency-Key'))
  const { handle, description, body } = await describeRun(deps, workflowId, WORKFLOW, orderStateQuery)
  const symbol = description.typedSearchAttributes.get(SA.symbol)
  if (description.status.name !== 'RUNNING') return alreadyDone(c, deps, workflowId, body, symbol)
  const typed = handle as WorkflowHandle<typeof placeOrderWorkflow>
  let result: OrderExecutionResult | undefined
  try {
    const started = await send(typed, {
      waitForStage: WorkflowUpdateStage.ACCEPTED,
      ...(updateId !== undefined && { updateId }),
    })
    result = await within(started.result(), deps.waitMs ?? DEFAULT_WAIT_MS)
  } catch (error) {
    const done = doneState(error)
    if (done)
      return c.json(
        {
          error: { code: 'order_done', message: done.message, workflowId },
          order: await displayed(deps, done.state, symbol),
        },
        409
      )
    if (
      error instanceof WorkflowUpdateFailedError &&
      error.cause instanceof ApplicationFailure &&
      error.cause.type === 'ValidationError'
    ) {
      const field = (error.cause.details?.[0] as { field?: string } | undefined)?.field
      throw badRequest(error.cause.message, field)
    }
    if (error instanceof WorkflowNotFoundError || isClosedRunError(error)) {
      const again = await describeRun(deps, workflowId, WORKFLOW, orderStateQuery)
      return alreadyDone(c, deps, workflowId, again.body, symbol)
    }
    throw error
  }
  if (result === undefined) {
    return c.json({ workflowId, status: 'in_progress' }, 202, { Location: `/api/orders/${workflowId}` })
  }
  return c.json(await displayed(deps, result, symbol))
}

async function alreadyDone(c: Context, deps: AppDeps, workflowId: string, body: unknown, symbol: string | undefined) {
  const state = body as { status?: string; outcome?: string }
  const word = state.status ?? state.outcome ?? 'done'
  return c.json(
    {
      error: { code: 'order_done', message: `order ${workflowId} is already ${word}`, workflowId },
      order: await displayed(deps, body, symbol),
    },
    409
  )
}

/** The order's state when the workflow refused the command because the order is done. */
function doneState(error: unknown): { message: string; state: unknown } | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined
  const cause = error.cause
  if (!(cause instanceof ApplicationFailure) || cause.type !== 'OrderAlreadyDone') return undefined
  return { message: cause.message, state: cause.details?.[0] }
}

/** An update sent to a run that closed meanwhile. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
