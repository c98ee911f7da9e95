// The vocabulary of failures: every failure type the activities raise (ApplicationFailure.type, which is the
// ExchangeError class name for a venue's failure) or the workflows report (a placement outcome's errorType), and what
// each one means for an order. The retry policies (temporal.config.ts), the placement rules
// (workflows/lib/placement.ts) and the API's answers derive from this table, so a type is named and classed once.
//
// Pure and without imports: workflow code (Temporal's sandbox) imports it.

/** What a failure says about the order or request that failed (ARCHITECTURE.md, invariant 3). */
export type FailureClass =
  /** The venue (or our own check) said no to this request: final, never retried; another venue may say yes. */
  | 'rejected'
  /** The venue refused before touching the book (throttled, down, in maintenance): retry later, or fail over. */
  | 'nothing_placed'
  /** The request may have reached the book: settled by looking the order up by its client order id, never re-sent. */
  | 'outcome_unknown'
  /** This attempt sent nothing (its send deadline passed), but an earlier one may have: retried, lookup first. */
  | 'not_sent'
  /** A lookup found no such order: a fact about a read, not a refusal of anything. */
  | 'not_found'
  /** An answer no rule recognises (the ExchangeError catch-all, a bug): treated as possibly placed. */
  | 'unclassified'

interface FailureKind {
  class: FailureClass
  /**
   * 'activity': an activity raises it, so the retry policies may name it. 'workflow': only workflow code reports it
   * (an outcome's errorType), no retry policy ever sees it.
   */
  origin: 'activity' | 'workflow'
  /**
   * A refusal of the caller rather than of this one request (credentials, our own input checks): no request of any
   * kind can succeed by asking again, not even a lookup that must eventually succeed.
   */
  refusesCaller?: true
}

export const FAILURES = {
  InsufficientBalanceError: { class: 'rejected', origin: 'activity' },
  InvalidOrderError: { class: 'rejected', origin: 'activity' },
  /** The venue lists no such market (ccxt's BadSymbol, or the connector's own market check). An InvalidOrderError. */
  UnknownSymbolError: { class: 'rejected', origin: 'activity' },
  AuthenticationError: { class: 'rejected', origin: 'activity', refusesCaller: true },
  /** Our own input check refused the request (a workflow's start input, an activity's arguments). */
  ValidationError: { class: 'rejected', origin: 'activity', refusesCaller: true },
  /** The placement activity's refusal of a client order id that another execution already used. */
  ClientOrderIdInUseError: { class: 'rejected', origin: 'activity' },
  /** The pre-trade risk gate refused the order (domain/risk). */
  RiskRejectedError: { class: 'rejected', origin: 'workflow' },
  /**
   * Final for a retry (asking the same read again will not find the order), but no refusal: a placement that ends
   * with it (its read-back after the send found nothing yet) may have placed the order, so it is settled by lookup.
   */
  OrderNotFoundError: { class: 'not_found', origin: 'activity' },
  RateLimitError: { class: 'nothing_placed', origin: 'activity' },
  ExchangeUnavailableError: { class: 'nothing_placed', origin: 'activity' },
  /** The risk gate's own reads failed: nothing was sent. */
  RiskCheckFailed: { class: 'nothing_placed', origin: 'workflow' },
  /** A venue read answered, but the venue cannot be used (market disabled, book unusable). */
  VenueUnusable: { class: 'nothing_placed', origin: 'workflow' },
  OrderOutcomeUnknownError: { class: 'outcome_unknown', origin: 'activity' },
  /** The venue has an order under this client order id: settled by lookup, never sent again. */
  DuplicateClientOrderIdError: { class: 'outcome_unknown', origin: 'activity' },
  /** Temporal's name for an attempt that ran out of its start-to-close: it may have sent. */
  'TemporalTimeout:StartToClose': { class: 'outcome_unknown', origin: 'activity' },
  /** An activity that timed out, as describeFailure (workflows/lib/describe-failure.ts) names it. */
  Timeout: { class: 'outcome_unknown', origin: 'workflow' },
  /** An immediate order still open that could not be cancelled (executions from before the settle patch). */
  OrderStillOpen: { class: 'outcome_unknown', origin: 'workflow' },
  /** The venue answered a cancel with the order still open. */
  StillOpen: { class: 'outcome_unknown', origin: 'workflow' },
  SendDeadlineError: { class: 'not_sent', origin: 'activity' },
  ExchangeError: { class: 'unclassified', origin: 'activity' },
} as const satisfies Record<string, FailureKind>

export type FailureType = keyof typeof FAILURES
export const FAILURE_TYPES = Object.keys(FAILURES) as FailureType[]

export function isFailureType(type: string): type is FailureType {
  return Object.prototype.hasOwnProperty.call(FAILURES, type)
}

/** The class of a failure type; a type outside the vocabulary (a bug's TypeError, 'Error') is unclassified. */
export function failureClass(type: string): FailureClass {
  return isFailureType(type) ? FAILURES[type].class : 'unclassified'
}

function typesWhere(test: (kind: FailureKind) => boolean): readonly FailureType[] {
  return FAILURE_TYPES.filter((type) => test(FAILURES[type]))
}

const raised = (kind: FailureKind) => kind.origin === 'activity'

/** Activity failures that asking again cannot fix: every refusal, and an order a lookup did not find. */
export const FINAL_FAILURES = typesWhere((k) => raised(k) && (k.class === 'rejected' || k.class === 'not_found'))

/** Activity failures after which an order may exist: never retried by sending, the workflow looks it up. */
export const OUTCOME_UNKNOWN_FAILURES = typesWhere((k) => raised(k) && k.class === 'outcome_unknown')

/** Activity failures no request can get past, a lookup included (credentials, our own input checks). */
export const CALLER_REFUSALS = typesWhere((k) => raised(k) && k.refusesCaller === true)

/** The venue, or our gate, said no to this order: placing it again here cannot succeed. */
export function isDefinitiveRejection(type: string): boolean {
  return failureClass(type) === 'rejected'
}

/** Nothing reached the book and the venue itself is the reason: the caller may move on to another venue. */
export function isNothingPlaced(type: string): boolean {
  return failureClass(type) === 'nothing_placed'
}
