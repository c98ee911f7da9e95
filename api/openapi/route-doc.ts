// One entry of the route catalogue: what an integrator needs to know about one route of the app, as data. The
// builder (document.ts) turns it into an OpenAPI operation and adds what every route of its kind can answer
// (api/openapi/common-errors.ts).
import type { z } from 'zod'

import type { RequestSchemaName, ResponseSchemaName } from './components.js'
import type { ErrorCode } from './schemas/errors.js'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface Example {
  summary: string
  value: unknown
}

export type ResponseHeader = 'Location' | 'Retry-After' | 'WWW-Authenticate'

export interface ResponseDoc {
  status: number
  description: string
  /** JSON answers: one component, or several that the answer may be any of. */
  schemas?: ResponseSchemaName[]
  /** Error envelopes this status may carry, besides (or instead of) `schemas`. */
  errors?: ErrorCode[]
  /** Answers that are not JSON (the reference page and its assets), by media type. */
  media?: string[]
  examples?: Record<string, Example>
  headers?: ResponseHeader[]
}

export interface RouteDoc {
  method: HttpMethod
  /** As Hono registers it: /api/orders/:workflowId. */
  path: string
  operationId: string
  summary: string
  description?: string
  tags: string[]
  /** Open without a token (outside /api). */
  public?: boolean
  pathParams?: z.ZodObject
  query?: z.ZodObject
  /** Descriptions of query parameters, by name: what the schema cannot say (defaults, bounds after parsing). */
  queryNotes?: Record<string, string>
  /** The route reads an Idempotency-Key header. */
  idempotencyKey?: boolean
  body?: { schema: RequestSchemaName; required: boolean; examples: Record<string, Example> }
  responses: ResponseDoc[]
}
