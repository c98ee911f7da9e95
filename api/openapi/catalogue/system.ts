// The routes outside /api: health, metrics and this documentation (api/routes/health.ts, metrics.ts, docs.ts). All but
// /metrics are open without a token.
import { z } from 'zod'

import type { RouteDoc } from '../route-doc.js'
import { DOCS_ASSETS } from '../docs-assets.js'
import * as ex from './examples.js'

export const SYSTEM_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Health of the platform and each of its parts',
    description:
      'The API, Temporal and its workers, the database and each venue (read from the connectors), the trading state, ' +
      'and warnings that need a person (no worker, unresolved executions, reconciliation differences, trading stopped).',
    tags: ['system'],
    public: true,
    responses: [
      {
        status: 200,
        description: 'Temporal and the database answer (warnings may still be listed).',
        schemas: ['Health'],
        examples: { ok: { summary: 'healthy', value: ex.health } },
      },
      {
        status: 503,
        description: 'degraded: Temporal or the database is down.',
        schemas: ['Health'],
        examples: { degraded: { summary: 'Temporal down', value: ex.healthDegraded } },
      },
    ],
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    summary: "This process's metrics, for Prometheus",
    description:
      'Venue calls (latency, successes, errors by class), rate-limit waits, orders and executions of the ledger, and the ' +
      "Temporal worker's own metrics when it runs in this process. Outside /api, yet it needs a token when tokens are configured.",
    tags: ['system'],
    responses: [
      { status: 200, description: 'The metrics, in the Prometheus text format.', media: ['text/plain'] },
      { status: 404, description: 'This process collects no metrics.', errors: ['not_found'] },
    ],
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This API description (OpenAPI 3.1)',
    tags: ['system'],
    public: true,
    responses: [{ status: 200, description: 'The OpenAPI document.', media: ['application/json'] }],
  },
  {
    method: 'get',
    path: '/docs',
    operationId: 'getApiReference',
    summary: 'The interactive API reference (Swagger UI, served locally)',
    tags: ['system'],
    public: true,
    responses: [{ status: 200, description: 'The reference page.', media: ['text/html'] }],
  },
  {
    method: 'get',
    path: '/docs/assets/:file',
    operationId: 'getApiReferenceAsset',
    summary: "A file of the reference page (Swagger UI's own, from swagger-ui-dist)",
    tags: ['system'],
    public: true,
    pathParams: z.object({ file: z.enum(DOCS_ASSETS as [string, ...string[]]) }),
    responses: [
      { status: 200, description: 'The file.', media: ['text/css', 'text/javascript', 'image/png'] },
      { status: 404, description: 'Not a file of the page.', errors: ['not_found'] },
    ],
  },
]
