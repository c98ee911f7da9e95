// The error envelope (api/errors.ts) and every code the API answers with, by HTTP status.
import { z } from 'zod'

export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Machine-readable; one of the codes listed for the status' }),
      message: z.string().meta({ description: 'For a person: what was wrong, naming the field' }),
      field: z
        .string()
        .optional()
        .meta({ description: 'The request field at fault (validation_error, client_order_id_used)' }),
      exchange: z.string().optional(),
      symbol: z.string().optional(),
      errorType: z
        .string()
        .optional()
        .meta({ description: "The venue failure's class, e.g. ExchangeUnavailableError" }),
      workflowId: z.string().optional(),
    }),
  })
  .meta({ description: 'Every refusal and failure the API reports has this shape' })

export interface ErrorCodeDoc {
  status: number
  /** When the API answers with this code. */
  meaning: string
  /** A message as the API writes it, for the examples. */
  example: string
  extra?: Record<string, string>
}

export const ERROR_CODES = {
  validation_error: {
    status: 400,
    meaning: 'a body, query, path parameter or header is invalid; `field` names it',
    example: 'amount: must be a positive decimal such as "0.01"',
    extra: { field: 'amount' },
  },
  unauthorized: {
    status: 401,
    meaning: 'no valid API token (tokens configured)',
    example: 'send Authorization: Bearer <token> with a valid API token',
  },
  forbidden: {
    status: 403,
    meaning: "the token lacks this route's scope",
    example: 'this token may not use this route',
  },
  not_found: {
    status: 404,
    meaning: 'no such run, execution or route',
    example: 'no placeOrderWorkflow run with id order-42',
  },
  unknown_exchange: {
    status: 404,
    meaning: 'the exchange in the path is unknown or not enabled here',
    example: "unknown exchange 'nasdaq'; known: binance, coinbase, kraken",
    extra: { exchange: 'nasdaq' },
  },
  unknown_symbol: {
    status: 404,
    meaning: 'the venue (or every venue scanned) has no such market',
    example: 'no exchange lists DOGE/EUR',
    extra: { symbol: 'DOGE/EUR' },
  },
  idempotency_conflict: {
    status: 409,
    meaning: 'the Idempotency-Key was used for a different request (or another kind of run)',
    example: 'Idempotency-Key was already used for a different request; use a new key for a new order',
    extra: { workflowId: 'order-key-1' },
  },
  idempotency_key_used: {
    status: 409,
    meaning: "the Idempotency-Key ran an execution now past Temporal's retention",
    example:
      "this Idempotency-Key already ran execution order-key-1 on 2026-01-02T03:04:05.000Z, which is past Temporal's retention; see GET /api/executions/order-key-1, or use a new key",
    extra: { workflowId: 'order-key-1' },
  },
  client_order_id_used: {
    status: 409,
    meaning: 'another execution already used this client order id at this venue',
    example: 'clientOrderId: my-order-1 was already used by execution order-key-1; choose a new one',
    extra: { field: 'clientOrderId', workflowId: 'order-key-1' },
  },
  order_done: {
    status: 409,
    meaning: 'the order is already done (filled, cancelled, expired or rejected): nothing was sent; `order` holds it',
    example: 'order order-key-1 is already filled',
    extra: { workflowId: 'order-key-1' },
  },
  request_timeout: {
    status: 408,
    meaning: 'the request was not received in time (answered by the HTTP server)',
    example: 'the request was not received in time',
  },
  not_running: {
    status: 409,
    meaning: 'the monitor has ended: it cannot be changed',
    example: 'monitor monitor-abc is completed',
  },
  payload_too_large: {
    status: 413,
    meaning: 'the body is larger than the limit (64 KiB by default)',
    example: 'request body larger than 65536 bytes',
  },
  uri_too_long: {
    status: 414,
    meaning: 'the URL is longer than the limit (4096 by default)',
    example: 'request URL longer than 4096 characters',
  },
  unsupported_media_type: {
    status: 415,
    meaning: 'the body was not sent as application/json',
    example: 'send the body as JSON with Content-Type: application/json',
  },
  request_header_fields_too_large: {
    status: 431,
    meaning: 'the request line and headers are larger than the limit (16 KiB by default; answered by the HTTP server)',
    example: 'request line and headers larger than 16384 bytes',
  },
  venue_rejected: {
    status: 422,
    meaning: 'the venue refused the read',
    example: 'kraken rejected the request: timeframe 30m is not offered by kraken',
    extra: { exchange: 'kraken', errorType: 'InvalidOrderError' },
  },
  rate_limited: {
    status: 429,
    meaning: 'over the per-token (or per-address) request rate; see Retry-After',
    example: 'too many requests: at most 20 per second (burst 40); retry after 1 s',
  },
  internal_error: { status: 500, meaning: 'a bug: see the server log', example: 'internal error; see the server log' },
  workflow_failed: {
    status: 500,
    meaning: 'the run failed instead of returning an outcome (a bug, or terminated by hand)',
    example: 'workflow order-key-1 failed: WorkflowFailed: terminated',
    extra: { workflowId: 'order-key-1', errorType: 'WorkflowFailed' },
  },
  update_failed: {
    status: 500,
    meaning: 'the monitor accepted the change but could not apply it (a bug)',
    example: 'monitor-key-6 could not apply the change: unexpected state',
    extra: { workflowId: 'monitor-key-6' },
  },
  venue_auth_failed: {
    status: 502,
    meaning: 'the venue refused our credentials',
    example: 'binance refused the credentials: invalid API key',
    extra: { exchange: 'binance', errorType: 'AuthenticationError' },
  },
  venue_error: {
    status: 502,
    meaning: 'the venue failed in another way',
    example: 'binance failed: unexpected answer',
    extra: { exchange: 'binance', errorType: 'ExchangeError' },
  },
  venue_unavailable: {
    status: 503,
    meaning: 'the venue is down, in maintenance or throttling us: try later',
    example: 'coinbase is unavailable: no answer from coinbase within 15000 ms',
    extra: { exchange: 'coinbase', errorType: 'Timeout' },
  },
} as const satisfies Record<string, ErrorCodeDoc>

export type ErrorCode = keyof typeof ERROR_CODES

export function errorExample(code: ErrorCode): z.infer<typeof errorEnvelope> {
  const doc: ErrorCodeDoc = ERROR_CODES[code]
  return { error: { code, message: doc.example, ...doc.extra } }
}
