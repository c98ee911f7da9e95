// Temporal settings in one place: where the server is, which task queue the worker serves, the search
// attributes the UI filters on, and the timeouts and retry policies of every activity class.
//
// Workflows import this file (for activity options and search-attribute keys), so its top level must stay
// deterministic: constants only, no process.env reads outside functions.

import { defineSearchAttributeKey, type ActivityOptions } from '@temporalio/common'

// The non-retryable error types of every policy below come from the failure vocabulary: FINAL_FAILURES (refusals,
// and an order a lookup did not find), OUTCOME_UNKNOWN_FAILURES (the order may exist: looked up, never re-sent),
// CALLER_REFUSALS (credentials, our own input checks: not even a lookup gets past them).
import { CALLER_REFUSALS, FINAL_FAILURES, OUTCOME_UNKNOWN_FAILURES } from './domain/failures.js'

export const TASK_QUEUE = 'exchange-gateway'

export interface TemporalConnectionSettings {
  address: string
  namespace: string
  taskQueue: string
}

/** Connection settings from the environment (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE). */
export function temporalConnectionSettings(env: Record<string, string | undefined>): TemporalConnectionSettings {
  return {
    address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? TASK_QUEUE,
  }
}

/** The embedded dev server `npm start` runs (ports overridable with TEMPORAL_PORT / TEMPORAL_UI_PORT). */
export const DEV_SERVER = {
  port: 7233,
  uiPort: 8233,
  dbFile: 'data/temporal.db',
  /** Closed workflows stay visible this long (the dev server's default is 24 h). */
  retentionDays: 30,
} as const

/** Search attributes: filter executions in the Temporal UI, e.g. `Strategy = "failover" AND Exchange = "kraken"`. */
export const SA = {
  exchange: defineSearchAttributeKey('Exchange', 'KEYWORD'),
  symbol: defineSearchAttributeKey('Symbol', 'KEYWORD'),
  side: defineSearchAttributeKey('Side', 'KEYWORD'),
  strategy: defineSearchAttributeKey('Strategy', 'KEYWORD'),
  orderStatus: defineSearchAttributeKey('OrderStatus', 'KEYWORD'),
  /** The order's kind: market, limit, futures-limit, margin-market, stop-loss, limit-gtt... (domain/order-kinds.ts). */
  orderType: defineSearchAttributeKey('OrderType', 'KEYWORD'),
} as const

/**
 * The placement activity's start-to-close. An attempt sends only until this deadline less the venue request timeout
 * and a margin (exchanges/send-deadline.ts), measured on the worker's clock from the attempt's start, and only while
 * it is not cancelled; past that it proves it sent nothing (SendDeadlineError). The worker refuses to start with an
 * EXCHANGE_REQUEST_TIMEOUT that does not fit. So an attempt that Temporal has given up (a crashed or stalled worker)
 * can no longer send by the time the workflow looks its order up, and a lookup that still finds nothing after the
 * grace window proves the order absent.
 */
export const PLACEMENT_TIMING = { startToCloseMs: 20_000 } as const

/**
 * Activity classes. Each workflow proxies activities with one of these.
 * - marketData: books, tickers, status. Cheap and idempotent: fast retries, many attempts.
 * - interactiveRead: a read a person is waiting for (REST market data). A few quick tries, then the API says
 *   the venue is unavailable instead of keeping the caller waiting.
 * - routingSnapshot: the books a routing decision is made from. A venue that cannot answer within a couple of
 *   quick tries is left out of that decision (reported as down) rather than holding the order up.
 * - placeOrder: sends an order. Business rejections are final; an unknown outcome (OrderOutcomeUnknownError or a
 *   start-to-close timeout) is never retried here: the workflow reconciles by client order id instead.
 *   Pre-send failures (rate limit, venue unavailable) retry; maximumInterval is long enough to honour a
 *   Retry-After of 60 s (the server clamps nextRetryDelay to maximumInterval).
 * - reconcile: looks an order up by client order id, with a grace window for orders not yet visible.
 * - unwind: compensation after a one-legged arbitrage. It must eventually succeed: a long budget (an unknown
 *   outcome is still never retried here, as for placeOrder).
 * - unwindLookup: the lookup that settles an unwind order's unknown outcome, on the same long budget.
 * - settle: the lookups of an order whose outcome is still unknown after the reconcile budget (the venue cannot
 *   answer): the execution shows as unresolved and the order is looked up with backoff until the venue answers.
 * - record: SQLite writes, run as local activities (idempotent upserts, no server round trip); retried until they
 *   succeed.
 * - follow: one look at a resting order (its state, and its fills when they changed). The order's workflow polls
 *   again on its own schedule, so a look that keeps failing only waits for the next one.
 * - accountSetting: changes an account setting at the venue (a perpetual's leverage). Setting the same value again
 *   leaves the account as setting it once did, so an unknown outcome is simply retried (unlike an order); refusals
 *   are final. A person waits for the answer: a minute at most.
 * - risk: the pre-trade check's facts (limits, trading state, position, a send slot; the book top for a market
 *   order) and the record of a refusal. Short and retried for a minute; the gate fails closed after that.
 */
/** Lookups that must eventually succeed: backing off to a minute between tries, for an hour per round. */
const PATIENT_LOOKUP = {
  startToCloseTimeout: '20s',
  scheduleToCloseTimeout: '1h',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '60s',
    nonRetryableErrorTypes: [...CALLER_REFUSALS],
  },
} as const satisfies ActivityOptions

export const ACTIVITY_OPTIONS = {
  marketData: {
    startToCloseTimeout: '10s',
    scheduleToCloseTimeout: '1m',
    retry: {
      initialInterval: '200ms',
      backoffCoefficient: 2,
      maximumInterval: '5s',
      maximumAttempts: 8,
      nonRetryableErrorTypes: [...FINAL_FAILURES],
    },
  },
  interactiveRead: {
    startToCloseTimeout: '5s',
    retry: {
      initialInterval: '200ms',
      backoffCoefficient: 2,
      maximumAttempts: 3,
      nonRetryableErrorTypes: [...FINAL_FAILURES],
    },
  },
  routingSnapshot: {
    startToCloseTimeout: '5s',
    retry: {
      initialInterval: '200ms',
      backoffCoefficient: 2,
      maximumAttempts: 2,
      nonRetryableErrorTypes: [...FINAL_FAILURES],
    },
  },
  placeOrder: {
    startToCloseTimeout: PLACEMENT_TIMING.startToCloseMs,
    scheduleToCloseTimeout: '3m',
    retry: {
      initialInterval: '500ms',
      backoffCoefficient: 2,
      maximumInterval: '60s',
      maximumAttempts: 5,
      // SendDeadlineError (nothing sent) is retried: the next attempt looks the order up before it sends.
      // DuplicateClientOrderIdError means the venue has an order under this id: settled by lookup, never re-sent.
      nonRetryableErrorTypes: [...FINAL_FAILURES, ...OUTCOME_UNKNOWN_FAILURES],
    },
  },
  reconcile: {
    startToCloseTimeout: '15s',
    scheduleToCloseTimeout: '2m',
    retry: {
      initialInterval: '500ms',
      backoffCoefficient: 1.5,
      maximumInterval: '10s',
      maximumAttempts: 10,
      nonRetryableErrorTypes: [...CALLER_REFUSALS],
    },
  },
  unwind: {
    startToCloseTimeout: '20s',
    scheduleToCloseTimeout: '1h',
    retry: {
      initialInterval: '1s',
      backoffCoefficient: 2,
      maximumInterval: '60s',
      // As for placeOrder, an unknown outcome is settled by the workflow's lookup with its grace window: a retry
      // would look up without one and re-send a market order the venue may accept again under the same id.
      // A definitive rejection will not change by retrying for an hour: the arbitrage workflow retries the unwind
      // itself a few times, then flags the position as not flat for a person.
      nonRetryableErrorTypes: [...FINAL_FAILURES, ...OUTCOME_UNKNOWN_FAILURES],
    },
  },
  unwindLookup: PATIENT_LOOKUP,
  follow: {
    startToCloseTimeout: '15s',
    scheduleToCloseTimeout: '1m',
    retry: {
      initialInterval: '500ms',
      backoffCoefficient: 2,
      maximumInterval: '10s',
      nonRetryableErrorTypes: [...CALLER_REFUSALS],
    },
  },
  // One round of patient lookups; the workflow starts another round when it runs out, so an unresolved order is
  // looked up for as long as it takes.
  settle: PATIENT_LOOKUP,
  record: {
    startToCloseTimeout: '10s',
    retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '5s' },
  },
  accountSetting: {
    startToCloseTimeout: '15s',
    scheduleToCloseTimeout: '1m',
    retry: {
      initialInterval: '500ms',
      backoffCoefficient: 2,
      maximumInterval: '10s',
      maximumAttempts: 5,
      nonRetryableErrorTypes: [...FINAL_FAILURES],
    },
  },
  // The pre-trade risk check's reads (SQLite, plus one order book top for a market order) and its refusal record.
  // Short, retried for about a minute: the gate fails closed (a new order is not placed) when they keep failing,
  // and an unwind waits and asks again.
  risk: {
    startToCloseTimeout: '5s',
    scheduleToCloseTimeout: '1m',
    retry: {
      initialInterval: '200ms',
      backoffCoefficient: 2,
      maximumInterval: '5s',
      // A venue in maintenance answers its book read as it would the order: the placement moves on (a failover to
      // its backup) at once instead of after a minute of retries.
      nonRetryableErrorTypes: [...FINAL_FAILURES, 'ExchangeUnavailableError'],
    },
  },
} as const satisfies Record<string, ActivityOptions>
