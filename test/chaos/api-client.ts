// The suite's HTTP client of the gateway: a POST is sent again under the same Idempotency-Key until the API
// accepts it (the API or Temporal may be down for a while: that is the point), and a run is polled until closed.
import type { PlannedExecution } from './model.js'

export type PollAnswer = { closed: true; body: Record<string, unknown> } | { closed: false }

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function call(
  url: string,
  init: RequestInit,
  timeoutMs: number
): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    const text = await response.text()
    try {
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown> }
    } catch {
      return { status: response.status, body: { error: { code: 'not_json', message: text.slice(0, 200) } } }
    }
  } catch {
    return undefined // refused, reset or timed out: try again
  }
}

/** A body that is an answer about the run, not the error envelope of a request that did not get through. */
function isRunAnswer(body: Record<string, unknown>): boolean {
  const error = body.error as { code?: string } | string | undefined
  if (error === undefined || typeof error === 'string') return true
  // The run exists and failed: an answer too (the check "every execution closed" reports it).
  return error.code === 'workflow_failed'
}

export interface ApiClient {
  /** POSTs until accepted; the time of acceptance, or undefined if `deadline` passed first. A 4xx that is not
   * an outcome (validation, conflict) is a bug in the suite: it throws. */
  submit(execution: PlannedExecution, deadline: number): Promise<number | undefined>
  /** One look at the run. */
  poll(execution: PlannedExecution): Promise<PollAnswer>
}

/**
 * A resting order's expire-at is fixed when it is first sent (the plan says how long it may rest) and sent the same on
 * every retry, so that the retries stay the same request for its Idempotency-Key.
 */
function withExpireAt(execution: PlannedExecution): Record<string, unknown> {
  const { expireInMs, ...body } = execution.body
  if (typeof expireInMs === 'number') {
    execution.body = { ...body, expireAt: Date.now() + expireInMs }
    return execution.body
  }
  return execution.body
}

export function createApiClient(baseUrl: string): ApiClient {
  return {
    async submit(execution, deadline) {
      while (Date.now() < deadline) {
        const answer = await call(
          `${baseUrl}${execution.path}`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'Idempotency-Key': execution.idempotencyKey },
            body: JSON.stringify(withExpireAt(execution)),
          },
          45_000
        )
        if (answer && isRunAnswer(answer.body)) return Date.now()
        if (answer && (answer.status === 400 || answer.status === 409 || answer.status === 404)) {
          throw new Error(
            `${execution.path} refused the suite's request (${answer.status}): ${JSON.stringify(answer.body)}`
          )
        }
        await sleep(1_000)
      }
      return undefined
    },
    async poll(execution) {
      const answer = await call(`${baseUrl}${execution.statusPath}`, {}, 10_000)
      if (!answer || !isRunAnswer(answer.body) || answer.status === 404) return { closed: false }
      if (answer.body.status === 'running') return { closed: false }
      return { closed: true, body: answer.body }
    },
  }
}
