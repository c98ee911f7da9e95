// HTTP status for an order workflow's outcome.
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** placed: 201; the venue said no: 422; nothing placed (venue down): 503; outcome unknown: 202 (check later). */
export function statusForOutcome(outcome: string): ContentfulStatusCode {
  switch (outcome) {
    case 'placed':
    case 'filled':
    case 'completed':
      return 201
    case 'rejected':
      return 422
    case 'not_placed':
      return 503
    default:
      return 202
  }
}
