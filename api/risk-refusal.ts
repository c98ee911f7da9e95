// A workflow result refused by the pre-trade risk check (errorType RiskRejectedError, domain/risk/types.ts) answers
// 422 with the error envelope's code `risk_rejected` and the refusal's message (the limit and its figures), the
// result's other fields (workflowId, attempts, legs...) kept, so a client tells "the venue said no" from "our own
// limits said no" without reading the attempts.
import { RISK_REJECTED } from '../domain/risk/types.js'

interface Refusable {
  error?: unknown
  attempts?: unknown
  legs?: unknown
}

interface ErrorLike {
  type?: unknown
  errorType?: unknown
  message?: unknown
}

const refusalMessage = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined
  const e = value as ErrorLike
  if (e.type !== RISK_REJECTED && e.errorType !== RISK_REJECTED) return undefined
  return typeof e.message === 'string' ? e.message : 'refused by the pre-trade risk check'
}

/** The refusal's message when `result` (order, failover, smart order, arbitrage) was refused by a risk limit. */
export function riskRefusalOf(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined
  const r = result as Refusable
  const direct = refusalMessage(r.error)
  if (direct) return direct
  // Attempts run in turn (failover, smart slices): the last one is how the order ended, so a venue's rejection of the
  // backup after a refused primary stays the venue's. Arbitrage legs run together: either refused is the cause.
  if (Array.isArray(r.attempts) && r.attempts.length > 0) return refusalMessage(r.attempts.at(-1))
  if (Array.isArray(r.legs)) {
    for (const leg of r.legs) {
      const message = refusalMessage(leg)
      if (message) return message
    }
  }
  return undefined
}

/** The body of a 422 whose cause was a risk refusal: the result, its `error` in the API's envelope shape. */
export function riskRejectedBody(result: object, message: string): object {
  return { ...result, error: { code: 'risk_rejected', type: RISK_REJECTED, message } }
}
