// An order attempt must never send after its caller (a Temporal activity) has been given up: otherwise the workflow
// looks the order up, finds nothing, moves on, and the late request makes a second live order. The caller passes
// `sendBy` (and a cancellation signal); everything before the send waits at most until then, and one check right
// before the request is handed to ccxt refuses to send late. ccxt has one HTTP timeout per instance, so the request
// itself is bounded by EXCHANGE_REQUEST_TIMEOUT, which the start-up check below fits into the placement timeout.
import type { ExchangeId } from '../domain/types.js'
import type { SendOptions } from './connector.js'
import { SendDeadlineError } from './errors.js'

/** Slack kept between the end of the last possible request and the attempt's deadline. */
export const SEND_MARGIN_MS = 1_000
/** The least time an attempt must have for its pre-send work (market load, rate limiter, Kraken's queue). */
export const MIN_PRE_SEND_BUDGET_MS = 2_000

/**
 * Latest instant an attempt whose deadline is `attemptDeadlineMs` may hand its order to ccxt (same clock): a request
 * sent then is abandoned by ccxt SEND_MARGIN_MS before the deadline.
 */
export function latestSendBy(attemptDeadlineMs: number, requestTimeoutMs: number): number {
  return attemptDeadlineMs - requestTimeoutMs - SEND_MARGIN_MS
}

/**
 * Start-up check of EXCHANGE_REQUEST_TIMEOUT against the placement activity's start-to-close timeout. Rule: the
 * request timeout + MIN_PRE_SEND_BUDGET_MS + SEND_MARGIN_MS must not exceed the start-to-close timeout, so an
 * attempt has time to prepare and its last request ends before Temporal gives the attempt up.
 */
export function requestTimeoutProblem(requestTimeoutMs: number, placementStartToCloseMs: number): string | undefined {
  const limit = placementStartToCloseMs - MIN_PRE_SEND_BUDGET_MS - SEND_MARGIN_MS
  if (requestTimeoutMs <= limit) return undefined
  return (
    `EXCHANGE_REQUEST_TIMEOUT is ${requestTimeoutMs} ms but must be at most ${limit} ms: the order placement activity ` +
    `times out after ${placementStartToCloseMs} ms, which must hold the request timeout, ` +
    `${MIN_PRE_SEND_BUDGET_MS} ms of preparation and a ${SEND_MARGIN_MS} ms margin`
  )
}

export interface SendContext {
  exchange: ExchangeId
  operation: string
  clientOrderId: string | undefined
  clock: () => number
}

function deadlineError(options: SendOptions, ctx: SendContext): SendDeadlineError {
  return new SendDeadlineError({
    exchange: ctx.exchange,
    operation: ctx.operation,
    clientOrderId: ctx.clientOrderId ?? '(not yet assigned)',
    ...(options.sendBy !== undefined && { sendBy: options.sendBy }),
    aborted: options.signal?.aborted === true,
  })
}

/** True when the attempt may still send now. */
export function maySend(options: SendOptions | undefined, clock: () => number): boolean {
  if (options === undefined) return true
  if (options.signal?.aborted === true) return false
  return options.sendBy === undefined || clock() < options.sendBy
}

/** The one check right before a request is handed to ccxt: throws SendDeadlineError when it may no longer go. */
export function assertMaySend(options: SendOptions | undefined, ctx: SendContext): void {
  if (!maySend(options, ctx.clock)) throw deadlineError(options ?? {}, ctx)
}

/**
 * Waits for `work` (pre-send work: a market load, a book read) at most until the deadline or the abort, then throws
 * SendDeadlineError; the work itself goes on in the background (it sends no order).
 */
export function withinSendDeadline<T>(
  work: Promise<T>,
  options: SendOptions | undefined,
  ctx: SendContext
): Promise<T> {
  if (options === undefined || (options.sendBy === undefined && options.signal === undefined)) return work
  if (!maySend(options, ctx.clock)) {
    work.catch(() => undefined)
    return Promise.reject(deadlineError(options, ctx))
  }
  return raceDeadline(work, options, ctx, () => true)
}

/**
 * Runs `task` through `enqueue` (a queue that may hold it, e.g. Kraken's per-key private-call queue). If the deadline
 * or the abort comes first while the task is still waiting, rejects with SendDeadlineError at once and the task,
 * when its turn comes, does nothing. Once the task has started it is never abandoned (it may be sending).
 */
export function queueWithinSendDeadline<T>(
  enqueue: (task: () => Promise<T>) => Promise<T>,
  task: () => Promise<T>,
  options: SendOptions | undefined,
  ctx: SendContext
): Promise<T> {
  if (options === undefined || (options.sendBy === undefined && options.signal === undefined)) return enqueue(task)
  let state: 'waiting' | 'started' | 'abandoned' = 'waiting'
  const queued = enqueue(async () => {
    if (state === 'abandoned') throw deadlineError(options, ctx)
    state = 'started'
    return task()
  })
  return raceDeadline(queued, options, ctx, () => {
    if (state !== 'waiting') return false
    state = 'abandoned'
    return true
  })
}

/** Settles with `work`, or with SendDeadlineError when the deadline/abort comes first and `giveUp()` agrees. */
function raceDeadline<T>(work: Promise<T>, options: SendOptions, ctx: SendContext, giveUp: () => boolean): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined
    const expire = () => {
      if (!giveUp()) return
      cleanup()
      reject(deadlineError(options, ctx))
    }
    const cleanup = () => {
      if (timer !== undefined) clearTimeout(timer)
      options.signal?.removeEventListener('abort', expire)
    }
    if (options.sendBy !== undefined) timer = setTimeout(expire, Math.max(0, options.sendBy - ctx.clock()))
    options.signal?.addEventListener('abort', expire, { once: true })
    work.then(
      (value) => {
        cleanup()
        resolve(value)
      },
      (err: unknown) => {
        cleanup()
        reject(err)
      }
    )
  })
}
