// buildOpenApiDocument(): the OpenAPI 3.1 description of the REST API, generated from the zod schemas the API
// validates with (requests) and those of api/openapi/schemas (answers), and the route catalogue.
import { ROUTE_CATALOGUE } from './catalogue/index.js'
import { REQUEST_SCHEMAS, RESPONSE_SCHEMAS } from './components.js'
import { componentSchemas, type JsonSchema } from './json-schema.js'
import { errorExamples, openApiPath, operation } from './operation.js'

export type OpenApiDocument = JsonSchema & { openapi: string; paths: Record<string, Record<string, JsonSchema>> }

const DESCRIPTION = `Durable order execution for crypto exchanges: every order and strategy runs as a Temporal workflow.

- **Money is exact**: amounts and prices are decimal strings ("0.01"); a JSON number is accepted in a request only when
  it is short enough (15 significant digits) to be exact.
- **Tokens**: with tokens configured, every \`/api\` route needs \`Authorization: Bearer <token>\` with the route's
  scope (\`read\`, \`trade\` or \`admin\`; the operation says which). A deployment without tokens (loopback demo mode)
  is open. \`/health\`, \`/openapi.json\` and \`/docs\` are always open.
- **Idempotency**: a POST that starts a run takes an \`Idempotency-Key\`; the same key returns the same run instead of
  starting another, and a key reused for a different request is a 409.
- **Waiting**: a POST waits up to 30 s for the outcome, then answers 202 with a \`Location\` to poll.
- **Errors**: every refusal has the envelope \`{ "error": { "code", "message", "field"? } }\`; each status lists its codes.`

export function buildOpenApiDocument(): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {}
  for (const route of ROUTE_CATALOGUE) {
    const path = (paths[openApiPath(route.path)] ??= {})
    path[route.method] = operation(route)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'exchange-gateway',
      version: '0.1.0',
      description: DESCRIPTION,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    tags: [
      { name: 'orders', description: 'One order, with failover, or routed to the best venue' },
      { name: 'arbitrage', description: 'Scan, execute, and monitor cross-venue arbitrage' },
      { name: 'market data', description: 'Public market data per venue, read straight from the connectors' },
      { name: 'exchanges', description: 'The venues, their health and the account balances' },
      {
        name: 'account',
        description: 'Positions, leverage, permissions and fees, fills and funding records per venue',
      },
      { name: 'history', description: 'Every execution, from the database' },
      { name: 'reconciliation', description: 'The ledger compared with the venues' },
      { name: 'risk', description: 'Risk limits and the trading state (the kill switch)' },
      { name: 'system', description: 'Health, metrics and this documentation' },
    ],
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas: { ...componentSchemas(RESPONSE_SCHEMAS, 'output'), ...componentSchemas(REQUEST_SCHEMAS, 'input') },
      examples: errorExamples(),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (GATEWAY_API_TOKEN, or GATEWAY_API_TOKENS_FILE with scopes read, trade, admin)',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'The same key returns the same run instead of starting another (1 to 128 of letters, digits and _ . : -)',
          schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,128}$' },
          example: 'order-2026-01-02-0001',
        },
        RequestId: {
          name: 'X-Request-Id',
          in: 'header',
          required: false,
          description: 'Carried on every log line of the request and echoed back; generated when absent or not sane',
          schema: { type: 'string', pattern: '^[\\w\\-=]{1,128}$' },
        },
      },
      headers: {
        RequestId: { description: "The request's id, as in the server's log lines", schema: { type: 'string' } },
        Location: { description: 'Where to poll the run', schema: { type: 'string' } },
        RetryAfter: {
          description: 'Whole seconds to wait before the next request',
          schema: { type: 'integer', minimum: 1 },
        },
        WwwAuthenticate: { description: 'Bearer', schema: { type: 'string', const: 'Bearer' } },
      },
    },
  }
}
