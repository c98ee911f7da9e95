// A new order's expire-at (its own file: api/schemas.ts builds the order body from it when it loads).
import { z } from 'zod'

/** An expire-at: an ISO 8601 time or epoch milliseconds, in the future (a minute of clock skew is not refused). */
export const expireAt = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const ms = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : Date.parse(v)
    if (!Number.isSafeInteger(ms) || ms <= 0) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 time such as "2026-12-03T18:00:00Z" or epoch ms' })
      return z.NEVER
    }
    if (ms <= Date.now()) {
      ctx.addIssue({ code: 'custom', message: 'must be in the future' })
      return z.NEVER
    }
    return ms
  })
  .meta({
    description:
      'A limit order that rests (GTC): the gateway cancels it at this time if it is still open (a durable timer in its ' +
      'run, whatever the venue supports). An ISO 8601 time or epoch ms, in the future',
  })
