// What every route of a kind can answer besides its own responses: the HTTP server's limits (bin/http-server.ts:
// headers, a request not received in time) and, from the middleware in api/app.ts, the URL limit, the rate limit and
// the error handler (every route); tokens and scopes (/api, /metrics); the body limit (a request with a body); the
// JSON check and validation (a route that reads a body, a query or an Idempotency-Key).
import type { ResponseDoc, RouteDoc } from './route-doc.js'

export function commonResponses(route: RouteDoc): ResponseDoc[] {
  const responses: ResponseDoc[] = [
    { status: 408, description: 'The request was not received in time.', errors: ['request_timeout'] },
    { status: 414, description: 'The URL is too long.', errors: ['uri_too_long'] },
    {
      status: 431,
      description: 'The request line and headers are too large.',
      errors: ['request_header_fields_too_large'],
    },
    {
      status: 429,
      description: 'Over the request rate (when the deployment sets one).',
      errors: ['rate_limited'],
      headers: ['Retry-After'],
    },
    { status: 500, description: 'A bug: see the server log.', errors: ['internal_error'] },
  ]
  if (!route.public) {
    responses.push(
      {
        status: 401,
        description: 'No valid API token (when tokens are configured).',
        errors: ['unauthorized'],
        headers: ['WWW-Authenticate'],
      },
      { status: 403, description: "The token lacks this route's scope.", errors: ['forbidden'] }
    )
  }
  if (route.method !== 'get')
    responses.push({ status: 413, description: 'The body is too large.', errors: ['payload_too_large'] })
  if (route.body)
    responses.push({
      status: 415,
      description: 'The body is not sent as application/json.',
      errors: ['unsupported_media_type'],
    })
  if (route.body || route.query || route.idempotencyKey) {
    responses.push({
      status: 400,
      description: 'The request is invalid: `error.field` names what.',
      errors: ['validation_error'],
    })
  }
  return responses
}
